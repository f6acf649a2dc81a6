import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { generateDevKeys, type Config } from '../config.ts';
import { FieldCipher } from './crypto.ts';
import { openDatabase, type Database, type Db } from './db.ts';
import { NatsBus, PgNotifyBus, type EventBus, type PublishedEvent } from './events.ts';
import { startBroker, type Broker } from './mqtt.ts';
import { RealtimeHub } from './realtime.ts';

/** Everything a module may depend on, created once per process. */
export interface Platform {
  config: Config;
  log: Logger;
  database: Database;
  db: Db;
  bus: EventBus;
  cipher: FieldCipher;
  hub: RealtimeHub;
  broker: Broker | null;
  /** In-process subscribers of domain events (every instance receives every event; handlers must be idempotent). */
  onEvent(handler: (e: PublishedEvent) => void): void;
}

export function createLogger(config: Config, destination?: NodeJS.WritableStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    // No personal data in logs (PRODUCT.md §7): secrets and personal fields are removed wherever they appear.
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        '*.password',
        '*.idNumber',
        '*.phone',
        '*.address',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // Query strings carry search terms (names, phones): only the path is logged.
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        ip: req.ip,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Development keys when DATA_KEYS/HASH_KEY are unset: generated once and kept
 * in the data folder (mode 600) so that restarts can still decrypt. Production
 * refuses to start without explicit keys (config.ts).
 */
function resolveKeys(config: Config, log: Logger): { DATA_KEYS: string; HASH_KEY: string } {
  if (config.DATA_KEYS && config.HASH_KEY) return { DATA_KEYS: config.DATA_KEYS, HASH_KEY: config.HASH_KEY };
  if (config.DATABASE_URL === undefined) {
    const file = join(config.dataDir, 'dev-keys.json');
    if (existsSync(file))
      return JSON.parse(readFileSync(file, 'utf8')) as { DATA_KEYS: string; HASH_KEY: string };
    const keys = generateDevKeys();
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    chmodSync(file, 0o600);
    log.warn({ file }, 'generated development encryption keys; set DATA_KEYS and HASH_KEY in production');
    return keys;
  }
  log.warn('DATA_KEYS/HASH_KEY unset: using throw-away keys; encrypted data will not survive a restart');
  return generateDevKeys();
}

export async function createPlatform(
  config: Config,
  opts: { log?: Logger; broker?: boolean; inMemory?: boolean } = {},
): Promise<Platform> {
  const log = opts.log ?? createLogger(config);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    migrationUrl: config.MIGRATION_DATABASE_URL,
    dataDir: config.DATABASE_URL || opts.inMemory ? undefined : join(config.dataDir, 'pglite'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  const keys = resolveKeys(config, log);
  const cipher = FieldCipher.fromConfig(keys.DATA_KEYS, keys.HASH_KEY);
  const bus: EventBus = config.NATS_URL ? new NatsBus(config.NATS_URL, log) : new PgNotifyBus(database, log);
  const hub = new RealtimeHub();
  const handlers: ((e: PublishedEvent) => void)[] = [];
  await bus.start((e) => {
    hub.dispatch(e);
    for (const h of handlers) h(e);
  });
  const broker =
    opts.broker === false
      ? null
      : await startBroker({
          url: config.MQTT_URL,
          port: config.MQTT_PORT,
          embedded: config.MQTT_EMBEDDED,
          log,
        });
  return {
    config,
    log,
    database,
    db: database.db,
    bus,
    cipher,
    hub,
    broker,
    onEvent: (h) => void handlers.push(h),
  };
}

export async function closePlatform(p: Platform): Promise<void> {
  p.hub.closeAll();
  await p.bus.close();
  await p.broker?.close();
  await p.database.close();
}
