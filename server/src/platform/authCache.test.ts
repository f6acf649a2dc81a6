import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthContext } from './access.ts';
import { AuthCache } from './authCache.ts';

const ctx = (userId: string) => ({ userId }) as AuthContext;

test('an entry lives for the TTL and never past the session expiry', () => {
  const c = new AuthCache(5_000);
  c.set('s:a', ctx('u1'), 10_000, c.begin(), 1_000);
  assert.equal(c.get('s:a', 5_999)?.userId, 'u1');
  assert.equal(c.get('s:a', 6_000), undefined, 'stale after the TTL');
  c.set('s:b', ctx('u1'), 2_000, c.begin(), 1_000);
  assert.equal(c.get('s:b', 2_000), undefined, 'the session expired first');
});

test('forget and forgetUser drop entries at once', () => {
  const c = new AuthCache(5_000);
  c.set('s:a', ctx('u1'), Infinity, c.begin(), 0);
  c.set('t:b', ctx('u1'), Infinity, c.begin(), 0);
  c.set('s:c', ctx('u2'), Infinity, c.begin(), 0);
  c.forgetUser('u1');
  assert.equal(c.get('s:a', 1), undefined);
  assert.equal(c.get('t:b', 1), undefined);
  assert.equal(c.get('s:c', 1)?.userId, 'u2');
  c.forget('s:c');
  assert.equal(c.get('s:c', 1), undefined);
});

test('a lookup that began before a revocation does not fill the cache', () => {
  const c = new AuthCache(5_000);
  const epoch = c.begin();
  c.forgetUser('u1'); // revoked while the lookup was reading the database
  c.set('s:a', ctx('u1'), Infinity, epoch, 0);
  assert.equal(c.get('s:a', 1), undefined);
});

test('TTL 0 disables the cache; the size is bounded', () => {
  const off = new AuthCache(0);
  off.set('s:a', ctx('u1'), Infinity, off.begin(), 0);
  assert.equal(off.get('s:a', 0), undefined);
  const small = new AuthCache(5_000, 2);
  for (const k of ['a', 'b', 'c']) small.set(k, ctx(k), Infinity, small.begin(), 0);
  assert.equal(small.get('a', 1), undefined, 'oldest evicted');
  assert.equal(small.get('c', 1)?.userId, 'c');
});
