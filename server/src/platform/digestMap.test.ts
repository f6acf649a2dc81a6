import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DigestMap } from './digestMap.ts';

test('DigestMap: first value wins, survives growth, 20 bytes per slot', () => {
  const m = new DigestMap(16);
  const hex = (i: number) => createHash('sha256').update(String(i)).digest('hex');
  for (let i = 1; i <= 50_000; i++) assert.equal(m.getOrSet(hex(i), i), undefined);
  for (let i = 1; i <= 50_000; i += 997) assert.equal(m.getOrSet(hex(i), 1), i);
  assert.equal(m.size, 50_000);
  // 2^17 slots at most 70 % full.
  assert.equal(m.bytes, (1 << 17) * 20);
  assert.throws(() => m.getOrSet(hex(0), 0), RangeError);
});
