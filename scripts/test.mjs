#!/usr/bin/env node
// `npm test`: every test of the repository in one node:test run — unit,
// integration (PGlite and, when reachable, PostgreSQL) and end-to-end
// (headless Chromium). Builds the web console first when it is stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));

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

const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files.map((f) => relative(root, f))],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(r.status ?? 1);
