/**
 * A real app instance on the test's PostgreSQL database, listening on a free port it prints as one JSON line:
 * the server that visit.kill.int.test.ts kills with SIGKILL right after it acknowledged a check-in. Run as a
 * child process with DATABASE_URL, DATA_KEYS and HASH_KEY in the environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { createPlatform } from '../src/platform/context.ts';
import { testConfig } from './harness.ts';

const p = await createPlatform(
  testConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_KEYS: process.env.DATA_KEYS,
    HASH_KEY: process.env.HASH_KEY,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'yy-visit-kill-')),
  }),
  { broker: false, inMemory: true },
);
const { app } = await buildApp(p);
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as { port: number }).port })}\n`);
