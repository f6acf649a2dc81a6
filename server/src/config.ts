import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * All configuration comes from the environment through this one schema
 * (STYLE.md habit 5). Each setting has a description and a `sensitive` flag so
 * that `yiyang config` can print the effective configuration without secrets.
 */
interface Setting<T extends z.ZodType> {
  schema: T;
  description: string;
  sensitive?: boolean;
}
const setting = <T extends z.ZodType>(s: Setting<T>) => s;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Fastify's `trustProxy`: `false`, hops, or trusted proxy addresses. Never Fastify's `true` ("trust
 * every hop"): the client address would be the left-most X-Forwarded-For entry, which the client writes.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((v, ctx): false | number | string[] => {
    const t = v.trim().toLowerCase();
    if (['false', 'no', '0'].includes(t)) return false;
    if (['true', 'yes'].includes(t)) return 1;
    if (/^\d+$/.test(t)) return Number(t);
    const list = t.split(',').map((a) => a.trim());
    const bad = list.find((a) => !ipaddr.isValid(a) && !ipaddr.isValidCIDR(a));
    if (bad === undefined) return list;
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not an address or CIDR` });
    return z.NEVER;
  });

/** Fastify's own number form trusts no hop (fastify 5.8+): hops become proxy-addr's `(addr, i) => i < n`. */
export function fastifyTrustProxy(v: false | number | string[]) {
  return typeof v === 'number' ? (_addr: string, hop: number) => hop < v : v;
}

export const SETTINGS = {
  NODE_ENV: setting({
    schema: z.enum(['development', 'production', 'test']).default('development'),
    description: 'Runtime mode; "production" requires explicit secrets.',
  }),
  HOST: setting({
    schema: z.string().default('0.0.0.0'),
    description: 'Interface the HTTP server binds to.',
  }),
  PORT: setting({
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    description: 'HTTP port.',
  }),
  DATABASE_URL: setting({
    schema: z.string().url().optional(),
    description: 'PostgreSQL connection URL. Unset: embedded PGlite in DATA_DIR.',
    sensitive: true,
  }),
  MIGRATION_DATABASE_URL: setting({
    schema: z.string().url().optional(),
    description:
      'Owner connection used only to apply migrations at start (lets the app role lack DDL and audit UPDATE/DELETE). Unset: DATABASE_URL.',
    sensitive: true,
  }),
  DATABASE_POOL_SIZE: setting({
    schema: z.coerce.number().int().min(1).max(200).default(10),
    description: 'Connections per instance when DATABASE_URL is set.',
  }),
  DATA_DIR: setting({
    schema: z.string().default('./data'),
    description: 'Folder for PGlite data and generated files (relative to the repository root).',
  }),
  MQTT_URL: setting({
    schema: z.string().url().optional(),
    description: 'MQTT broker URL (mqtt://host:1883). Unset: embedded aedes broker on MQTT_PORT.',
    sensitive: true,
  }),
  MQTT_PORT: setting({
    schema: z.coerce.number().int().min(0).max(65535).default(1883),
    description: 'Port of the embedded broker (0 = ephemeral; used only when MQTT_URL is unset).',
  }),
  MQTT_EMBEDDED: setting({
    schema: bool.default(true),
    description: 'Start the embedded broker when MQTT_URL is unset; false disables device ingest.',
  }),
  MQTT_USERNAME: setting({
    schema: z.string().min(1).default('yiyang-server'),
    description:
      "The server's own MQTT user (Mosquitto: in the password file and the ACL; may publish to any device topic).",
  }),
  MQTT_PASSWORD: setting({
    schema: z.string().optional(),
    description: 'Password of MQTT_USERNAME. Unset with the embedded broker: no server login is accepted.',
    sensitive: true,
  }),
  MQTT_CLIENT_ID: setting({
    schema: z.string().min(1).max(64).optional(),
    description:
      "Fixed MQTT client id of this instance's persistent ingest session (Mosquitto). Unset: yiyang-ingest-<hostname>. Each instance needs its own.",
  }),
  NATS_URL: setting({
    schema: z.string().optional(),
    description: 'NATS server for cross-instance event fan-out. Unset: PostgreSQL LISTEN/NOTIFY.',
    sensitive: true,
  }),
  SESSION_TTL_HOURS: setting({
    schema: z.coerce.number().min(0.1).max(720).default(12),
    description: 'Idle lifetime of a console session; every request extends it.',
  }),
  SESSION_MAX_HOURS: setting({
    schema: z.coerce.number().min(1).max(2160).default(168),
    description: 'Absolute lifetime of a console session.',
  }),
  AUTH_CACHE_SECONDS: setting({
    schema: z.coerce.number().min(0).max(60).default(5),
    description:
      'How long an instance reuses a resolved session or API token; revocation reaches other instances within this time (0 = off).',
  }),
  COOKIE_SECURE: setting({
    schema: bool.optional(),
    description: 'Mark cookies Secure (default: true in production).',
  }),
  // Sign-in limits (docs/architecture.md "Sign-in limits"): only failures count, so 200 accounts behind
  // one NAT address all sign in within a minute, while one account's password cannot be guessed.
  LOGIN_MAX_FAILURES: setting({
    schema: z.coerce.number().int().min(1).default(5),
    description:
      'Failed sign-ins to one account (from any address) within LOGIN_LOCK_MINUTES before the account is locked.',
  }),
  LOGIN_LOCK_MINUTES: setting({
    schema: z.coerce.number().int().min(1).default(15),
    description:
      'Failure window of an account and length of its first lock; each further lock in a row is twice as long (up to LOGIN_LOCK_MAX_MINUTES); a successful sign-in starts afresh.',
  }),
  LOGIN_ADDRESS_MAX_FAILURES: setting({
    schema: z.coerce.number().int().min(1).default(100),
    description:
      'Failed sign-ins from one client address (all accounts together; IPv6 per /64) within LOGIN_ADDRESS_WINDOW_MINUTES before the address is locked. Successful sign-ins do not count.',
  }),
  LOGIN_ADDRESS_WINDOW_MINUTES: setting({
    schema: z.coerce.number().int().min(1).default(60),
    description:
      'Failure window of a client address and length of its first lock; each further lock in a row is twice as long (up to LOGIN_LOCK_MAX_MINUTES).',
  }),
  LOGIN_LOCK_MAX_MINUTES: setting({
    schema: z.coerce.number().int().min(1).default(240),
    description:
      'Longest sign-in lock of an account or address; one that stayed unlocked this long starts again from its first lock.',
  }),
  DATA_KEYS: setting({
    schema: z.string().optional(),
    description:
      'Field-encryption keyring "v1:<base64 32 bytes>,v2:<…>"; the last is active, older ones decrypt. Required in production.',
    sensitive: true,
  }),
  HASH_KEY: setting({
    schema: z.string().optional(),
    description:
      'Base64 32-byte key for keyed hashes (exact lookup of ID numbers, phones). Required in production.',
    sensitive: true,
  }),
  SEED_DEMO: setting({
    schema: bool.default(true),
    description: 'Seed the demo district (綦江区) and demo accounts into an empty database.',
  }),
  IMPORT_MAX_MB: setting({
    schema: z.coerce.number().int().min(1).max(4096).default(256),
    description:
      'Largest 摸底表 upload in MiB (spooled to disk, never held in memory; 1,000,000 rows of CSV ≈ 150 MiB).',
  }),
  IMPORT_MAX_ROWS: setting({
    schema: z.coerce.number().int().min(10).max(100_000_000).default(1_048_576),
    description:
      'Most rows of a 摸底表 (the data sheet of an .xlsx, or the records of a CSV, header included); more refuses the file. Default: the rows of an Excel sheet.',
  }),
  IMPORT_MAX_CELL_CHARS: setting({
    schema: z.coerce.number().int().min(100).max(10_000_000).default(32_767),
    description:
      "Longest cell of a 摸底表 in characters (default: Excel's own limit); a longer cell refuses the file before it is held whole.",
  }),
  IMPORT_XLSX_MAX_UNZIPPED_MB: setting({
    schema: z.coerce.number().int().min(1).max(16_384).default(256),
    description:
      'Most MiB an .xlsx 摸底表 may unpack to, all its parts together, counted as they are inflated (zip bombs); ~330,000 filled template rows.',
  }),
  DEMO_COUNTY: setting({
    schema: z
      .string()
      .regex(/^\d{6}$/)
      .default('500110'),
    description: 'County of the demo.',
  }),
  DEMO_ELDERS: setting({
    schema: z.coerce.number().int().min(0).max(1_000_000).default(5000),
    description: 'Synthetic elders seeded with the demo district (tests use fewer).',
  }),
  DEMO_PASSWORD: setting({
    schema: z.string().min(10).default('Yiyang@2026'),
    description: 'Password of the seeded demo accounts.',
    sensitive: true,
  }),
  WEB_DIST: setting({
    schema: z.string().default('web/dist'),
    description: 'Built console to serve (relative to the repository root); absent folder: API only.',
  }),
  LOG_LEVEL: setting({
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'pino log level.',
  }),
  BODY_LIMIT_BYTES: setting({
    schema: z.coerce.number().int().min(1024).default(1_048_576),
    description: 'Largest JSON body accepted (uploads have their own limit).',
  }),
  ALARM_ACK_SECONDS: setting({
    schema: z.coerce.number().int().min(5).max(3600).default(60),
    description:
      'Escalation ladder: an alarm nobody claimed in this many seconds goes to the seat supervisor.',
  }),
  ALARM_ACCEPT_MINUTES: setting({
    schema: z.coerce.number().int().min(1).max(120).default(5),
    description:
      'Escalation ladder: a responder who has not accepted in this many minutes is replaced by the next.',
  }),
  ALARM_ARRIVE_MINUTES: setting({
    schema: z.coerce.number().int().min(5).max(480).default(45),
    description:
      'Escalation ladder: nobody on site this many minutes after dispatch goes to the duty officer.',
  }),
  DEVICE_LOW_BATTERY: setting({
    schema: z.coerce.number().int().min(1).max(90).default(20),
    description:
      'Device health: a battery below this percentage opens a low-battery task; it closes above this + 5.',
  }),
  COVERAGE_WALK_KMH: setting({
    schema: z.coerce.number().min(1).max(8).default(4),
    description:
      'The 15-minute service circle (decision 030): walking speed of an older person in km/h (4 = 1.1 m/s).',
  }),
  COVERAGE_DETOUR: setting({
    schema: z.coerce.number().min(1).max(3).default(1.3),
    description:
      'The 15-minute service circle: walking distance ÷ straight-line distance (detour factor of the street network).',
  }),
  COVERAGE_CIRCLE_MINUTES: setting({
    schema: z.coerce.number().int().min(5).max(60).default(15),
    description: 'The service circle in minutes of walking (一刻钟 = 15).',
  }),
  HEALTH_THRESHOLDS: setting({
    schema: z
      .string()
      .default('')
      .refine((s) => {
        if (!s) return true;
        try {
          const v: unknown = JSON.parse(s);
          return typeof v === 'object' && v !== null && !Array.isArray(v);
        } catch {
          return false;
        }
      }, 'a JSON object'),
    description:
      'Default vital-sign thresholds over the built-in ones, as JSON: {"heart_rate":{"low":50,"high":110},"spo2":{"low":93}} (kinds: bp_systolic, bp_diastolic, heart_rate, temperature, spo2, glucose, weight). An elder\'s own thresholds override these.',
  }),
  TRUST_PROXY: setting({
    schema: trustProxy,
    description:
      'Proxies in front of the app, whose X-Forwarded-For entries give the client address (audit log, sign-in limits): false (none); a comma-separated list of the proxies\' addresses/CIDRs (safest); or a number of hops, "true" meaning 1, only when clients cannot reach the app except through them. Entries a client writes further left are never believed.',
  }),
} as const;

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> } & {
  rootDir: string;
  dataDir: string;
  webDist: string;
};

export class ConfigError extends Error {}

/** Repository root: server/src/config.ts → ../.. */
export const ROOT_DIR = resolve(new URL('../..', import.meta.url).pathname);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const shape = Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, s.schema])) as {
    [K in keyof Settings]: Settings[K]['schema'];
  };
  // Empty strings count as unset, so `DATABASE_URL= npm start` means PGlite.
  const cleaned = Object.fromEntries(
    Object.keys(SETTINGS).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = z.object(shape).safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0]);
      const s = SETTINGS[key as keyof Settings];
      return `  ${key}: ${i.message}${s ? ` — ${s.description}` : ''}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && (!c.DATA_KEYS || !c.HASH_KEY)) {
    throw new ConfigError(
      'Invalid configuration:\n  DATA_KEYS and HASH_KEY are required when NODE_ENV=production.',
    );
  }
  return {
    ...c,
    rootDir: ROOT_DIR,
    dataDir: resolve(ROOT_DIR, c.DATA_DIR),
    webDist: resolve(ROOT_DIR, c.WEB_DIST),
  } as Config;
}

/** The effective configuration with sensitive values hidden, for `yiyang config`. */
export function describeConfig(config: Config): { key: string; value: string; description: string }[] {
  return Object.entries(SETTINGS).map(([key, s]) => {
    const v = config[key as keyof Settings];
    const shown = v === undefined ? '(unset)' : 'sensitive' in s && s.sensitive ? '******' : String(v);
    return { key, value: shown, description: s.description };
  });
}

/** Random development keys, persisted by the caller in DATA_DIR so restarts can decrypt. */
export function generateDevKeys(): { DATA_KEYS: string; HASH_KEY: string } {
  return {
    DATA_KEYS: `v1:${randomBytes(32).toString('base64')}`,
    HASH_KEY: randomBytes(32).toString('base64'),
  };
}
