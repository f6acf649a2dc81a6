/**
 * An app instance that commits one event and is killed (SIGKILL) right after
 * the commit, before its bus could publish it: the crash that
 * server/src/platform/events.int.test.ts requires the other instances to
 * survive. Run as a child process with DATABASE_URL, NATS_URL (optional),
 * DATA_KEYS and HASH_KEY in the environment and the marker as argument.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../src/platform/audit.ts';
import { createPlatform } from '../src/platform/context.ts';
import { transact } from '../src/platform/uow.ts';
import { testConfig } from './harness.ts';

const marker = process.argv[2]!;
const p = await createPlatform(
  testConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    NATS_URL: process.env.NATS_URL,
    DATA_KEYS: process.env.DATA_KEYS,
    HASH_KEY: process.env.HASH_KEY,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'yy-crash-')),
  }),
  { broker: false, inMemory: true },
);
const bus = p.bus;
await transact(
  {
    db: p.db,
    bus: {
      notifiesInTransaction: bus.notifiesInTransaction,
      start: (onMessage) => bus.start(onMessage),
      close: () => bus.close(),
      // Committed; the process dies before anything is published.
      afterCommit: () => process.kill(process.pid, 'SIGKILL'),
    },
  },
  SYSTEM_ACTOR,
  async (_tx, uow) => {
    uow.audit({ action: 'test.crash', entityType: 'test', entityId: marker, summary: '提交后立即崩溃' });
    uow.emit('organisation.updated', { id: marker }, { regionCode: '500110' });
  },
);
