import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ETHNIC_GROUPS, ethnicityEn } from '@yiyang/contracts';

// Issue 13 §4: English mode translates the stored 民族 (GB/T 3304 names).
test('the 56 groups of GB/T 3304, each with an English name', () => {
  assert.equal(ETHNIC_GROUPS.length, 56);
  assert.equal(new Set(ETHNIC_GROUPS.map(([zh]) => zh)).size, 56);
  assert.ok(ETHNIC_GROUPS.every(([zh, en]) => zh.endsWith('族') && /^[A-Z][A-Za-z']+$/.test(en)));
  assert.equal(ethnicityEn('汉族'), 'Han');
  assert.equal(ethnicityEn('维吾尔族'), 'Uyghur');
  assert.equal(ethnicityEn('其他'), '其他', 'anything else as stored');
});
