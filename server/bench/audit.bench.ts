/**
 * `npm run bench:audit [-- --seconds N] [-- --writers N]`: audited commits per
 * second on PostgreSQL (decision 014; the bar is 2,000/s with 16 writers).
 *
 * 1. Creates a fresh database on the server of BENCH_DATABASE_URL (default
 *    postgres://postgres@127.0.0.1:5432/postgres) and migrates it.
 * 2. Ceiling: N writers (default 16) for a fixed time, each committing a
 *    plain one-row insert in its own transaction, with no audit: what this
 *    machine's PostgreSQL commits per second.
 * 3. Audited: the same writers for the same time, each a real `transact()`
 *    doing the same insert plus one audit entry (and whatever the platform
 *    runs beside it, such as the chain sequencer).
 * 4. Checks the audit chain afterwards (`verifyAuditChain`).
 *
 * Prints commits/s, p50/p95 commit latency and the ratio of audited to
 * plain. A benchmark, not a test: numbers depend on what else the machine runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { freshBenchDatabase } from './bench-db.ts';
import { verifyAuditChain } from '../src/platform/audit.ts';
import { closePlatform, createPlatform, type Platform } from '../src/platform/context.ts';
import { FieldCipher } from '../src/platform/crypto.ts';
import type { Tx } from '../src/platform/db.ts';
import { transact } from '../src/platform/uow.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
};
const SECONDS = arg('seconds', 10);
const WRITERS = arg('writers', 16);
const TARGET = 2000;
const log = (s: string) => console.log(s);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

interface Run {
  commits: number;
  seconds: number;
  p50: number;
  p95: number;
  /** This process's CPU time per commit (µs): the app's share of the work. */
  cpuPerCommit: number;
  /** CPU time per commit (µs) of the PostgreSQL backends serving this database (null off Linux). */
  pgPerCommit: number | null;
}

/** User + system CPU (µs) of the PostgreSQL backends connected to this database (Linux /proc). */
async function backendCpu(platform: Platform): Promise<number | null> {
  const res = await platform.db.execute(
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  let ticks = 0;
  for (const { pid } of (res as unknown as { rows: { pid: number }[] }).rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      return null; // not on this machine, or not Linux
    }
  }
  return ticks * 10_000; // USER_HZ = 100
}

/** WRITERS loops, each committing `once` back to back until the time is up. */
async function run(platform: Platform, once: (writer: number, i: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  const pg0 = await backendCpu(platform);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        await once(w, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const pg1 = await backendCpu(platform);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    commits: latencies.length,
    seconds,
    p50: at(0.5),
    p95: at(0.95),
    cpuPerCommit: (used.user + used.system) / latencies.length,
    pgPerCommit: pg0 === null || pg1 === null ? null : (pg1 - pg0) / latencies.length,
  };
}

const insertRow = (tx: Tx, w: number, i: number) =>
  tx.execute(sql`INSERT INTO bench_rows (writer, n, body) VALUES (${w}, ${i}, ${`写入 ${w}/${i}`})`);

function print(name: string, r: Run): void {
  log(
    `${name.padEnd(20)}${fmt(r.commits / r.seconds).padStart(7)} commits/s   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   CPU µs/commit: app ${fmt(r.cpuPerCommit)}, PostgreSQL ${r.pgPerCommit === null ? '?' : fmt(r.pgPerCommit)}   (${fmt(r.commits)} in ${r.seconds.toFixed(1)} s)`,
  );
}

async function main(platform: Platform): Promise<void> {
  log(
    `node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} × ${availableParallelism()}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${WRITERS} writers, ${SECONDS} s per run`,
  );
  await platform.database.exec(
    'CREATE TABLE bench_rows (id bigserial PRIMARY KEY, writer int NOT NULL, n int NOT NULL, body text NOT NULL)',
  );
  const actor = { userId: null, name: 'bench', ip: '127.0.0.1', requestId: 'bench' };
  const plain = await run(platform, (w, i) =>
    platform.db.transaction((tx) => insertRow(tx, w, i).then(() => {})),
  );
  print('plain insert', plain);
  const audited = await run(platform, (w, i) =>
    transact(platform, actor, async (tx, uow) => {
      await insertRow(tx, w, i);
      uow.audit({
        action: 'bench.write',
        entityType: 'bench',
        entityId: `${w}/${i}`,
        regionCode: '500110001001',
        summary: `写入 ${w}/${i}`,
        detail: { writer: w, n: i },
      });
    }),
  );
  print('audited transact()', audited);
  const ratio = audited.commits / audited.seconds / (plain.commits / plain.seconds);
  log(`ratio               ${(ratio * 100).toFixed(0)} % of the plain-insert ceiling`);
  const started = performance.now();
  const chain = await verifyAuditChain(platform.db);
  log(
    `chain               ${chain.ok ? 'intact' : `BROKEN at ${chain.brokenAt}`}, ${fmt(chain.checked)} entries verified in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const perSecond = audited.commits / audited.seconds;
  log(`target              ${perSecond >= TARGET ? 'PASS' : 'FAIL'} (≥ ${fmt(TARGET)} audited commits/s)`);
}

const dir = mkdtempSync(join(tmpdir(), 'yy-bench-audit-'));
const database = await freshBenchDatabase('yy_bench_audit');
const platform = await createPlatform(
  loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MQTT_EMBEDDED: 'false',
    DATABASE_URL: database.url,
    // One connection per writer, and one to spare for whatever runs beside them.
    DATABASE_POOL_SIZE: String(WRITERS + 2),
    DATA_DIR: dir,
    DATA_KEYS: `v1:${FieldCipher.generateKey()}`,
    HASH_KEY: FieldCipher.generateKey(),
  }),
  { broker: false, inMemory: true },
);
try {
  await main(platform);
} finally {
  await closePlatform(platform);
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
