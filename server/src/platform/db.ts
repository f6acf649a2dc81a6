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
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  /** Owner connection for migrations only; defaults to `url`. */
  migrationUrl?: string | undefined;
  dataDir?: string | undefined; // PGlite folder; undefined = in memory
  poolSize?: number;
}

// Serialises migrations when several instances start at once against one PostgreSQL.
const MIGRATION_LOCK = 727_0001;

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10, opts.migrationUrl);
  return openPglite(opts.dataDir);
}

async function openPostgres(url: string, max: number, migrationUrl?: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'yiyang' });
  // A dropped idle connection must not crash the process; the pool reconnects.
  pool.on('error', () => {});
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

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
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
    async close() {
      await client.close();
    },
  };
}
