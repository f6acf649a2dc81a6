import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cnIdCheckChar } from '../idNumber.ts';
import { checkRow, type RawCell } from './elder.import.rows.ts';

const ID = '65010219480101123' + cnIdCheckChar('65010219480101123');
const NOW = new Date('2026-06-01T00:00:00Z');

/** A valid row with `extra` cells added or replaced. */
function rowWith(extra: Record<string, string>) {
  const cells = new Map<string, RawCell>(
    Object.entries({ name: '张三', idNumber: ID, regionCode: '500110001001', ...extra }).map(([k, v]) => [
      k,
      { text: v },
    ]),
  );
  return checkRow({ row: 7, cells }, NOW);
}
const issuesOf = (v: ReturnType<typeof checkRow>) =>
  v.issues.map((i) => ({ column: i.column, code: i.code, ...(i.params ? { params: i.params } : {}) }));

test('a NUL, a lone surrogate or another control character is an error at its column', () => {
  for (const [column, value, position] of [
    ['name', '张\u0000三', 2],
    ['address', '幸福社区\ud800', 5],
    ['livingSituation', '独\u0000居', 2],
    ['tags', '低保、\u0001', 4],
    ['chronicDiseases', '高血压\u007f', 4],
    ['ethnicity', '汉\ufffd', 2],
  ] as const) {
    const v = rowWith({ [column]: value });
    assert.deepEqual(
      issuesOf(v),
      [{ column, code: 'common.invalid_characters', params: { position } }],
      column,
    );
    assert.equal(v.checked, null);
  }
});

test('formulas are refused after normalising: leading spaces, tabs and line breaks do not hide one', () => {
  for (const value of [' =1+2', '\r=1+1', '\n=1+1', '\t@SUM(A1)', '\u3000+1', '\u00a0-1', '=1+1'])
    assert.deepEqual(
      issuesOf(rowWith({ address: value })),
      [{ column: 'address', code: 'elder.import.formula' }],
      JSON.stringify(value),
    );
});

test('a cell is stored normalised: line breaks inside become spaces, ends trimmed', () => {
  const v = rowWith({ address: ' 幸福社区\r\n3栋2单元 ', name: '\t张三\n' });
  assert.deepEqual(v.issues, []);
  assert.equal(v.checked?.plain.address, '幸福社区 3栋2单元');
  assert.equal(v.checked?.plain.name, '张三');
});

test('独居/空巢/留守 in 老人类别 say they belong in 居住情况; 高龄 and 失能 say where they come from', () => {
  for (const value of [
    '空巢',
    '独居',
    '留守',
    '独居老人',
    '空巢（仅与配偶同住）',
    'empty_nest',
    'living_alone',
  ])
    assert.deepEqual(
      issuesOf(rowWith({ tags: `低保、${value}` })),
      [{ column: 'tags', code: 'elder.import.tag_is_living_situation', params: { value } }],
      value,
    );
  assert.deepEqual(issuesOf(rowWith({ tags: '高龄' })), [
    { column: 'tags', code: 'elder.import.tag_derived_age', params: { value: '高龄' } },
  ]);
  assert.deepEqual(issuesOf(rowWith({ tags: '失能' })), [
    { column: 'tags', code: 'elder.import.tag_from_assessment', params: { value: '失能' } },
  ]);
  assert.deepEqual(issuesOf(rowWith({ tags: '富豪' })), [
    { column: 'tags', code: 'elder.import.invalid_option', params: { value: '富豪' } },
  ]);
});

test('a long option value is quoted by whole characters, never half of one', () => {
  const value = '𠀀'.repeat(30);
  const [issue] = rowWith({ education: value }).issues;
  assert.equal(issue?.code, 'elder.import.invalid_option');
  assert.equal(issue?.params?.value, '𠀀'.repeat(20));
});

test('limits name their unit', () => {
  assert.deepEqual(issuesOf(rowWith({ name: '张'.repeat(51) })), [
    { column: 'name', code: 'common.too_long', params: { maximum: 50 } },
  ]);
});
