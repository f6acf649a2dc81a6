import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFieldErrors, pointerToPath } from '../src/api/formErrors.ts';

test('pointers map to antd field names', () => {
  assert.deepEqual(pointerToPath('/body/username'), ['username']);
  assert.deepEqual(pointerToPath('/username'), ['username']);
  assert.deepEqual(pointerToPath('/body/contact/phone'), ['contact', 'phone']);
  assert.deepEqual(pointerToPath('/body/roles/1'), ['roles', 1]);
  assert.deepEqual(pointerToPath('/body/a~1b/c~0d'), ['a/b', 'c~d']);
  assert.equal(pointerToPath('/query/limit'), null);
  assert.equal(pointerToPath('/body'), null);
  assert.equal(pointerToPath(''), null);
});

test('applyFieldErrors groups messages per field and returns the rest', () => {
  const calls: unknown[] = [];
  const form = { setFields: (f: unknown) => calls.push(f) };
  const rest = applyFieldErrors(
    form,
    {
      errors: [
        { pointer: '/body/username', code: 'user.duplicate_username', message: '用户名已存在' },
        { pointer: '/body/contact/phone', code: 'user.invalid_phone', message: '手机号码格式不正确' },
        { pointer: '/body/username', code: 'common.too_small', message: '不能少于3' },
        { pointer: '/query/limit', code: 'common.too_big', message: '不能超过100' },
        { pointer: '/body/unknownField', code: 'common.unknown_field', message: 'x' },
      ],
    },
    ['username', 'contact'],
  );
  assert.deepEqual(calls, [
    [
      { name: ['username'], errors: ['用户名已存在', '不能少于3'] },
      { name: ['contact', 'phone'], errors: ['手机号码格式不正确'] },
    ],
  ]);
  assert.deepEqual(
    rest.map((r) => r.pointer),
    ['/query/limit', '/body/unknownField'],
  );
});
