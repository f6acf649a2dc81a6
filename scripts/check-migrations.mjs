#!/usr/bin/env node
// Fails when the Drizzle schema and the committed migrations disagree:
// generates into a scratch copy of the migrations folder and checks that
// drizzle-kit finds nothing new to write.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const server = new URL('../server/', import.meta.url).pathname;
const committed = join(server, 'src/db/migrations');
// drizzle-kit resolves --out relative to the working directory, so the scratch copy lives under server/.
const scratchName = `.migrations-check-${process.pid}`;
const scratch = join(server, scratchName);
cpSync(committed, scratch, { recursive: true });
const before = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
const r = spawnSync(
  'npx',
  [
    'drizzle-kit',
    'generate',
    '--dialect',
    'postgresql',
    '--schema',
    './src/db/schema.ts',
    '--out',
    `./${scratchName}`,
  ],
  { cwd: server, encoding: 'utf8' },
);
const after = readdirSync(scratch).filter((f) => f.endsWith('.sql')).length;
rmSync(scratch, { recursive: true, force: true });
// drizzle-kit can exit 0 after an error; a stack trace in its output counts as failure.
if (r.status !== 0 || /Error|ENOENT/.test(r.stderr + r.stdout)) {
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
