import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { ELDER_CSV_COLUMNS, generateElders, writeEldersCsv, type SyntheticElder } from './elder.generator.ts';
import { parseCnIdNumber, residenceQualifies } from './idNumber.ts';
import { ELDER_TAGS, LIVING_SITUATIONS } from './elder.vocab.ts';

const TODAY = new Date('2025-06-01T00:00:00+08:00');
// 綦江区: two communities (居委会 001–199) and two villages (村委会 200–399).
const REGIONS = ['500110001001', '500110001002', '500110102201', '500110102202'];
const options = { count: 200, seed: 7, regionCodes: REGIONS, today: TODAY };

function take(count: number, overrides: Partial<typeof options> = {}): SyntheticElder[] {
  return [...generateElders({ ...options, ...overrides, count })];
}

function checkElder(e: SyntheticElder, regions: readonly string[], today: Date): void {
  const parsed = parseCnIdNumber(e.idNumber, today);
  assert.ok(parsed.ok, `${e.idNumber} ${parsed.ok ? '' : parsed.code}`);
  assert.equal(parsed.value.normalized, e.idNumber);
  assert.equal(parsed.value.birthDate, e.birthDate);
  assert.equal(parsed.value.sex, e.sex);
  assert.ok(parsed.value.age >= 60 && parsed.value.age <= 105, `age ${parsed.value.age}`);
  assert.ok(regions.includes(e.regionCode));
  if (e.householdLocal) {
    assert.equal(parsed.value.addressCode, e.regionCode.slice(0, 6));
    assert.equal(e.residenceSince, null);
  } else {
    assert.notEqual(parsed.value.addressCode.slice(0, 2), e.regionCode.slice(0, 2));
    assert.ok(
      e.residenceSince !== null && residenceQualifies(false, e.residenceSince, today).qualifiesOn !== null,
    );
  }
  assert.match(e.name, /^\p{Script=Han}{2,4}$/u);
  if (e.phone !== null) assert.match(e.phone, /^1[3-9]\d{9}$/);
  assert.ok(LIVING_SITUATIONS.includes(e.livingSituation));
  assert.ok(e.tags.every((t) => ELDER_TAGS.includes(t)));
  const ladder = e.tags.filter((t) => ['extreme_poverty', 'subsistence_allowance', 'low_income'].includes(t));
  assert.ok(ladder.length <= 1, '特困/低保/低收入 are exclusive');
  if (e.tags.includes('bereaved_only_child')) assert.ok(e.tags.includes('family_planning_special'));
  const rural = Number(e.regionCode.slice(9)) >= 200;
  assert.match(
    e.address,
    rural
      ? /^\p{Script=Han}{2}村\d+组\d+号$/u
      : /^\p{Script=Han}{2}社区\p{Script=Han}{2}小区\d+栋\d单元\d+号$/u,
  );
  if (e.livingSituation === 'left_behind') assert.ok(rural);
}

test('every generated elder is consistent with its own ID number and is 60 or older', () => {
  take(2000).forEach((e) => checkElder(e, REGIONS, TODAY));
});

test('property: for any seed, date and regions, generated elders pass parseCnIdNumber and are ≥ 60', () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2060-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.uniqueArray(fc.constantFrom(...REGIONS, '500240100200', '110105001001', '510104002003'), {
        minLength: 1,
        maxLength: 4,
      }),
      (seed, today, regionCodes) => {
        for (const e of generateElders({ count: 30, seed, regionCodes, today }))
          checkElder(e, regionCodes, today);
      },
    ),
    { numRuns: 150 },
  );
});

test('today on 29 February still gives exact ages', () => {
  const today = new Date('2024-02-29T12:00:00+08:00');
  for (const e of generateElders({ ...options, count: 5000, today })) checkElder(e, REGIONS, today);
});

test('deterministic, and a smaller count is a prefix of a larger one', () => {
  assert.deepEqual(take(50), take(50));
  assert.deepEqual(take(50), take(500).slice(0, 50));
  assert.notDeepEqual(take(50), take(50, { seed: 8 }));
  assert.equal(
    take(100)
      .map((e) => e.seq)
      .join(),
    [...Array(100).keys()].join(),
  );
});

test('ID numbers are unique', () => {
  // One county, so address codes collide as much as possible.
  const ids = new Set<string>();
  let n = 0;
  for (const e of generateElders({ count: 200_000, seed: 1, regionCodes: ['500110001001'], today: TODAY })) {
    ids.add(e.idNumber);
    n++;
  }
  assert.equal(ids.size, n);
});

test('shares roughly follow the documented assumptions', () => {
  const n = 100_000;
  const count = new Map<string, number>();
  const bump = (k: string) => count.set(k, (count.get(k) ?? 0) + 1);
  for (const e of generateElders({ ...options, count: n })) {
    const age = parseCnIdNumber(e.idNumber, TODAY);
    assert.ok(age.ok);
    if (age.value.age >= 80) bump('80+');
    if (age.value.age >= 90) bump('90+');
    bump(e.sex);
    bump(e.livingSituation);
    e.tags.forEach(bump);
    if (!e.householdLocal) bump('non_local');
    if (e.phone === null) bump('no_phone');
    if (e.ethnicity !== '汉族') bump('minority');
    if (e.chronicDiseases.includes('I10')) bump('I10');
  }
  const share = (k: string) => (count.get(k) ?? 0) / n;
  const near = (k: string, expected: number, tolerance: number) =>
    assert.ok(Math.abs(share(k) - expected) <= tolerance, `${k}: ${share(k).toFixed(4)} vs ${expected}`);
  near('80+', 0.135, 0.01);
  near('female', 0.52, 0.015);
  near('alone', 0.12, 0.01);
  near('empty_nest', 0.4, 0.015);
  near('extreme_poverty', 0.01, 0.003);
  near('subsistence_allowance', 0.04, 0.005);
  near('low_income', 0.03, 0.005);
  near('disability', 0.06, 0.008);
  near('senior_party_member', 0.08, 0.008);
  near('bereaved_only_child', 0.003, 0.0015);
  near('family_planning_special', 0.005, 0.002);
  near('priority_entitled', 0.01, 0.003);
  near('non_local', 0.05, 0.005);
  near('minority', 0.015, 0.005);
  near('I10', 0.45, 0.05);
  assert.ok(share('90+') > 0.01 && share('90+') < 0.03);
  assert.ok(share('no_phone') > 0.05 && share('no_phone') < 0.2);
});

test('options are validated', () => {
  assert.throws(() => take(1, { regionCodes: [] }), RangeError);
  assert.throws(() => take(1, { regionCodes: ['500110'] }), /12-digit/);
  assert.throws(() => [...generateElders({ ...options, count: -1 })], RangeError);
});

test('writeEldersCsv streams a header and one line per elder', async () => {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  const { rows, bytes } = await writeEldersCsv(sink, { ...options, count: 3000, bom: true });
  const text = Buffer.concat(parts).toString('utf8');
  assert.equal(rows, 3000);
  assert.equal(bytes, Buffer.byteLength(text));
  assert.ok(text.startsWith('\uFEFFseq,name,sex,id_type,id_number,birth_date,'));
  const lines = text.slice(1).trimEnd().split('\n');
  assert.equal(lines.length, 3001);
  assert.equal(lines[0], ELDER_CSV_COLUMNS.join(','));
  const first = take(1)[0]!;
  const cells = lines[1]!.split(',');
  assert.equal(cells.length, ELDER_CSV_COLUMNS.length);
  assert.equal(cells[ELDER_CSV_COLUMNS.indexOf('id_number')], first.idNumber);
  assert.equal(cells[ELDER_CSV_COLUMNS.indexOf('household_local')], String(first.householdLocal));
});
