import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { PERMISSIONS } from '@yiyang/contracts';
import type { Logger } from 'pino';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { closePlatform, createPlatform, type Platform } from '../src/platform/context.ts';
import { seedDemo } from '../src/modules/seed/index.ts';
import { modules } from '../src/modules/index.ts';
import { runStartup, type AnyModule } from '../src/platform/module.ts';
import { permissions, rolePermissions, roles } from '../src/modules/user/user.table.ts';
import type { Db } from '../src/platform/db.ts';
import { ADMIN_URL, cloneDatabase, runTemplate } from './templates.ts';

/**
 * Test tiers share this harness: every integration test runs on PGlite and on
 * the real PostgreSQL (a fresh database per test file). Under CI=true a
 * missing PostgreSQL is a failure, not a skip.
 */
export interface DbTarget {
  name: 'pglite' | 'postgres';
  /** Creates a fresh database and returns its URL (postgres) or undefined (PGlite in memory). */
  create(): Promise<{ url: string | undefined; drop(): Promise<void> }>;
}

export { ADMIN_URL };
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

const pglite: DbTarget = { name: 'pglite', create: async () => ({ url: undefined, drop: async () => {} }) };

const postgres: DbTarget = {
  name: 'postgres',
  async create() {
    const name = `yy_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const a = new pg.Client({ connectionString: ADMIN_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  },
};

let cachedTargets: DbTarget[] | null = null;

/** PGlite always; PostgreSQL when reachable (required under CI). */
export async function dbTargets(): Promise<DbTarget[]> {
  if (cachedTargets) return cachedTargets;
  if (process.env.TEST_DB === 'pglite') return (cachedTargets = [pglite]);
  if (await postgresReachable())
    return (cachedTargets = process.env.TEST_DB === 'postgres' ? [postgres] : [pglite, postgres]);
  if (IN_CI) throw new Error(`CI=true but PostgreSQL is not reachable at ${ADMIN_URL}`);
  console.warn(`\n*** PostgreSQL not reachable at ${ADMIN_URL}: integration tests run on PGlite only ***\n`);
  return (cachedTargets = [pglite]);
}

/** One run's keys (scripts/test.mjs), so that every test file can open the run's seeded templates. */
export const TEST_KEYS = {
  DATA_KEYS: process.env.YY_TEST_DATA_KEYS ?? `v1:${randomBytes(32).toString('base64')}`,
  HASH_KEY: process.env.YY_TEST_HASH_KEY ?? randomBytes(32).toString('base64'),
};

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MQTT_EMBEDDED: 'false',
    PORT: '0',
    // A few hundred elders keep every test file's seed fast; a test may ask for more.
    DEMO_ELDERS: '200',
    ...TEST_KEYS,
    ...overrides,
  });
}

export interface TestEnv extends BuiltApp {
  platform: Platform;
  config: Config;
  target: DbTarget['name'];
  /** Signs in through the API and returns a client that sends the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  userId: string;
  csrfToken: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export const DEMO_PASSWORD = 'Yiyang@2026';

/** The run's template database of this seed, built by the first test file that asks (templates.ts). */
const templateOf = (kind: DbTarget['name'], seed: boolean, env: Record<string, string | undefined>) =>
  runTemplate(kind, seed, env, async (url) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yy-tpl-'));
    const config = testConfig({ DATABASE_URL: url, DATA_DIR: dataDir, DEMO_PASSWORD, ...env });
    const p = await createPlatform(config, { inMemory: true, broker: false });
    try {
      await runStartup(p, modules, ['prepare']);
      if (seed) await seedDemo(p, modules);
      return kind === 'pglite' ? await p.database.dump!() : undefined;
    } finally {
      await closePlatform(p);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

/** A platform on a fresh database with the demo district seeded (or not), and the app built. */
export async function startTestEnv(
  target: DbTarget,
  opts: {
    seed?: boolean;
    env?: Record<string, string | undefined>;
    shareWith?: TestEnv;
    log?: Logger;
    /** The module list (default: modules/index.ts); a test may add a module of its own. */
    modules?: readonly AnyModule[];
  } = {},
): Promise<TestEnv> {
  const seed = opts.seed !== false;
  // The run's template of this seed (templates.ts), copied instead of migrating and seeding again;
  // not for a test's own module list (its modules may seed more).
  const template =
    opts.shareWith || opts.modules ? null : await templateOf(target.name, seed, opts.env ?? {});
  // A second instance on the same PostgreSQL database (multi-instance tests).
  const db = opts.shareWith
    ? { url: opts.shareWith.config.DATABASE_URL, drop: async () => {} }
    : template?.kind === 'postgres'
      ? await cloneDatabase(template.name)
      : await target.create();
  const dataDir = mkdtempSync(join(tmpdir(), 'yy-test-'));
  const config = testConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir, DEMO_PASSWORD, ...opts.env });
  if (opts.shareWith)
    Object.assign(config, {
      DATA_KEYS: opts.shareWith.config.DATA_KEYS,
      HASH_KEY: opts.shareWith.config.HASH_KEY,
    });
  const platform = await createPlatform(config, {
    inMemory: true,
    broker: false,
    ...(template?.kind === 'pglite' ? { pgliteImage: template.image } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const list = opts.modules ?? modules;
  // A template copy has been prepared and seeded already.
  if (!template) {
    await runStartup(platform, list, ['prepare']);
    if (seed) await seedDemo(platform, list);
  }
  const built = await buildApp(platform, list);
  await built.app.ready();
  const env: TestEnv = {
    ...built,
    platform,
    config,
    target: target.name,
    async login(username, password = DEMO_PASSWORD) {
      const res = await built.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const me = res.json() as { id: string; csrfToken: string };
      const cookie = res.cookies.find((c) => c.name === 'yy_session')!;
      return clientFor(built, `yy_session=${cookie.value}`, me.id, me.csrfToken);
    },
    async close() {
      await built.app.close();
      await closePlatform(platform);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}

export function clientFor(built: BuiltApp, cookie: string, userId: string, csrfToken: string): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    built.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    userId,
    csrfToken,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body),
    patch: (url, body) => request('PATCH', url, body),
    delete: (url) => request('DELETE', url),
  };
}

/** A multipart/form-data body with one file in the field `file` (what the console's upload sends). */
export function multipartFile(
  fileName: string,
  contentType: string,
  content: Buffer | string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----yiyang${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Creates the role `test_all` holding every permission, so that only scope or validation can refuse its users. */
export async function everyPermissionRole(db: Db): Promise<string> {
  await db.insert(roles).values({ code: 'test_all', nameZh: '全部权限', nameEn: 'All permissions' });
  await db
    .insert(permissions)
    .values(PERMISSIONS.map((code) => ({ code })))
    .onConflictDoNothing();
  await db
    .insert(rolePermissions)
    .values(PERMISSIONS.map((p) => ({ roleCode: 'test_all', permissionCode: p })));
  return 'test_all';
}

/**
 * Tables the platform writes on its own clock, whatever requests do: `audit_anchors`, which the anchoring
 * timer (platform/context.ts, every ANCHOR_INTERVAL_MS) extends once a chain has grown. A test env's
 * first tick anchors the seed's chains about ten seconds after it starts, in the middle of whatever the
 * test is doing then (a walk of every route takes about that long). Snapshots leave them out; what
 * they anchor, `ledger_heads`, moves only with commits and stays in.
 */
const TIMER_TABLES: ReadonlySet<string> = new Set(['audit_anchors']);

/** Each table's rows (JSON, in primary-key order), to compare before and after requests that must change nothing. */
export type TableSnapshot = ReadonlyMap<string, readonly string[]>;

/**
 * Every row of every table but `skip` and the timers' tables. A name in `skip` that is no table is an
 * error: a renamed table would otherwise be compared without anyone noticing.
 */
export async function snapshotTables(db: Db, skip: ReadonlySet<string>): Promise<TableSnapshot> {
  const res = (await db.execute(
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  )) as unknown as { rows: { table_name: string }[] };
  const names = res.rows.map((r) => r.table_name);
  const unknown = [...skip].filter((t) => !names.includes(t));
  if (unknown.length) throw new Error(`snapshotTables: no table ${unknown.join(', ')} to leave out`);
  const out = new Map<string, string[]>();
  for (const name of names) {
    if (skip.has(name) || TIMER_TABLES.has(name)) continue;
    const rows = (await db.execute(sql.raw(`SELECT * FROM "${name}" ORDER BY 1`))) as unknown as {
      rows: unknown[];
    };
    out.set(
      name,
      rows.rows.map((r) => JSON.stringify(r)),
    );
  }
  return out;
}

/**
 * The tables whose rows differ between two snapshots, each with its rows added and removed and the
 * first of them: an assertion message that names the table (a diff of the whole text would be
 * truncated and point at whichever long line it was cut in).
 */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const changes: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(name) ?? [];
    const a = after.get(name) ?? [];
    if (a.length === b.length && a.every((row, i) => row === b[i])) continue;
    const was = new Set(b);
    const is = new Set(a);
    const added = a.filter((r) => !was.has(r));
    const removed = b.filter((r) => !is.has(r));
    const first = added[0] ?? removed[0];
    changes.push(
      `${name}: +${added.length} -${removed.length} rows${first ? `, e.g. ${first.slice(0, 300)}` : ''}`,
    );
  }
  return changes;
}
