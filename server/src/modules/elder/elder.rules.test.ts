import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageOn, parseIsoDate } from '../../platform/dates.ts';
import {
  derivedTags,
  isTagCurrent,
  latestBirthDateForAge,
  maskedDiff,
  maskedSnapshot,
  normalizePhone,
  type ElderPlain,
} from './elder.rules.ts';
import { ageOf } from '../../platform/dates.ts';

// Noon in Beijing on a date.
const at = (ymd: string) => new Date(`${ymd}T12:00:00+08:00`);

test('latestBirthDateForAge agrees with ageOn around leap days and month ends', () => {
  const todays = ['2025-02-28', '2024-02-29', '2024-02-28', '2025-03-01', '2026-12-31', '2025-01-01'];
  for (const today of todays) {
    for (const n of [60, 61, 79, 80, 99, 100]) {
      const limit = latestBirthDateForAge(n, at(today));
      const t = parseIsoDate(today)!;
      assert.ok(ageOn(parseIsoDate(limit)!, t) >= n, `${today} n=${n}: ${limit} is old enough`);
      // The next real date after the limit is too young.
      const next = new Date(`${limit}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      const nextYmd = next.toISOString().slice(0, 10);
      assert.ok(ageOn(parseIsoDate(nextYmd)!, t) < n, `${today} n=${n}: ${nextYmd} is too young`);
    }
  }
});

test('ageOf reads the China calendar date', () => {
  // 2025-03-01 00:30 in Beijing is still 28 Feb in UTC.
  assert.equal(ageOf('1965-03-01', new Date('2025-02-28T16:30:00Z')), 60);
  assert.equal(ageOf('1965-03-01', new Date('2025-02-28T15:30:00Z')), 59);
});

test('derived tags: highest age band and living situation', () => {
  assert.deepEqual(derivedTags(79, 'with_children'), []);
  assert.deepEqual(derivedTags(80, 'alone'), ['aged_80', 'living_alone']);
  assert.deepEqual(derivedTags(95, 'empty_nest'), ['aged_90', 'empty_nest']);
  assert.deepEqual(derivedTags(101, 'left_behind'), ['aged_100', 'left_behind']);
  assert.deepEqual(derivedTags(70, null), []);
});

test('tag validity is inclusive and open-ended', () => {
  assert.ok(isTagCurrent({ validFrom: '2025-01-01', validTo: null }, '2025-01-01'));
  assert.ok(isTagCurrent({ validFrom: '2025-01-01', validTo: '2025-06-30' }, '2025-06-30'));
  assert.ok(!isTagCurrent({ validFrom: '2025-01-01', validTo: '2025-06-30' }, '2025-07-01'));
  assert.ok(!isTagCurrent({ validFrom: '2025-08-01', validTo: null }, '2025-07-01'));
});

test('phones normalise to digits', () => {
  assert.equal(normalizePhone('023-4861 2345'), '02348612345');
  assert.equal(normalizePhone('１３８１２３４５６７８'), '13812345678');
});

const plain: ElderPlain = {
  name: '张三华',
  idType: 'resident_id',
  idNumber: '500110195001011234',
  birthDate: '1950-01-01',
  sex: 'male',
  phone: '13812345678',
  regionCode: '500110001001',
  address: '古南街道幸福社区1栋2单元301号',
  householdLocal: true,
  householdAddress: null,
  residenceSince: null,
  lat: 29.0345678,
  lng: 106.6512345,
  livingSituation: 'alone',
  ethnicity: '汉族',
  education: null,
  maritalStatus: 'widowed',
  economicSources: ['pension'],
  health: { chronicDiseases: ['I10'], allergies: ['青霉素'], medications: ['氨氯地平'], familyDoctor: null },
  status: 'active',
  statusDate: null,
};

test('history snapshots hold no plain personal data', () => {
  const text = JSON.stringify(maskedSnapshot(plain));
  for (const secret of [
    '500110195001011234',
    '13812345678',
    '幸福社区1栋',
    '张三华',
    'I10',
    '青霉素',
    '29.0345',
  ])
    assert.ok(!text.includes(secret), `snapshot leaks ${secret}`);
  assert.match(text, /张\*华/);
});

test('maskedDiff lists changed fields only, compared on plain values', () => {
  assert.equal(maskedDiff(plain, { ...plain }), null);
  const d = maskedDiff(plain, { ...plain, phone: '13800005678', lat: 29.5 })!;
  assert.deepEqual(Object.keys(d.after).sort(), ['location', 'phone']);
  assert.equal(d.before.phone, '138****5678');
  assert.equal(d.after.phone, '138****5678');
});
