import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type TestEnv } from '../../test/harness.ts';
import { anchorAuditChains } from './audit.anchor.ts';
import { verifyAuditChain } from './audit.ts';
import type { Db } from './db.ts';
import { takeShard } from './ledger.ts';
import { auditAnchors, auditEvents } from './platform.table.ts';
import { transact } from './uow.ts';

const actor = { userId: null, name: 'test' };

function write(env: TestEnv, key: string) {
  return transact(env.platform, actor, async (_tx, uow) => {
    uow.audit({
      action: 'test.write',
      entityType: 'test',
      entityId: key,
      summary: `写入 ${key}`,
      detail: { b: 2, a: [1, { z: 1, y: 2 }] },
    });
  });
}

/** Runs `damage`, expects verification to fail as `expected` says, then `repair`s and expects it intact. */
async function expectDetected(
  env: TestEnv,
  damage: (db: Db) => Promise<unknown>,
  repair: (db: Db) => Promise<unknown>,
  expected: { brokenAt?: number; brokenAnchor?: number },
) {
  const db = env.platform.db;
  await damage(db);
  const r = await verifyAuditChain(db);
  assert.equal(r.ok, false);
  if (expected.brokenAt !== undefined) assert.equal(r.brokenAt, expected.brokenAt);
  if (expected.brokenAnchor !== undefined) assert.equal(r.brokenAnchor, expected.brokenAnchor);
  const admin = await env.login('admin');
  const api = await admin.post('/api/v1/audit-events/verify');
  assert.equal(api.statusCode, 409);
  assert.equal(api.json().code, expected.brokenAnchor ? 'audit.anchor_broken' : 'audit.chain_broken');
  await repair(db);
  assert.equal((await verifyAuditChain(db)).ok, true, 'intact again after the repair');
}

/** Three consecutive entries of one chain, written one after the other (so in chain 0). */
async function threeInARow(env: TestEnv, tag: string) {
  for (const i of [1, 2, 3]) await write(env, `${tag}-${i}`);
  const rows = await env.platform.db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.entityId} LIKE ${`${tag}-%`}`)
    .orderBy(asc(auditEvents.id));
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.chain === rows[0]!.chain));
  return rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
}

for (const target of await dbTargets()) {
  describe(`audit chain (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target);
      // The tests anchor when they mean to.
      env.platform.timers.forEach(clearInterval);
    });
    after(() => env?.close());

    test('concurrent commands append chains that verify', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => write(env, String(i))));
      const r = await verifyAuditChain(env.platform.db);
      assert.equal(r.ok, true);
      assert.ok(r.checked >= 21);
      const admin = await env.login('admin');
      const api = await admin.post('/api/v1/audit-events/verify');
      assert.equal(api.statusCode, 200);
      assert.equal(api.json().ok, true);
    });

    test('a command commits while another holds a chain: no global lock', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const isHolding = new Promise<void>((r) => (holding = r));
      const holder = env.platform.db.transaction(async (tx) => {
        await takeShard(tx);
        holding();
        await held;
      });
      await isHolding;
      if (target.name === 'postgres') {
        // PGlite has one connection, so there a second transaction waits for the first anyway.
        await write(env, 'while-held');
        const [row] = await env.platform.db
          .select()
          .from(auditEvents)
          .where(eq(auditEvents.entityId, 'while-held'));
        assert.notEqual(row!.chain, 0, 'written to another chain than the held one');
      }
      release();
      await holder;
      if (target.name === 'pglite') await write(env, 'while-held');
      assert.equal((await verifyAuditChain(env.platform.db)).ok, true);
    });

    test('a rolled-back command leaves no audit entry', async () => {
      const before = (await verifyAuditChain(env.platform.db)).checked;
      await assert.rejects(
        transact(env.platform, actor, async (_tx, uow) => {
          uow.audit({ action: 'test.never', entityType: 'test', summary: 'x' });
          throw new Error('boom');
        }),
      );
      assert.equal((await verifyAuditChain(env.platform.db)).checked, before);
    });

    test('an edited entry is detected at that entry', async () => {
      const [, victim] = await threeInARow(env, 'edit');
      await expectDetected(
        env,
        (db) => db.execute(sql`UPDATE audit_events SET summary = 'forged' WHERE id = ${victim.id}`).then(),
        (db) =>
          db.update(auditEvents).set({ summary: victim.summary }).where(eq(auditEvents.id, victim.id)).then(),
        { brokenAt: victim.id },
      );
    });

    test('a deleted entry is detected at the next entry of its chain', async () => {
      const [, victim, next] = await threeInARow(env, 'delete');
      await expectDetected(
        env,
        (db) => db.delete(auditEvents).where(eq(auditEvents.id, victim.id)).then(),
        (db) => db.insert(auditEvents).values(victim).then(),
        { brokenAt: next.id },
      );
    });

    test('reordered entries are detected', async () => {
      const [first, second] = await threeInARow(env, 'reorder');
      const swap = async (db: Db) => {
        await db.execute(sql`UPDATE audit_events SET id = -1 WHERE id = ${first.id}`);
        await db.execute(sql`UPDATE audit_events SET id = ${first.id} WHERE id = ${second.id}`);
        await db.execute(sql`UPDATE audit_events SET id = ${second.id} WHERE id = -1`);
      };
      await expectDetected(env, swap, swap, { brokenAt: first.id });
    });

    test('an entry moved to another chain is detected', async () => {
      const [, victim] = await threeInARow(env, 'move');
      const moveTo = (chain: number) => (db: Db) =>
        db.update(auditEvents).set({ chain }).where(eq(auditEvents.id, victim.id)).then();
      await expectDetected(env, moveTo(victim.chain + 7), moveTo(victim.chain), { brokenAt: victim.id });
    });

    test('the anchored end of a chain cannot be cut off unnoticed', async () => {
      const [, , last] = await threeInARow(env, 'tail');
      // Without an anchor, deleting a chain's last entry leaves a valid (shorter) chain: what anchors are for.
      assert.equal(await anchorAuditChains(env.platform.db), true);
      assert.equal(await anchorAuditChains(env.platform.db), false, 'no new anchor while no chain grew');
      await expectDetected(
        env,
        (db) => db.delete(auditEvents).where(eq(auditEvents.id, last.id)).then(),
        (db) => db.insert(auditEvents).values(last).then(),
        { brokenAt: last.id },
      );
    });

    test('an edited anchor is detected', async () => {
      await write(env, 'anchor-edit');
      assert.equal(await anchorAuditChains(env.platform.db), true);
      const [anchor] = await env.platform.db
        .select()
        .from(auditAnchors)
        .orderBy(sql`id DESC`)
        .limit(1);
      const setHeads = (heads: (typeof auditAnchors.$inferSelect)['heads']) => (db: Db) =>
        db.update(auditAnchors).set({ heads }).where(eq(auditAnchors.id, anchor!.id)).then();
      await expectDetected(env, setHeads({ '0': [1, 'f'.repeat(64)] }), setHeads(anchor!.heads), {
        brokenAnchor: anchor!.id,
      });
    });
  });
}
