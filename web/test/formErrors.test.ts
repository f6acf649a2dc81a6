import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api/client.ts';
import { applyFieldErrors, pointerToPath, readSubmitError, showSubmitError } from '../src/api/formErrors.ts';

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

const duplicate = new ApiError(
  409,
  'elder.duplicate_id_number',
  '该证件号码已登记，请勿重复建档',
  [
    {
      pointer: '/body/idNumber',
      code: 'elder.duplicate_id_number',
      message: '该证件号码已登记，请勿重复建档',
    },
  ],
  'req-1',
  { existingElderId: 'e-1' },
);

test('a duplicate (409) is the server’s message under its field, not a stale record', () => {
  const f = readSubmitError(duplicate, '加载失败', ['name', 'idNumber']);
  assert.equal(f.stale, false);
  assert.deepEqual(f.fields, [{ name: ['idNumber'], errors: ['该证件号码已登记，请勿重复建档'] }]);
  // Said under the field already: nothing repeats it above the form.
  assert.equal(f.summary, null);
  assert.deepEqual(f.meta, { existingElderId: 'e-1' });
});

test('only common.conflict means the record changed since it was read', () => {
  const stale = new ApiError(409, 'common.conflict', '数据已被修改，请刷新后重试', [
    { pointer: '/body/version', code: 'common.conflict', message: '数据已被修改，请刷新后重试' },
  ]);
  const f = readSubmitError(stale, '加载失败', ['name', 'reason']);
  assert.equal(f.stale, true);
  assert.equal(f.summary, '数据已被修改，请刷新后重试');
  assert.equal(readSubmitError(duplicate, 'x').stale, false);
});

test('a message for no field of the form, or no API answer at all, goes above the form', () => {
  const invalid = new ApiError(422, 'common.validation', '提交的内容有误，请检查标出的字段', [
    { pointer: '/body/name', code: 'common.too_big', message: '不能超过50' },
    { pointer: '/body/householdAddress', code: 'common.too_big', message: '不能超过200' },
  ]);
  const f = readSubmitError(invalid, '加载失败', ['name']);
  assert.equal(f.summary, '提交的内容有误，请检查标出的字段');
  assert.deepEqual(f.fields, [{ name: ['name'], errors: ['不能超过50'] }]);
  const denied = new ApiError(403, 'auth.forbidden', '没有权限执行此操作');
  assert.equal(readSubmitError(denied, '加载失败').summary, '没有权限执行此操作');
  assert.deepEqual(readSubmitError(new TypeError('x'), '加载失败'), {
    summary: '加载失败',
    fields: [],
    stale: false,
    meta: {},
  });
});

test('showSubmitError puts the messages under the inputs and scrolls to the first', () => {
  const calls: unknown[] = [];
  const form = {
    setFields: (f: unknown) => calls.push(['setFields', f]),
    scrollToField: (name: unknown) => calls.push(['scrollToField', name]),
  };
  showSubmitError(form, duplicate, '加载失败', ['idNumber']);
  assert.deepEqual(calls, [
    ['setFields', [{ name: ['idNumber'], errors: ['该证件号码已登记，请勿重复建档'] }]],
    ['scrollToField', ['idNumber']],
  ]);
});
