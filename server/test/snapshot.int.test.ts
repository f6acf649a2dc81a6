import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { anchorAuditChains } from '../src/platform/audit.anchor.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit.ts';
import { transact } from '../src/platform/uow.ts';
import { roles } from '../src/modules/user/user.table.ts';
import { changedTables, dbTargets, snapshotTables, startTestEnv, type TestEnv } from './harness.ts';

/**
 * The snapshots that the walks compare (text-input, authz: "a refused request changed data") see what
 * requests change, not what the platform writes on its own clock. The audit anchoring timer
 * (platform/context.ts) writes `audit_anchors` once a chain has grown, about ten seconds after a test
 * env starts: in the middle of the text-input walk on a busy machine, which then failed with a
 * message pointing at `assessments` (where the assertion's diff of the whole text was cut).
 */
for (const target of await dbTargets()) {
  describe(`table snapshots (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target);
      // This test ticks the anchoring timer itself, at the moment that made the walk fail.
      env.platform.timers.forEach(clearInterval);
    });
    after(() => env?.close());

    test("the anchoring timer's tick between two snapshots is no change", async () => {
      // A command before the first snapshot: its audit entry is not anchored yet.
      await transact(env.platform, SYSTEM_ACTOR, async (_tx, uow) =>
        uow.audit({ action: 'test.write', entityType: 'test', summary: '快照之前' }),
      );
      const none = new Set<string>();
      const first = await snapshotTables(env.platform.db, none);
      assert.equal(await anchorAuditChains(env.platform.db), true, 'the tick anchored the chain');
      assert.deepEqual(changedTables(first, await snapshotTables(env.platform.db, none)), []);
    });

    test('a change is named by its table, with the row', async () => {
      const none = new Set<string>();
      const first = await snapshotTables(env.platform.db, none);
      await env.platform.db.insert(roles).values({ code: 'snapshot_probe', nameZh: '探针', nameEn: 'Probe' });
      const changes = changedTables(first, await snapshotTables(env.platform.db, none));
      assert.equal(changes.length, 1, changes.join('\n'));
      assert.match(changes[0]!, /^roles: \+1 -0 rows, e\.g\. .*snapshot_probe/);
    });

    test('a table to leave out that does not exist is an error, not a silent comparison', async () => {
      await assert.rejects(
        snapshotTables(env.platform.db, new Set(['sessions', 'login_throttle'])),
        /no table login_throttle/,
      );
    });
  });
}
