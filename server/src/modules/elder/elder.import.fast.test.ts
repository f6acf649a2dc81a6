import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { generateElders } from './elder.generator.ts';
import { IMPORT_COLUMNS } from './elder.import.columns.ts';
import { CsvParser } from './elder.import.read.ts';
import { checkRow, fastCreateBody, sheetRow, type SheetRow } from './elder.import.rows.ts';
import { templateCsvRow } from './elder.import.sample.ts';
import { ELDER_LIMITS, elderCreateBody } from './elder.schema.ts';

/**
 * The import's zod-free fast path (elder.import.rows.ts fastCreateBody) must
 * never change a verdict: whenever it answers, zod accepts the same input and
 * produces the same value; whole rows get the same issues, residence and
 * record with and without it.
 */
const NOW = new Date('2026-06-01T04:00:00Z');
const HEADER = IMPORT_COLUMNS.map((c) => c.key);
const people = [
  ...generateElders({
    count: 300,
    seed: 42,
    regionCodes: ['500110001001', '500110102201'],
    today: NOW,
  }),
];

function rowOf(csvLine: string, row: number): SheetRow | null {
  const raw = new CsvParser().push(csvLine, true)[0]!;
  return sheetRow(HEADER, { row, values: raw.values });
}

/** Strings near each limit, padded, blank, Chinese, formula-like. */
const textNear = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: max + 2 }) },
    fc.nat(max + 2).map((n) => '颐'.repeat(n)),
    fc.constantFrom('', ' ', ' 张三', '张三 ', '\t', '=1+1', '\u3000李四'),
  );
const anything = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const dateLike = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date('1890-01-01'), max: new Date('2100-12-31') })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2000-02-29', '1900-02-29', '1950-13-01', '1950-1-5', '19500105', ' 1950-01-05'),
);
const phoneLike = fc.oneof(
  fc.stringMatching(/^1[0-9]\d{9}$/),
  fc.stringMatching(/^0\d{2,3}-?\d{6,9}$/),
  fc.constantFrom('13812345678', '023-48612345', '4861234', ' 13812345678', '1381234567x'),
);
/** Values zod accepts as they are, per field. */
const text = (max: number, min = 1) =>
  fc.oneof(
    fc.stringMatching(new RegExp(`^[a-z张三华0-9]{${min},${Math.min(max, 12)}}$`)),
    fc.constant('颐'.repeat(max)),
  );
const valid = {
  name: text(ELDER_LIMITS.name),
  idType: fc.constantFrom('resident_id', 'passport'),
  idNumber: text(ELDER_LIMITS.idNumber),
  birthDate: fc.constantFrom('1950-01-05', '2000-02-29'),
  sex: fc.constantFrom('male', 'female'),
  phone: fc.constantFrom('13812345678', '023-48612345', '4861234'),
  regionCode: fc.stringMatching(/^\d{12}$/),
  address: text(ELDER_LIMITS.address, 0),
  householdLocal: fc.boolean(),
  householdAddress: text(ELDER_LIMITS.address, 0),
  residenceSince: fc.constantFrom('1990-10-01'),
  livingSituation: fc.constantFrom('alone', 'empty_nest', 'with_children'),
  ethnicity: text(ELDER_LIMITS.ethnicity, 0),
  education: fc.constantFrom('none', 'primary', 'college'),
  maritalStatus: fc.constantFrom('married', 'widowed'),
  economicSources: fc.uniqueArray(fc.constantFrom('pension', 'savings', 'other'), { maxLength: 3 }),
  health: fc.record(
    { chronicDiseases: fc.array(text(ELDER_LIMITS.chronicDisease), { maxLength: 3 }) },
    { noNullPrototype: true },
  ),
};
/** Values that may or may not pass, per field: near the limits, untrimmed, of the wrong type. */
const wild = {
  name: textNear(ELDER_LIMITS.name),
  idType: fc.constantFrom('resident_id', 'other', 'x', ''),
  idNumber: textNear(ELDER_LIMITS.idNumber),
  birthDate: dateLike,
  sex: fc.constantFrom('male', 'other', 'MALE'),
  phone: phoneLike,
  regionCode: fc.oneof(fc.stringMatching(/^\d{11,13}$/), fc.constant('50011000100a')),
  address: textNear(ELDER_LIMITS.address),
  householdLocal: fc.constantFrom('true', 1, null),
  householdAddress: textNear(ELDER_LIMITS.address),
  residenceSince: dateLike,
  livingSituation: fc.constantFrom('nope', 'ALONE'),
  ethnicity: textNear(ELDER_LIMITS.ethnicity),
  education: fc.constantFrom('phd', ''),
  maritalStatus: fc.constantFrom('single', 'Married'),
  economicSources: fc.array(fc.constantFrom('pension', 'savings', 'lottery'), { maxLength: 9 }),
  health: fc.oneof(
    fc.record(
      { chronicDiseases: fc.array(textNear(ELDER_LIMITS.chronicDisease), { maxLength: 52 }) },
      { noNullPrototype: true },
    ),
    fc.record(
      { chronicDiseases: fc.array(fc.string()), allergies: fc.array(fc.string()) },
      { noNullPrototype: true },
    ),
  ),
};
const wildOrAnything = Object.fromEntries(
  Object.entries(wild).map(([k, a]) => [
    k,
    fc.oneof({ weight: 3, arbitrary: a as fc.Arbitrary<unknown> }, anything),
  ]),
);
/** A valid input with a few fields replaced by wild values (often none). */
const input = fc
  .tuple(
    fc.record(valid, { requiredKeys: ['name', 'idNumber', 'regionCode'], noNullPrototype: true }),
    fc.oneof(
      { weight: 2, arbitrary: fc.constant({}) },
      fc
        .record(wildOrAnything, { requiredKeys: [], noNullPrototype: true })
        .map((w) => Object.fromEntries(Object.entries(w).slice(0, 3))),
    ),
  )
  .map(([v, w]) => ({ ...v, ...w }) as Record<string, unknown>);
// Keys checkRow never sets: zod refuses some, and the fast path must leave them all to zod.
const extra = fc.oneof(
  { weight: 8, arbitrary: fc.constant({}) },
  fc.record({ lat: fc.double(), tags: fc.array(fc.string()), nickname: fc.string() }, { requiredKeys: [] }),
);

test('fastCreateBody answers only what zod answers, with the same value', () => {
  let answered = 0;
  fc.assert(
    fc.property(input, extra, (fields, more) => {
      const i = { ...fields, ...more };
      const fast = fastCreateBody(i);
      if (!fast) return;
      answered++;
      const full = elderCreateBody.safeParse(i);
      assert.ok(full.success, `zod refuses what the fast path accepted: ${JSON.stringify(i)}`);
      assert.deepStrictEqual(fast, full.data);
    }),
    { numRuns: 3000 },
  );
  assert.ok(answered > 300, `the generator reaches the fast path often enough (${answered} of 3,000)`);
});

test('the fast path takes every row of a typical 摸底表', () => {
  let fast = 0;
  const counting: typeof fastCreateBody = (input) => {
    const out = fastCreateBody(input);
    if (out) fast++;
    return out;
  };
  for (const [i, p] of people.entries()) {
    const verdict = checkRow(rowOf(templateCsvRow(p), i + 3)!, NOW, { fast: counting });
    assert.ok(verdict.checked, JSON.stringify(verdict.issues));
  }
  assert.equal(fast, people.length);
});

/** Cell values a person typing a 摸底表 could produce, valid or not. */
const cellValue = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 8 }),
  textNear(60),
  dateLike,
  phoneLike,
  fc.constantFrom(
    '=SUM(A1)',
    '+1',
    '@x',
    '男',
    '女',
    '是',
    '否',
    '独居',
    '空巢',
    '养老金、储蓄',
    '低保、残疾',
    '高血压、I10',
    '居民身份证',
    '护照',
    '500110001001',
    '110101001001',
    '50011019480101123X',
    '500110480101123',
    '2099-01-01',
    '  汉族  ',
  ),
);

test('checkRow gives the same verdict with and without the fast path on generated and mutated rows', () => {
  fc.assert(
    fc.property(
      fc.nat(people.length - 1),
      fc.array(fc.tuple(fc.nat(HEADER.length - 1), cellValue), { maxLength: 4 }),
      (who, edits) => {
        const raw = new CsvParser().push(templateCsvRow(people[who]!), true)[0]!;
        const values = [...raw.values];
        for (const [col, v] of edits) values[col] = v;
        const r = sheetRow(HEADER, { row: who + 3, values });
        if (!r) return;
        assert.deepStrictEqual(checkRow(r, NOW), checkRow(r, NOW, { fast: null }));
      },
    ),
    { numRuns: 3000 },
  );
});
