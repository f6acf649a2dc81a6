import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { issueCode } from './issues.ts';

const codes = (schema: z.ZodType, value: unknown): string[] => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('/')}:${issueCode(i).code}`);
};

test('issueCode: limits name their unit', () => {
  assert.deepEqual(codes(z.string().max(3), 'abcd'), [':common.too_long']);
  assert.deepEqual(codes(z.string().min(3), 'ab'), [':common.too_short']);
  assert.deepEqual(codes(z.string().trim().min(1), '   '), [':common.required']);
  assert.deepEqual(codes(z.array(z.number()).max(1), [1, 2]), [':common.too_many']);
  assert.deepEqual(codes(z.array(z.number()).min(1), []), [':common.too_few']);
  assert.deepEqual(codes(z.number().max(200), 201), [':common.too_big']);
  assert.deepEqual(codes(z.number().min(1), 0), [':common.too_small']);
  assert.deepEqual(codes(z.object({ a: z.string() }), {}), ['a:common.required']);
  assert.deepEqual(codes(z.string().regex(/^\d$/, { message: 'user.invalid_phone' }), 'x'), [
    ':user.invalid_phone',
  ]);
});

test('issueCode: a query number that is not one is a wrong type, not a missing value', () => {
  const q = z.object({ ageMin: z.coerce.number().int().optional() });
  assert.deepEqual(codes(q, { ageMin: 'abc' }), ['ageMin:common.invalid_type']);
  assert.deepEqual(codes(z.object({ n: z.number() }), {}), ['n:common.required']);
});
