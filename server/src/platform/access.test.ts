import assert from 'node:assert/strict';
import { test } from 'node:test';
import { covers, scopeOf, scopeWithin } from './access.ts';

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
