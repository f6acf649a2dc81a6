/**
 * Fast loader for registry benchmarks: N synthetic elders (default 1,000,000)
 * from `generateElders`, with exactly the columns the app writes
 * (`elderColumns`: encrypted fields, blind indexes, pinyin keys, masked list
 * values) plus their tags and `tag_codes`, streamed into PostgreSQL with COPY.
 * Secondary indexes are dropped during the load and rebuilt after it, then the
 * tables are VACUUM ANALYZEd. History rows (`elder_versions`) and family
 * members are not written: list and search queries do not read them.
 *
 * The database is a demo district (`seedDemo`: regions, organisations, demo
 * accounts) created on 127.0.0.1:5432 (`yy_bench_registry_<n>`) unless
 * BENCH_DATABASE_URL names one. A database that already holds the requested
 * number of elders is reused as is.
 *
 * Run alone: node --import tsx server/bench/registry-load.ts [--count N] [--drop]
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig, type Config } from '../src/config.ts';
import { closePlatform, createPlatform, type Platform } from '../src/platform/context.ts';
import { generateElders, type GenerateEldersOptions } from '../src/modules/elder/elder.generator.ts';
import { demoElderHomes, syntheticPlain } from '../src/modules/elder/elder.seed.ts';
import { elderColumns } from '../src/modules/elder/elder.codec.ts';
import { elders, elderTags } from '../src/modules/elder/elder.table.ts';
import { regionRepo } from '../src/modules/region/region.repo.ts';
import { seedDemo } from '../src/modules/seed/seed.ts';
import { syncRoles } from '../src/modules/user/role.sync.ts';
import { users } from '../src/modules/user/user.table.ts';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Fixed keys: re-runs must decrypt what an earlier run loaded. Synthetic data only. */
const derive = (label: string) => createHash('sha256').update(`yiyang-bench:${label}`).digest('base64');
export const BENCH_KEYS = { DATA_KEYS: `v1:${derive('data')}`, HASH_KEY: derive('hash') };
export const BENCH_SEED = 20260101;

export interface LoadedRegistry {
  url: string;
  count: number;
  reused: boolean;
  /** The generator options used, so a benchmark can regenerate plain values (names, ID numbers). */
  generator: GenerateEldersOptions;
  /** Demo accounts' regions (the community and village that got ~2 % of the elders each). */
  community: string;
  village: string;
  loadMs: number;
}

export function benchConfig(url: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    MQTT_EMBEDDED: 'false',
    SEED_DEMO: 'false',
    DEMO_ELDERS: '0',
    ...BENCH_KEYS,
    ...overrides,
  });
}

async function ensureDatabase(count: number, drop: boolean): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const name = `yy_bench_registry_${count}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    if (drop) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One COPY text-format field. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v))
    return copyValue(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  return String(v).replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
  );
}

/** Property → column name of a Drizzle table, for the COPY column list. */
function columnNames(table: PgTable, props: string[]): string[] {
  const cols = getTableColumns(table) as Record<string, { name: string }>;
  return props.map((p) => {
    const c = cols[p];
    if (!c) throw new Error(`no column for ${p}`);
    return c.name;
  });
}

async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: AsyncIterable<string> | Iterable<string>,
) {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(',')}) FROM STDIN`),
  );
  await pipeline(Readable.from(rows), stream);
}

/** Loads (or reuses) a registry of `count` elders; see the file comment. */
export async function loadRegistry(
  opts: { count?: number; drop?: boolean; log?: (line: string) => void } = {},
): Promise<LoadedRegistry> {
  const count = opts.count ?? 1_000_000;
  const log = opts.log ?? ((l: string) => console.log(l));
  const started = Date.now();
  const url = await ensureDatabase(count, opts.drop ?? false);
  const config = benchConfig(url);
  const p = await createPlatform(config, { broker: false });
  try {
    await syncRoles(p.db);
    if (!(await p.db.select({ id: users.id }).from(users).limit(1)).length) await seedDemo(p);
    const homes = await demoHomes(p);
    const generator: GenerateEldersOptions = {
      count,
      seed: BENCH_SEED,
      regionCodes: homes.weighted,
      // A fixed day: the same options give the same people on every run.
      today: new Date('2026-06-01T00:00:00Z'),
    };
    const [{ n } = { n: 0 }] = await p.db.select({ n: sql<number>`count(*)::int` }).from(elders);
    const base = { url, count, generator, community: homes.community, village: homes.village };
    if (n === count) {
      log(`registry: reusing ${count.toLocaleString('en-US')} elders in ${new URL(url).pathname.slice(1)}`);
      return { ...base, reused: true, loadMs: Date.now() - started };
    }
    if (n !== 0) throw new Error(`${url} holds ${n} elders, not ${count}: run with --drop`);
    await copyElders(p, generator, log);
    log(
      `registry: ${count.toLocaleString('en-US')} elders ready in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    return { ...base, reused: false, loadMs: Date.now() - started };
  } finally {
    await closePlatform(p);
  }
}

async function demoHomes(p: Platform) {
  const county = p.config.DEMO_COUNTY;
  const regions = await regionRepo(p.db).listUnder(county);
  const home = async (username: string) => {
    const [u] = await p.db
      .select({ regionCode: users.regionCode })
      .from(users)
      .where(sql`${users.username} = ${username}`);
    return u!.regionCode!;
  };
  const community = await home('community');
  const village = await home('village');
  const villageLevel = regions.filter((r) => r.level === 'village').map((r) => r.code);
  return { community, village, weighted: demoElderHomes(villageLevel, community, village) };
}

async function copyElders(p: Platform, generator: GenerateEldersOptions, log: (l: string) => void) {
  const pool = new pg.Pool({ connectionString: p.config.DATABASE_URL, max: 2 });
  const client = await pool.connect();
  try {
    // Secondary indexes are rebuilt once after the load: much faster than maintaining them row by row.
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename IN ('elders', 'elder_tags')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    );
    for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);

    const year = generator.today.getUTCFullYear();
    const firstAt = generator.today.getTime() - generator.count * 1000;
    const tagRows: string[] = [];
    let elderProps: string[] | null = null;
    let done = 0;
    const t0 = Date.now();
    function* elderLines(): Generator<string> {
      for (const e of generateElders(generator)) {
        const id = uuidOf(e.seq);
        // Registered one second apart, in generator order; ages stay relative to the generator's day.
        const createdAt = new Date(firstAt + e.seq * 1000);
        const row = {
          id,
          ...elderColumns(p.cipher, syntheticPlain(e)),
          tagCodes: [...new Set(e.tags)].sort(),
          createdAt,
          updatedAt: createdAt,
        };
        elderProps ??= Object.keys(row);
        for (const code of e.tags)
          tagRows.push(
            [uuidOf(e.seq, code), id, code, `${year - (e.seq % 4)}-01-01`, 'manual', createdAt.toISOString()]
              .map(copyValue)
              .join('\t') + '\n',
          );
        done++;
        if (done % 100_000 === 0)
          log(`  ${done.toLocaleString('en-US')} elders (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
        yield elderProps.map((k) => copyValue((row as Record<string, unknown>)[k])).join('\t') + '\n';
      }
    }
    // The column list comes from the first row; the generator is lazy, so peek it once.
    const lines = elderLines();
    const first = lines.next();
    if (!first.done) {
      const cols = columnNames(elders, elderProps!);
      await copyRows(client, 'elders', cols, [first.value, ...iterate(lines)]);
    }
    log(`  elders copied in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${tagRows.length} tags…`);
    await copyRows(
      client,
      'elder_tags',
      columnNames(elderTags, ['id', 'elderId', 'code', 'validFrom', 'source', 'createdAt']),
      tagRows,
    );
    const t1 = Date.now();
    await client.query('SET maintenance_work_mem = $1', ['256MB']).catch(() => {});
    for (const i of indexes) await client.query(i.indexdef);
    log(`  ${indexes.length} indexes rebuilt in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
    await client.query('VACUUM ANALYZE elders');
    await client.query('VACUUM ANALYZE elder_tags');
  } finally {
    client.release();
    await pool.end();
  }
}

function* iterate<T>(it: Iterator<T>): Generator<T> {
  for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

/** Deterministic UUIDs (v4 layout) so re-generated plain values can be matched to rows. */
export function uuidOf(seq: number, salt = ''): string {
  const h = createHash('sha256').update(`${seq}:${salt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--count');
  const count = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  const r = await loadRegistry({ count, drop: args.includes('--drop') });
  console.log(`${r.url} (${r.reused ? 'reused' : 'loaded'} in ${(r.loadMs / 1000).toFixed(0)} s)`);
}
