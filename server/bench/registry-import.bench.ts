/**
 * `npm run bench:registry-import [-- --rows N]` (PRODUCT.md §6: 1,000,000
 * elders imported, validated, encrypted and indexed in ≤ 30 s).
 *
 * 1. Writes N synthetic elders (elder.generator.ts) as a filled-in 摸底表 CSV
 *    to a temp file (not timed).
 * 2. Creates a fresh PostgreSQL database (server of BENCH_DATABASE_URL,
 *    default postgres://postgres@127.0.0.1:5432/postgres), migrates it and
 *    seeds the demo district (regions, organisations, accounts; no elders).
 * 3. Times a plain `COPY … FROM STDIN (FORMAT csv)` of the same file into a
 *    bare table of as many text columns: the floor for this machine.
 * 4. Times the import through ElderImportService (the service behind
 *    POST /elders/import: spool, stream-parse, check and encrypt in worker
 *    threads, de-duplicate, COPY in batch transactions, audit, progress).
 *
 * Prints rows/s, the ratio to COPY, peak RSS (process-wide, so worker
 * threads included) and PASS/FAIL against the 30 s budget. A benchmark, not a
 * timed test: numbers depend on the machine and on what else runs on it.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { regionPrefix } from '@yiyang/contracts';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildApp } from '../src/app.ts';
import { freshBenchDatabase } from './bench-db.ts';
import { loadConfig } from '../src/config.ts';
import { closePlatform, createPlatform } from '../src/platform/context.ts';
import { FieldCipher } from '../src/platform/crypto.ts';
import { elderImportIssues } from '../src/modules/elder/import/elder.import.table.ts';
import { ElderImportService, type ImportTimings } from '../src/modules/elder/import/elder.import.service.ts';
import { IMPORT_COLUMNS } from '../src/modules/elder/import/elder.import.columns.ts';
import { DEFAULT_BULK_RULE } from '../src/modules/elder/import/elder.import.indexes.ts';
import { writeTemplateCsv } from '../src/modules/elder/import/elder.import.sample.ts';
import { elders, elderTags, elderVersions } from '../src/modules/elder/elder.table.ts';
import { regionRepo } from '../src/modules/region/region.repo.ts';
import { seedDemo } from '../src/modules/seed/seed.ts';
import { userRepo } from '../src/modules/user/user.repo.ts';
import { syncRoles } from '../src/modules/user/role.sync.ts';

const BUDGET_S = 30;
const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 1_000_000;
if (!Number.isInteger(ROWS) || ROWS <= 0) throw new Error('--rows must be a positive integer');
// Rows per write transaction (the service's default unless given), for trying other sizes.
const argBatch = process.argv.indexOf('--batch');
const BATCH = argBatch > 0 ? Number(process.argv[argBatch + 1]) : undefined;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const log = (s: string) => console.log(s);

// Child mode: writes the file in its own process, so the generator's memory (it keeps every
// ID number it issued, to keep them unique) does not count in the import's peak RSS.
const writeTo = process.argv.indexOf('--write-csv');
if (writeTo > 0) {
  await writeTemplateCsv(createWriteStream(process.argv[writeTo + 1]!), {
    count: ROWS,
    seed: 20250601,
    regionCodes: process.argv[writeTo + 2]!.split(','),
    today: new Date(),
  });
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'yy-bench-import-'));
const csv = join(dir, '摸底表.csv');
const database = await freshBenchDatabase('yy_bench');

const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  MQTT_EMBEDDED: 'false',
  PORT: '0',
  DEMO_ELDERS: '0',
  DATABASE_URL: database.url,
  DATA_DIR: dir,
  DATA_KEYS: `v1:${FieldCipher.generateKey()}`,
  HASH_KEY: FieldCipher.generateKey(),
});
const platform = await createPlatform(config, { broker: false, inMemory: true });
try {
  log(
    `node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} × ${availableParallelism()}, load ${loadavg()[0]!.toFixed(1)}`,
  );
  await syncRoles(platform.db);
  await seedDemo(platform);
  const built = await buildApp(platform);
  const { auth: authService, elders: elderService } = built.services;
  // The service POST /elders/import calls, with a log that keeps its end-of-job figures.
  let finished: { dedupBytes?: number; threads?: number; timings?: ImportTimings } = {};
  const imports = new ElderImportService({
    db: platform.db,
    bus: platform.bus,
    cipher: platform.cipher,
    elders: elderService,
    bulk: DEFAULT_BULK_RULE,
    ...(BATCH ? { batch: BATCH } : {}),
    log: {
      error: (obj, msg) => console.error(msg, obj),
      info: (obj) => (finished = obj as typeof finished),
    },
  });
  const adminUser = await userRepo(platform.db).findByUsername('admin');
  const auth = (await authService.contextFor(adminUser!.id, 'session'))!;
  const villages = (await regionRepo(platform.db).listUnder(regionPrefix(auth.regionCode!)))
    .filter((r) => r.level === 'village' && !r.retiredAt)
    .map((r) => r.code);

  let t = performance.now();
  execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--rows',
      String(ROWS),
      '--write-csv',
      csv,
      villages.join(','),
    ],
    { stdio: 'inherit' },
  );
  const bytes = statSync(csv).size;
  log(
    `generated ${fmt(ROWS)} rows, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed) → ${csv}`,
  );

  // Baseline: the same file into a bare table by COPY.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const cols = IMPORT_COLUMNS.map((_, i) => `c${i + 1} text`).join(', ');
  await client.query(`CREATE TABLE bench_copy (${cols})`);
  t = performance.now();
  await pipeline(
    createReadStream(csv),
    client.query(copyFrom(`COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)`)),
  );
  const copyS = (performance.now() - t) / 1000;
  await client.query('DROP TABLE bench_copy');
  await client.end();
  log(`plain COPY into a bare table: ${copyS.toFixed(2)} s, ${fmt(ROWS / copyS)} rows/s`);

  // The import, through the service the HTTP route calls.
  const actor = { userId: auth.userId, name: auth.displayName };
  const rssBefore = process.memoryUsage().rss / 1024 / 1024;
  const cpu = process.cpuUsage();
  const load = loadavg()[0]!;
  t = performance.now();
  const job = await imports.start(auth, actor, {
    regionCode: auth.regionCode!,
    dryRun: false,
    onDuplicate: 'skip',
    fileName: '摸底表.csv',
    stream: createReadStream(csv),
  });
  const progress = setInterval(() => {
    void imports.get(auth, job.jobId).then((j) => {
      const s = ((performance.now() - t) / 1000).toFixed(0);
      log(
        `  ${s.padStart(3)} s  ${(j.progress * 100).toFixed(0).padStart(3)} %  rows ${fmt(j.total)}, written ${fmt(j.created)}`,
      );
    });
  }, 2000);
  await imports.drain();
  clearInterval(progress);
  const importS = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  const done = await imports.get(auth, job.jobId);
  const count = async (table: typeof elders | typeof elderTags | typeof elderVersions) =>
    (await platform.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  const [nElders, nVersions, nTags] = [
    await count(elders),
    await count(elderVersions),
    await count(elderTags),
  ];

  const codes = await platform.db
    .select({ code: elderImportIssues.code, n: sql<number>`count(*)::int` })
    .from(elderImportIssues)
    .groupBy(elderImportIssues.code);
  const rss = process.resourceUsage().maxRSS / 1024;
  // The budget is for 1,000,000 rows; a quick run is held to its share of it.
  const budget = (BUDGET_S * ROWS) / 1_000_000;
  const pass = done.status === 'completed' && importS <= budget && nElders === done.created;
  log('');
  log(
    `rows                ${fmt(done.total)} (${done.status}${done.errorCode ? `, ${done.errorCode}` : ''})`,
  );
  log(`imported / skipped / errored   ${fmt(done.created)} / ${fmt(done.skipped)} / ${fmt(done.failed)}`);
  if (codes.length)
    log(`row issues (first 10,000 kept): ${codes.map((c) => `${c.code} ${fmt(c.n)}`).join(', ')}`);
  log(`in the database     elders ${fmt(nElders)}, first versions ${fmt(nVersions)}, tags ${fmt(nTags)}`);
  log(`import              ${importS.toFixed(2)} s, ${fmt(done.total / importS)} rows/s`);
  log(
    `CPU of this process ${cpuS.toFixed(1)} s over all threads (${((cpuS / done.total) * 1e6).toFixed(0)} µs per row; PostgreSQL's own CPU not included); load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
  );
  log(`ratio to COPY       ${(importS / copyS).toFixed(1)} × (COPY ${copyS.toFixed(2)} s)`);
  log(
    `dedup in file       ${((finished.dedupBytes ?? 0) / 1024 / 1024).toFixed(1)} MiB of 16-byte digests (typed arrays), ${finished.threads ?? '?'} worker threads`,
  );
  const tm = finished.timings;
  if (tm) {
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    log(
      `where time went     read+parse ${s(tm.read)} (main thread, wall); check+encrypt ${s(tm.check)} (sum over worker threads)`,
    );
    log(
      `                    write transactions ${s(tm.write)} (COPY ${s(tm.copy)}), one at a time beside the checks; registry lookups ${s(tm.lookup)} beside the writes`,
    );
    log(`                    indexes deferred and built at the end ${s(tm.indexes)}`);
    log(
      `                    main thread waited ${s(tm.waitCheck)} for workers, ${s(tm.waitWrite)} for the database; finalise ${s(tm.finalise)}`,
    );
  }
  log(`RSS before import   ${rssBefore.toFixed(0)} MiB (app, modules, seed)`);
  log(`peak RSS            ${rss.toFixed(0)} MiB (file ${(bytes / 1024 / 1024).toFixed(0)} MiB)`);
  log(
    `budget              ${pass ? 'PASS' : 'FAIL'} (≤ ${BUDGET_S} s${ROWS !== 1_000_000 ? ` for ${fmt(ROWS)} rows` : ''})`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await closePlatform(platform);
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
