import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type TestEnv } from '../../test/harness.ts';
import { verifyAuditChain } from './audit.ts';
import { auditEvents } from './platform.table.ts';
import { transact } from './uow.ts';

for (const target of await dbTargets()) {
  describe(`audit chain (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target);
    });
    after(() => env?.close());

    test('concurrent commands append one unbroken chain', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          transact(env.platform, { userId: null, name: 'test' }, async (_tx, uow) => {
            uow.audit({
              action: 'test.write',
              entityType: 'test',
              entityId: String(i),
              summary: `写入 ${i}`,
              detail: { b: 2, a: [1, { z: 1, y: 2 }] },
            });
          }),
        ),
      );
      const r = await verifyAuditChain(env.platform.db);
      assert.equal(r.ok, true);
      assert.ok(r.checked >= 21);
      const admin = await env.login('admin');
      const api = await admin.post('/api/v1/audit-events/verify');
      assert.equal(api.statusCode, 200);
      assert.equal(api.json().ok, true);
    });

    test('a rolled-back command leaves no audit entry', async () => {
      const before = (await verifyAuditChain(env.platform.db)).checked;
      await assert.rejects(
        transact(env.platform, { userId: null, name: 'test' }, async (_tx, uow) => {
          uow.audit({ action: 'test.never', entityType: 'test', summary: 'x' });
          throw new Error('boom');
        }),
      );
      assert.equal((await verifyAuditChain(env.platform.db)).checked, before);
    });

    test('tampering with any entry is detected at that entry', async () => {
      const db = env.platform.db;
      const [victim] = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'test.write'))
        .limit(1);
      await db.execute(sql`UPDATE audit_events SET summary = 'forged' WHERE id = ${victim!.id}`);
      const r = await verifyAuditChain(db);
      assert.equal(r.ok, false);
      assert.equal(r.brokenAt, victim!.id);
      const admin = await env.login('admin');
      const api = await admin.post('/api/v1/audit-events/verify');
      assert.equal(api.statusCode, 409);
      assert.equal(api.json().code, 'audit.chain_broken');
    });
  });
}
