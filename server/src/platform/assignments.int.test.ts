import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { dbTargets, startTestEnv, type TestEnv } from '../../test/harness.ts';
import { assignedTo, inScope, type Scope } from './access.ts';
import { assign, release } from './assignments.ts';

/**
 * "Assigned to me" on the generic table (decision 010): no order or incident module exists yet, so a scratch
 * table of subjects stands in for theirs. The condition must honour each assignment's window and release.
 */
const subjects = pgTable('test_subjects', {
  id: uuid('id').primaryKey(),
  organisationId: text('organisation_id'),
});
const HOUR = 3_600_000;

for (const target of await dbTargets()) {
  describe(`assignments (${target.name})`, () => {
    let env: TestEnv;
    const me = crypto.randomUUID();
    const colleague = crypto.randomUUID();
    const ids = Object.fromEntries(
      ['current', 'openEnded', 'ended', 'future', 'released', 'colleagues', 'otherType', 'ownOrg'].map(
        (k) => [k, crypto.randomUUID()],
      ),
    );
    const scope: Scope = { regionPrefix: null, organisationId: 'org-1', userId: me };
    const visible = async (condition: ReturnType<typeof inScope>) => {
      const rows = await env.platform.db
        .select({ id: subjects.id })
        .from(subjects)
        .where(condition)
        .orderBy(asc(subjects.id));
      const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
      return rows.map((r) => names[r.id]).sort();
    };

    before(async () => {
      env = await startTestEnv(target, { seed: false });
      const db = env.platform.db;
      await db.execute(sql`CREATE TABLE test_subjects (id uuid PRIMARY KEY, organisation_id text)`);
      await db
        .insert(subjects)
        .values(
          Object.entries(ids).map(([k, id]) => ({ id, organisationId: k === 'ownOrg' ? 'org-1' : null })),
        );
      const now = Date.now();
      const visit = (
        k: string,
        extra: { userId?: string; subjectType?: string; validFrom?: Date; validTo?: Date },
      ) => assign(db, { subjectType: 'test_order', subjectId: ids[k]!, userId: me, ...extra });
      await visit('current', { validFrom: new Date(now - HOUR), validTo: new Date(now + HOUR) });
      await visit('openEnded', {});
      await visit('ended', { validFrom: new Date(now - 3 * HOUR), validTo: new Date(now - HOUR) });
      await visit('future', { validFrom: new Date(now + HOUR), validTo: new Date(now + 3 * HOUR) });
      await visit('released', {});
      await visit('colleagues', { userId: colleague });
      await visit('otherType', { subjectType: 'test_incident' });
      assert.equal(await release(db, { subjectType: 'test_order', subjectId: ids.released! }), 1);
    });
    after(() => env?.close());

    test('assignedTo: the subjects of the type assigned to the user right now', async () => {
      assert.deepEqual(await visible(assignedTo(scope, 'test_order', subjects.id)), ['current', 'openEnded']);
      assert.deepEqual(await visible(assignedTo(scope, 'test_incident', subjects.id)), ['otherType']);
      assert.deepEqual(
        await visible(assignedTo({ ...scope, userId: colleague }, 'test_order', subjects.id)),
        ['colleagues'],
      );
      assert.deepEqual(await visible(assignedTo({ ...scope, userId: null }, 'test_order', subjects.id)), []);
    });

    test('inScope: the assigned subjects join the binding, and end with the task', async () => {
      const cols = {
        organisation: subjects.organisationId,
        assigned: { subjectType: 'test_order', id: subjects.id },
      };
      assert.deepEqual(await visible(inScope(scope, cols)), ['current', 'openEnded', 'ownOrg']);
      assert.equal(
        await release(env.platform.db, { subjectType: 'test_order', subjectId: ids.current!, userId: me }),
        1,
      );
      assert.deepEqual(await visible(inScope(scope, cols)), ['openEnded', 'ownOrg']);
      assert.equal(
        await release(env.platform.db, { subjectType: 'test_order', subjectId: ids.current! }),
        0,
        'once',
      );
    });
  });
}
