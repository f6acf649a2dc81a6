#!/usr/bin/env node
// Fails when the Drizzle schema and the committed migrations disagree:
// generates into a scratch copy of the migrations folder and checks that
// drizzle-kit finds nothing new to write.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const server = new URL('../server/', import.meta.url).pathname;
const committed = join(server, 'src/db/migrations');
const scratch = mkdtempSync(join(tmpdir(), 'yy-migrations-'));
cpSync(committed, scratch, { recursive: true });
const before = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
const r = spawnSync(
  'npx',
  ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './src/db/schema.ts', '--out', scratch],
  { cwd: server, encoding: 'utf8' },
);
const after = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
rmSync(scratch, { recursive: true, force: true });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(r.status ?? 1);
}
if (after !== before) {
  console.error(
    'The Drizzle schema has changes with no migration. Run `npm run db:generate` and commit the result.',
  );
  process.exit(1);
}
console.log(`Schema and migrations agree (${before} migrations).`);
