import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * Seeded template databases, one per kind of seed and test run (issue "…a test suite that is fast").
 * Migrating and seeding the demo district cost every integration test file seconds per database
 * target; the first file of a run that asks for a seed builds it once, and every file after copies it:
 * PostgreSQL with `CREATE DATABASE … TEMPLATE`, PGlite by loading the template's data folder tarball.
 * `scripts/test.mjs` names the run (`YY_TEST_RUN`, `YY_TEST_RUN_DIR`), gives it one set of keys (the
 * seed is encrypted) and drops the templates afterwards. Without a run (a test file started on its own)
 * every file migrates and seeds its own database, as before; `YY_TEST_TEMPLATES=0` asks for that too
 * (to compare, or to rule templates out).
 */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = process.env.YY_TEST_RUN;
const RUN_DIR = process.env.YY_TEST_RUN_DIR;
/** How long a file waits for another file's PGlite template before building its own database. */
const WAIT_MS = 10 * 60_000;

export type Template = { kind: 'postgres'; name: string } | { kind: 'pglite'; image: Blob };
/** Migrates (and seeds) the database at `url` (PGlite in memory when undefined); PGlite returns its dump. */
export type BuildTemplate = (url: string | undefined) => Promise<Blob | undefined>;

/**
 * Only the settings that change what the seed writes name a template; a test that sets keys or anything
 * else the seed reads differently gets its own database.
 */
function templateKey(seed: boolean, env: Record<string, string | undefined>): string | null {
  if (!RUN || !RUN_DIR || process.env.YY_TEST_TEMPLATES === '0') return null;
  if (Object.keys(env).some((k) => k === 'DATA_KEYS' || k === 'HASH_KEY' || k === 'DATABASE_URL'))
    return null;
  if (!seed) return 'bare';
  const demo = Object.entries(env)
    .filter(([k]) => k.startsWith('DEMO_'))
    .sort(([a], [b]) => a.localeCompare(b));
  return `s${createHash('sha256').update(JSON.stringify(demo)).digest('hex').slice(0, 10)}`;
}

export async function runTemplate(
  kind: 'pglite' | 'postgres',
  seed: boolean,
  env: Record<string, string | undefined>,
  build: BuildTemplate,
): Promise<Template | null> {
  const key = templateKey(seed, env);
  if (!key) return null;
  return kind === 'postgres' ? postgresTemplate(`yy_tpl_${RUN}_${key}`, build) : pgliteTemplate(key, build);
}

const urlOf = (name: string): string => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** The first file builds the template under an advisory lock; the others wait for the lock and find it. */
async function postgresTemplate(name: string, build: BuildTemplate): Promise<Template> {
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return;
      await c.query(`CREATE DATABASE ${name}`);
      try {
        await build(urlOf(name));
      } catch (err) {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        throw err;
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return { kind: 'postgres', name };
}

/** A fresh database copied from a template (no session may be connected to the template meanwhile). */
export async function cloneDatabase(template: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `yy_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  // A copy is another deployment: its own ledger id (its NATS subjects), not the template's.
  const copy = new pg.Client({ connectionString: urlOf(name) });
  await copy.connect();
  await copy.query('UPDATE ledger SET id = gen_random_uuid()').finally(() => copy.end());
  return {
    url: urlOf(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * PGlite has no server to hold a lock: the file that creates `<key>.lock` first builds the tarball and
 * renames it into place; the others wait for it (or for `<key>.failed`, then build their own database).
 */
async function pgliteTemplate(key: string, build: BuildTemplate): Promise<Template | null> {
  const file = join(RUN_DIR!, `pglite-${key}.tar`);
  const failed = `${file}.failed`;
  let lock: number | null = null;
  try {
    lock = openSync(`${file}.lock`, 'wx');
  } catch {
    // Another file builds it.
  }
  if (lock !== null) {
    try {
      const image = await build(undefined);
      writeFileSync(`${file}.tmp`, Buffer.from(await image!.arrayBuffer()));
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      writeFileSync(failed, String(err));
      throw err;
    } finally {
      closeSync(lock);
    }
  }
  const until = Date.now() + WAIT_MS;
  while (!existsSync(file)) {
    if (existsSync(failed) || Date.now() > until) return null;
    await sleep(100);
  }
  return { kind: 'pglite', image: new Blob([readFileSync(file)]) };
}
