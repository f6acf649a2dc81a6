import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PgDialect, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import {
  accountScope,
  actsFor,
  assignedTo,
  covers,
  inScope,
  scopeBranches,
  scopeBranchesText,
  scopeOf,
  scopeWithin,
  type AuthContext,
  type Scope,
} from './access.ts';

test('scope prefixes follow the division level', () => {
  assert.equal(scopeOf('500110000000', null).regionPrefix, '500110');
  assert.equal(scopeOf('500110001000', null).regionPrefix, '500110001');
  assert.equal(scopeOf('500110001001', null).regionPrefix, '500110001001');
  assert.equal(scopeOf(null, null).regionPrefix, null);
});

test('covers: region subtree or own organisation, nothing for an unbound user', () => {
  const community = scopeOf('500110001001', null);
  assert.ok(covers(community, { regionCode: '500110001001' }));
  assert.ok(!covers(community, { regionCode: '500110001002' }));
  assert.ok(!covers(community, { regionCode: '500110001000' }), 'not the parent');
  const org = scopeOf(null, 'o1');
  assert.ok(covers(org, { organisationId: 'o1', regionCode: '500110001001' }));
  assert.ok(!covers(org, { organisationId: 'o2', regionCode: '500110001001' }));
  assert.ok(!covers(scopeOf(null, null), { regionCode: '500110001001' }));
});

test('scopeWithin: nobody creates a user wider than themselves', () => {
  const street = scopeOf('500110001000', null);
  assert.ok(scopeWithin(scopeOf('500110001001', null), street));
  assert.ok(!scopeWithin(scopeOf('500110000000', null), street));
});

test('scopeBranches: one condition per binding, each narrowed by a chosen region', () => {
  const t = pgTable('t', { regionCode: text('region_code'), organisationId: text('organisation_id') });
  const cols = { region: t.regionCode, organisation: t.organisationId };
  const dialect = new PgDialect();
  const params = (s: Scope) =>
    scopeBranches(s, cols, '500110001001').map((c) => dialect.sqlToQuery(c).params.join(' '));
  // Nested subtrees intersect to the inner one: one prefix per branch (one index range).
  assert.deepEqual(params(scopeOf('500110001000', 'o1')), ['500110001001', 'o1 500110001001']);
  assert.deepEqual(params(scopeOf('500110001001', null)), ['500110001001']);
  assert.deepEqual(
    params(scopeOf('500110002000', 'o1')),
    ['o1 500110001001'],
    'disjoint region: no region branch',
  );
  assert.deepEqual(params(scopeOf(null, 'o1')), ['o1 500110001001']);
  assert.deepEqual(params(scopeOf(null, null)), [], 'nothing in scope: no branch');
});

test('scopeBranchesText: the same branches as text, prefixes as byte-wise ranges', () => {
  const text = (s: Scope, regionCode?: string) => {
    const values: unknown[] = [];
    const conds = scopeBranchesText(
      s,
      { region: 'r', organisation: 'o' },
      regionCode,
      (v) => `$${values.push(v)}`,
    );
    return { conds, values };
  };
  assert.deepEqual(text(scopeOf('500110001000', 'o1')), {
    conds: ['r ~>=~ $1 AND r ~<~ $2', 'o = $3'],
    values: ['500110001', '500110001:', 'o1'],
  });
  assert.deepEqual(text(scopeOf('500110000000', null), '500110001001'), {
    conds: ['r = $1'],
    values: ['500110001001'],
  });
  assert.deepEqual(text(scopeOf('500110002000', 'o1'), '500110001000'), {
    conds: ['o = $1 AND r ~>=~ $2 AND r ~<~ $3'],
    values: ['o1', '500110001', '500110001:'],
  });
  assert.deepEqual(text(scopeOf(null, null)).conds, []);
});

const account = (roles: string[], regionCode: string | null, organisationId: string | null = null) => ({
  userId: 'u1',
  roles,
  regionCode,
  organisationId,
});

test('accountScope: a personal account sees through its relationships, never its binding', () => {
  const related = [{ elderId: 'e1', kind: 'self' as const, mayActFor: true }];
  for (const roles of [['elder'], ['family_member'], ['volunteer'], ['elder', 'volunteer']]) {
    const s = accountScope(account(roles, '500110001001', 'o1'), related);
    assert.deepEqual(
      s,
      { regionPrefix: null, organisationId: null, elderIds: ['e1'], userId: 'u1' },
      roles.join(),
    );
    assert.ok(
      !covers(s, { regionCode: '500110001001', organisationId: 'o1' }),
      'where they live grants nothing',
    );
    assert.ok(covers(s, { elderId: 'e1' }) && !covers(s, { elderId: 'e2' }));
  }
  const staff = accountScope(account(['community_worker'], '500110001001'), []);
  assert.deepEqual(staff, { regionPrefix: '500110001001', organisationId: null, elderIds: [], userId: 'u1' });
  assert.equal(accountScope(account([], '500110001001'), []).regionPrefix, '500110001001', 'no roles: staff');
});

test('actsFor: self always, family only with may-act-for', () => {
  const auth = {
    relations: [
      { elderId: 'self', kind: 'self', mayActFor: true },
      { elderId: 'mother', kind: 'family', mayActFor: true },
      { elderId: 'aunt', kind: 'family', mayActFor: false },
    ],
  } as unknown as AuthContext;
  assert.deepEqual(
    ['self', 'mother', 'aunt', 'stranger'].map((e) => actsFor(auth, e)),
    [true, true, false, false],
  );
});

test('relationship grants: related elders and current assignments are branches of the scope', () => {
  const t = pgTable('t', {
    id: uuid('id'),
    regionCode: text('region_code'),
    organisationId: text('organisation_id'),
  });
  const dialect = new PgDialect();
  const render = (c: ReturnType<typeof inScope>) => dialect.sqlToQuery(c);
  const personal: Scope = { regionPrefix: null, organisationId: null, elderIds: ['e1', 'e2'], userId: 'u1' };
  const registry = { region: t.regionCode, organisation: t.organisationId, elder: t.id, assignedElder: t.id };
  const [related, assigned, ...rest] = scopeBranches(personal, registry).map(render);
  assert.equal(rest.length, 0);
  assert.match(related!.sql, /"t"\."id" in \(\$1, \$2\)/);
  assert.deepEqual(related!.params, ['e1', 'e2']);
  assert.match(
    assigned!.sql,
    /= ANY\(ARRAY\(SELECT elder_id FROM assignments WHERE user_id = \$1 .*valid_to > now\(\)/,
  );
  assert.deepEqual(assigned!.params, ['u1']);
  // A chosen region narrows them like every other branch.
  const narrowed = scopeBranches(personal, registry, '500110001001').map(render);
  assert.ok(narrowed.every((q) => q.params.at(-1) === '500110001001'));
  // A table without those columns gets none of them: nothing in scope for a personal account.
  assert.equal(render(inScope(personal, { region: t.regionCode })).sql, 'false');
  // Subjects of assignments (an order, an incident): the assignment's type and the account.
  const subject = render(inScope(personal, { assigned: { subjectType: 'order', id: t.id } }));
  assert.match(
    subject.sql,
    /"t"\."id" = ANY\(ARRAY\(SELECT subject_id FROM assignments WHERE user_id = \$1 AND subject_type = \$2/,
  );
  assert.deepEqual(subject.params, ['u1', 'order']);
  assert.equal(
    render(assignedTo(scopeOf(null, null), 'order', t.id)).sql,
    'false',
    'no account: nothing assigned',
  );
});

test('scopeBranchesText: relationship grants as text', () => {
  const values: unknown[] = [];
  const conds = scopeBranchesText(
    { regionPrefix: '500110001', organisationId: null, elderIds: ['e1'], userId: 'u1' },
    { region: 'r', organisation: 'o', elder: 'k.id', assignedElder: 'k.id' },
    undefined,
    (v) => `$${values.push(v)}`,
  );
  assert.equal(conds.length, 3);
  assert.equal(conds[1], 'k.id = ANY($3::uuid[])');
  assert.match(conds[2]!, /^k\.id = ANY\(ARRAY\(SELECT elder_id FROM assignments WHERE user_id = \$4::uuid /);
  assert.deepEqual(values, ['500110001', '500110001:', ['e1'], 'u1']);
});
