import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { dbTargets, testConfig } from '../../test/harness.ts';
import { auditHash, verifyAuditChain } from './audit.ts';
import { GENESIS } from './canonical.ts';
import { closePlatform, createPlatform } from './context.ts';
import { MIGRATIONS_DIR, openDatabase } from './db.ts';
import { auditEvents, ledgerHeads, outboxEvents } from './platform.table.ts';
import { transact } from './uow.ts';

/**
 * Migration 0011 (decision 014) on a database written before it: the old
 * single chain becomes chain 0 and goes on verifying, new entries chain after
 * its last entry, and old events keep their place before new ones.
 */
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The committed migrations up to and including `last`. */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'yy-migrations-'));
  dirs.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** Three entries chained the way the code before 0011 chained them (one chain, in id order). */
function legacyEntries() {
  let prevHash = GENESIS;
  return [1, 2, 3].map((i) => {
    const fields = {
      prevHash,
      at: new Date(Date.UTC(2026, 10, i, 8)),
      actorUserId: null,
      actorName: 'system',
      action: 'legacy.write',
      entityType: 'test',
      entityId: String(i),
      regionCode: '500110',
      organisationId: null,
      summary: `旧记录 ${i}`,
      detail: { i },
      reason: null,
      ip: null,
      requestId: null,
    };
    prevHash = auditHash(fields);
    return { ...fields, hash: prevHash };
  });
}

for (const target of await dbTargets()) {
  describe(`migration 0011 on a database written before it (${target.name})`, () => {
    test('the old chain becomes chain 0; new entries and events continue after it', async () => {
      const created = await target.create();
      const dataDir = mkdtempSync(join(tmpdir(), 'yy-test-'));
      dirs.push(dataDir);
      const pgliteDir = created.url ? undefined : join(dataDir, 'pglite');
      const old = await openDatabase({ url: created.url, dataDir: pgliteDir });
      const folder = migrationsUpTo(10);
      if (old.kind === 'postgres') await migratePg(old.db as never, { migrationsFolder: folder });
      else await migratePglite(old.db as never, { migrationsFolder: folder });
      const legacy = legacyEntries();
      for (const e of legacy)
        await old.exec(
          `INSERT INTO audit_events (at, actor_name, action, entity_type, entity_id, region_code, summary, detail, prev_hash, hash)
           VALUES ('${e.at.toISOString()}', '${e.actorName}', '${e.action}', '${e.entityType}', '${e.entityId}',
             '${e.regionCode}', '${e.summary}', '${JSON.stringify(e.detail)}', '${e.prevHash}', '${e.hash}')`,
        );
      await old.exec(
        `INSERT INTO outbox_events (topic, region_code, payload) VALUES
           ('organisation.created', '500110', '{"id":"a"}'), ('organisation.created', '500110', '{"id":"b"}')`,
      );
      await old.close();

      const p = await createPlatform(testConfig({ DATABASE_URL: created.url, DATA_DIR: dataDir }), {
        broker: false,
        ...(created.url ? { inMemory: true } : {}),
      });
      try {
        const [head] = await p.db.select().from(ledgerHeads).where(eq(ledgerHeads.shard, 0));
        assert.equal(head!.auditHash, legacy[2]!.hash);
        assert.deepEqual(
          (await p.db.select().from(outboxEvents).orderBy(asc(outboxEvents.id))).map((e) => [e.shard, e.seq]),
          [
            [0, 1],
            [0, 2],
          ],
        );
        await transact(p, { userId: null, name: 'test' }, async (_tx, uow) => {
          uow.audit({ action: 'test.write', entityType: 'test', summary: '新记录' });
          uow.emit('organisation.updated', { id: 'c' }, { regionCode: '500110' });
        });
        const entries = await p.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
        const newest = entries.at(-1)!;
        assert.equal(newest.chain, 0);
        assert.equal(newest.prevHash, legacy[2]!.hash, 'chained after the last entry written before 0011');
        const r = await verifyAuditChain(p.db);
        assert.deepEqual([r.ok, r.checked], [true, entries.length]);
        const events = await p.db.select().from(outboxEvents).orderBy(asc(outboxEvents.id));
        assert.deepEqual([events.at(-1)!.shard, events.at(-1)!.seq], [0, 3]);
      } finally {
        await closePlatform(p);
        await created.drop();
      }
    });
  });
}
