#!/usr/bin/env node
// `npm test`: every test of the repository in one node:test run — unit,
// integration (PGlite and, when reachable, PostgreSQL) and end-to-end
// (headless Chromium). Builds the web console first when it is stale.
//
//   npm test [-- --unit|--int|--e2e] [path substrings…]
//
// --unit: tests without a database or browser; --int: `*.int.test.ts` (PGlite and PostgreSQL);
// --e2e: `e2e/` (the built console in Chromium). Flags combine; none means all.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const TIERS = ['--unit', '--int', '--e2e'];
const unknown = args.filter((a) => a.startsWith('--') && !TIERS.includes(a));
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}: use ${TIERS.join(', ')} and path substrings.`);
  process.exit(2);
}
const tiers = args.filter((a) => TIERS.includes(a));
const tierOf = (f) => (f.includes('/e2e/') ? '--e2e' : /\.int\.test\.tsx?$/.test(f) ? '--int' : '--unit');

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

let files = ['packages/contracts/src', 'server/src', 'server/test', 'web/test', 'e2e'].flatMap((d) =>
  walk(join(root, d)),
);
if (only.length) files = files.filter((f) => only.some((o) => relative(root, f).includes(o)));
if (tiers.length) files = files.filter((f) => tiers.includes(tierOf(f)));

// End-to-end tests drive the built console; rebuild it when sources are newer than the build.
if (files.some((f) => f.includes('/e2e/'))) {
  const dist = join(root, 'web/dist/index.html');
  const stale =
    !existsSync(dist) ||
    Math.max(newest(join(root, 'web/src')), newest(join(root, 'packages/contracts/src'))) >
      statSync(dist).mtimeMs;
  if (stale) {
    console.log('Building the web console for end-to-end tests…');
    const b = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
}

// One run: its name and keys let the test files share seeded template databases (server/test/templates.ts).
const run = randomBytes(4).toString('hex');
const runDir = mkdtempSync(join(tmpdir(), 'yy-run-'));
const started = Date.now();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files.map((f) => relative(root, f))],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      YY_TEST_RUN: run,
      YY_TEST_RUN_DIR: runDir,
      YY_TEST_DATA_KEYS: `v1:${randomBytes(32).toString('base64')}`,
      YY_TEST_HASH_KEY: randomBytes(32).toString('base64'),
    },
  },
);
rmSync(runDir, { recursive: true, force: true });
await dropTemplates(run);
console.log(`\n${files.length} test files in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(r.status ?? 1);

/** The run's PostgreSQL templates (when PostgreSQL is there at all). */
async function dropTemplates(name) {
  let pg;
  try {
    pg = (await import('pg')).default;
  } catch {
    return;
  }
  const c = new pg.Client({
    connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    connectionTimeoutMillis: 2000,
  });
  try {
    await c.connect();
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `yy\\_tpl\\_${name}\\_%`,
    ]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } catch {
    // No PostgreSQL: nothing was made there.
  } finally {
    await c.end().catch(() => {});
  }
}
