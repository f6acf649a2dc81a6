import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from '../db/schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../db/migrations', import.meta.url));

/** One listener API over PostgreSQL LISTEN and PGlite's in-process listen. */
export type Listen = (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  listen: Listen;
  migrate(): Promise<void>;
  /** Raw SQL for bulk paths (COPY-like loads, benchmarks) that Drizzle does not model. */
  exec(sql: string): Promise<void>;
  /** PGlite only: the whole data folder as a tarball, to open copies of it (test templates). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  /** Owner connection for migrations only; defaults to `url`. */
  migrationUrl?: string | undefined;
  dataDir?: string | undefined; // PGlite folder; undefined = in memory
  /** PGlite: start from this data folder tarball (`Database.dump()`) instead of an empty database. */
  image?: Blob | undefined;
  poolSize?: number;
}

// Serialises migrations when several instances start at once against one PostgreSQL.
const MIGRATION_LOCK = 727_0001;

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10, opts.migrationUrl);
  return openPglite(opts.dataDir, opts.image);
}

async function openPostgres(url: string, max: number, migrationUrl?: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'yiyang',
    // OLTP pool: a parallel plan costs milliseconds of worker start-up, more than the short keyset and
    // lookup queries it would split (a 157 ms page instead of 1 ms, decision 007). Statistics over
    // the whole registry still go parallel. A DATABASE_URL with its own `options` keeps them.
    ...(new URL(url).searchParams.has('options') ? {} : { options: '-c parallel_setup_cost=20000' }),
  });
  // A dropped idle connection must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  // …nor one terminated while checked out between two queries of a transaction (pg-pool removes its idle
  // listener then; found by device.fault.int.test.ts with pg_terminate_backend): the next query fails
  // instead, the transaction rolls back and the client is discarded.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Set<pg.Client>();
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload) {
      let client: pg.Client | null = null;
      let closed = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url, application_name: 'yiyang-listen' });
        c.on('notification', (m) => m.channel === channel && m.payload !== undefined && onPayload(m.payload));
        // Reconnect after a PostgreSQL restart (PRODUCT.md §7).
        c.on('error', () => {
          listeners.delete(c);
          if (!closed) setTimeout(() => void connect().catch(() => {}), 1000);
        });
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = c;
        listeners.add(c);
      };
      await connect();
      return async () => {
        closed = true;
        if (client) {
          listeners.delete(client);
          await client.end().catch(() => {});
        }
      };
    },
    async migrate() {
      const client = new pg.Client({
        connectionString: migrationUrl ?? url,
        application_name: 'yiyang-migrate',
      });
      await client.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        await client.end();
      }
    },
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async close() {
      for (const c of listeners) await c.end().catch(() => {});
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined, image: Blob | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = image ? new PGlite({ dataDir, loadDataDir: image }) : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      const unsub = await client.listen(channel, onPayload);
      return unsub;
    },
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    dump: () => client.dumpDataDir('none'),
    async close() {
      await client.close();
    },
  };
}

/**
 * A hand-written statement on `db`'s connection (pg pool or client, or PGlite), for the few hot queries
 * where the query builder's per-call cost matters. On PostgreSQL it is a named prepared statement, one
 * per distinct text: parsed once per connection, and planned generically once PostgreSQL finds that as
 * good as planning each call. `prepare: false` for a statement whose best plan depends on its values
 * (a generic plan cannot know how rare they are): planned on each call. Rows come back keyed by the column aliases, with pg's own type parsing
 * (timestamptz → Date, json → value; cast dates to text).
 */
export async function queryText<T>(
  db: Executor,
  text: string,
  values: unknown[],
  opts: { prepare: boolean } = { prepare: true },
): Promise<T[]> {
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  if (client instanceof pg.Pool || client instanceof pg.Client) {
    let name = opts.prepare ? statementNames.get(text) : undefined;
    if (opts.prepare && name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
      name = `yy_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    return (await client.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  }
  // PGlite, or a PGlite transaction.
  return (
    await (client as { query: (t: string, v: unknown[]) => Promise<{ rows: T[] }> }).query(text, values)
  ).rows;
}
// Statement texts are built from a bounded set of shapes (values are always parameters); the cap only
// guards against a caller that breaks that rule.
const MAX_NAMED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();
