import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { DomainEvent, DomainEventOf, EventTopic } from '@yiyang/contracts';
import { generateDevKeys, type Config } from '../config.ts';
import { ANCHOR_INTERVAL_MS, anchorAuditChains } from './audit.anchor.ts';
import { FieldCipher } from './crypto.ts';
import { openDatabase, type Database, type Db } from './db.ts';
import { domainEvent, NatsBus, PgNotifyBus, type EventBus } from './events.ts';
import { EventFeed } from './feed.ts';
import { startBroker, type Broker } from './mqtt.ts';
import { ledger } from './platform.table.ts';
import { RealtimeHub } from './realtime.ts';
import { ambientDb, detached } from './requestTx.ts';

/** Everything a module may depend on, created once per process. */
export interface Platform {
  config: Config;
  log: Logger;
  database: Database;
  db: Db;
  bus: EventBus;
  /** Every committed event, once, on every instance (feed.ts). */
  feed: EventFeed;
  cipher: FieldCipher;
  hub: RealtimeHub;
  broker: Broker | null;
  /**
   * In-process handlers of one topic. Every instance receives every event, so
   * handlers must be idempotent; a rejected promise is logged.
   */
  on<T extends EventTopic>(topic: T, handler: (e: DomainEventOf<T>) => void | Promise<void>): void;
  /** A handler of every topic (`switch (e.topic)` narrows the payload). */
  onEvent(handler: (e: DomainEvent) => void | Promise<void>): void;
  /** Periodic platform jobs (audit anchors), stopped by closePlatform. */
  timers: NodeJS.Timeout[];
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
  opts: { log?: Logger; broker?: boolean; inMemory?: boolean; pgliteImage?: Blob } = {},
): Promise<Platform> {
  const log = opts.log ?? createLogger(config);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    migrationUrl: config.MIGRATION_DATABASE_URL,
    dataDir: config.DATABASE_URL || opts.inMemory ? undefined : join(config.dataDir, 'pglite'),
    image: opts.pgliteImage,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  // A copy of another database's image is another deployment: its own ledger id (NATS subjects).
  if (opts.pgliteImage) await database.exec('UPDATE ledger SET id = gen_random_uuid()');
  const keys = resolveKeys(config, log);
  const cipher = FieldCipher.fromConfig(keys.DATA_KEYS, keys.HASH_KEY);
  const bus: EventBus = config.NATS_URL
    ? new NatsBus(config.NATS_URL, (await database.db.select().from(ledger))[0]!.id, log)
    : new PgNotifyBus(database, log);
  const feed = new EventFeed(database.db, log);
  const hub = new RealtimeHub();
  const handlers: ((e: DomainEvent) => void | Promise<void>)[] = [];
  feed.subscribe((logged, cursor) => {
    const e = domainEvent(logged);
    hub.dispatch(e, cursor);
    for (const h of handlers)
      void Promise.resolve()
        .then(() => h(e))
        .catch((err: unknown) => log.warn({ err, topic: e.topic }, 'event handler failed'));
  });
  feed.onCheckpoint((cursor) => hub.checkpoint(cursor));
  await feed.start();
  // Handlers belong to no request, even when a request's commit delivers the event (PGlite).
  await bus.start((m) => detached(() => feed.receive(m)));
  // Chain heads anchored now and then (decision 014); one instance at a time writes.
  const anchoring = setInterval(
    () =>
      void anchorAuditChains(database.db).catch((err: unknown) => log.warn({ err }, 'audit anchor failed')),
    ANCHOR_INTERVAL_MS,
  );
  anchoring.unref();
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
    // Joins the request transaction of an idempotent command (requestTx.ts); the database otherwise.
    db: ambientDb(database.db),
    bus,
    feed,
    cipher,
    hub,
    broker,
    on: (topic, h) => void handlers.push((e) => (e.topic === topic ? h(e as never) : undefined)),
    onEvent: (h) => void handlers.push(h),
    timers: [anchoring],
  };
}

export async function closePlatform(p: Platform): Promise<void> {
  for (const t of p.timers) clearInterval(t);
  p.hub.closeAll();
  await p.bus.close();
  await p.feed.stop();
  await p.broker?.close();
  await p.database.close();
}
