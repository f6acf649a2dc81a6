import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PgDialect, pgTable, text } from 'drizzle-orm/pg-core';
import { covers, scopeBranches, scopeBranchesText, scopeOf, scopeWithin, type Scope } from './access.ts';

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
