import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cnIdCheckChar,
  convert15To18,
  crossCheck,
  ELDER_ID_MESSAGES,
  hasValidCnIdChecksum,
  ID_TYPES,
  isElderAge,
  parseCnIdNumber,
  residenceQualifies,
  validateIdentityDocument,
  type CnIdResult,
  type IdError,
  type IdentityDocumentResult,
} from './idNumber.ts';
import { ageOn, parseIsoDate } from '../../platform/dates.ts';

const TODAY = new Date('2025-06-01T00:00:00+08:00');

function ok<T>(result: { ok: true; value: T } | IdError): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.code} ${JSON.stringify(result.params)}`);
  return result.value;
}

function code(result: CnIdResult | IdentityDocumentResult): string {
  assert.equal(result.ok, false, 'expected an error');
  return result.ok ? '' : result.code;
}

test('GB 11643 example 11010519491231002X is valid', () => {
  assert.deepEqual(ok(parseCnIdNumber('11010519491231002X', TODAY)), {
    normalized: '11010519491231002X',
    birthDate: '1949-12-31',
    sex: 'female', // sequence 002: even
    age: 75,
    addressCode: '110105',
    convertedFrom15: false,
  });
});

test('test vector 440524188001010014: checksum valid; birth year 1880 is below the 1890 plausibility floor', () => {
  assert.equal(hasValidCnIdChecksum('440524188001010014'), true);
  assert.equal(cnIdCheckChar('44052418800101001'), '4');
  const result = parseCnIdNumber('440524188001010014', TODAY);
  assert.deepEqual(result, {
    ok: false,
    code: 'elder.id_number.birth_date_too_early',
    params: { birthDate: '1880-01-01', minimum: '1890-01-01' },
  });
});

test('normalisation: trim, lower-case x, full-width digits, inner spaces', () => {
  assert.equal(ok(parseCnIdNumber('  11010519491231002x ', TODAY)).normalized, '11010519491231002X');
  assert.equal(
    ok(parseCnIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).normalized,
    '11010519491231002X',
  );
  assert.equal(ok(parseCnIdNumber('110105 19491231 002X', TODAY)).normalized, '11010519491231002X');
});

test('wrong checksum', () => {
  assert.deepEqual(parseCnIdNumber('110105194912310021', TODAY), {
    ok: false,
    code: 'elder.id_number.checksum',
    params: {},
  });
  assert.equal(code(parseCnIdNumber('440524188001010015', TODAY)), 'elder.id_number.birth_date_too_early');
});

test('impossible birth date 19490230, even with a correct check digit', () => {
  assert.equal(hasValidCnIdChecksum('110105194902300020'), true);
  assert.deepEqual(parseCnIdNumber('110105194902300020', TODAY), {
    ok: false,
    code: 'elder.id_number.birth_date',
    params: { value: '19490230' },
  });
});

test('future birth date', () => {
  assert.deepEqual(parseCnIdNumber('110105203001010028', TODAY), {
    ok: false,
    code: 'elder.id_number.birth_date_future',
    params: { birthDate: '2030-01-01' },
  });
});

test('length, charset, address code and empty input', () => {
  assert.deepEqual(parseCnIdNumber('1101051949123100', TODAY), {
    ok: false,
    code: 'elder.id_number.length',
    params: { length: 16 },
  });
  assert.deepEqual(parseCnIdNumber('1101051949123I002X', TODAY), {
    ok: false,
    code: 'elder.id_number.charset',
    params: { position: 14 },
  });
  assert.equal(code(parseCnIdNumber('X10105194912310020', TODAY)), 'elder.id_number.charset');
  assert.equal(code(parseCnIdNumber('11010519491231002Y', TODAY)), 'elder.id_number.charset');
  assert.deepEqual(parseCnIdNumber('000000194912310029', TODAY), {
    ok: false,
    code: 'elder.id_number.address_code',
    params: { code: '000000' },
  });
  assert.equal(code(parseCnIdNumber('   ', TODAY)), 'elder.id_number.required');
});

test('15-digit legacy numbers are converted to 18 and validated', () => {
  assert.equal(convert15To18('110105491231002'), '11010519491231002X');
  assert.equal(convert15To18('11010549123100'), null);
  const value = ok(parseCnIdNumber('110105491231002', TODAY));
  assert.equal(value.normalized, '11010519491231002X');
  assert.equal(value.convertedFrom15, true);
  assert.equal(value.birthDate, '1949-12-31');
  assert.equal(code(parseCnIdNumber('110105490230002', TODAY)), 'elder.id_number.birth_date');
  assert.equal(code(parseCnIdNumber('11010549123100X', TODAY)), 'elder.id_number.charset');
});

test('age in whole years, birthday in China Standard Time', () => {
  const id = '500110196506010024'; // born 1965-06-01
  assert.equal(ok(parseCnIdNumber(id, new Date('2025-06-01T00:00:00+08:00'))).age, 60);
  assert.equal(ok(parseCnIdNumber(id, new Date('2025-05-31T23:59:00+08:00'))).age, 59);
  // 16:30 UTC on 31 May is already 1 June in Beijing.
  assert.equal(ok(parseCnIdNumber(id, new Date('2025-05-31T16:30:00Z'))).age, 60);
});

test('29 February birthdays: a year is completed on 28 Feb in common years (民法典 Art. 202)', () => {
  const id = '500110196002290018';
  const at = (d: string) => ok(parseCnIdNumber(id, new Date(`${d}T12:00:00+08:00`))).age;
  assert.equal(at('2020-02-28'), 59);
  assert.equal(at('2020-02-29'), 60);
  assert.equal(at('2021-02-27'), 60);
  assert.equal(at('2021-02-28'), 61);
  assert.equal(at('2024-02-28'), 63);
  assert.equal(at('2024-02-29'), 64);
  const leapling = parseIsoDate('2000-02-29')!;
  assert.equal(ageOn(leapling, parseIsoDate('2100-02-28')!), 100); // 2100 is not a leap year
  assert.equal(ageOn(leapling, parseIsoDate('2100-02-27')!), 99);
  assert.equal(parseIsoDate('1900-02-29'), null);
  assert.notEqual(parseIsoDate('2000-02-29'), null);
});

test('residence permits (810000/820000/830000) use the same checksum and encode birth date and sex', () => {
  const hk = ok(validateIdentityDocument('hk_macao_tw_residence_permit', '810000195001010010', TODAY));
  assert.deepEqual(hk, {
    idType: 'hk_macao_tw_residence_permit',
    normalized: '810000195001010010',
    birthDate: '1950-01-01',
    sex: 'male',
    age: 75,
    addressCode: '810000',
  });
  assert.equal(
    ok(validateIdentityDocument('hk_macao_tw_residence_permit', '820000194503050028', TODAY)).sex,
    'female',
  );
  assert.equal(
    ok(validateIdentityDocument('hk_macao_tw_residence_permit', '830000195207100031', TODAY)).age,
    72,
  );
  assert.equal(
    code(validateIdentityDocument('hk_macao_tw_residence_permit', '810000195001010011', TODAY)),
    'elder.id_number.checksum',
  );
  assert.equal(
    code(validateIdentityDocument('hk_macao_tw_residence_permit', '11010519491231002X', TODAY)),
    'elder.id_number.prefix',
  );
  // Typed under the wrong type: point the user at the right one.
  assert.deepEqual(validateIdentityDocument('resident_id', '810000195001010010', TODAY), {
    ok: false,
    code: 'elder.id_number.wrong_type',
    params: { suggested: 'hk_macao_tw_residence_permit' },
  });
});

test('2023 foreign permanent residence card (18 characters, starts with 9)', () => {
  const card = ok(validateIdentityDocument('foreign_permanent_residence_card', '931840194806150019', TODAY));
  assert.deepEqual(card, {
    idType: 'foreign_permanent_residence_card',
    normalized: '931840194806150019',
    birthDate: '1948-06-15',
    sex: 'male',
    age: 76,
    addressCode: null,
  });
  assert.equal(
    code(validateIdentityDocument('foreign_permanent_residence_card', '931840194806150018', TODAY)),
    'elder.id_number.checksum',
  );
  assert.equal(
    code(validateIdentityDocument('foreign_permanent_residence_card', '11010519491231002X', TODAY)),
    'elder.id_number.prefix',
  );
  assert.equal(
    code(validateIdentityDocument('resident_id', '931840194806150019', TODAY)),
    'elder.id_number.wrong_type',
  );
  // Older cards: format only, nothing derivable.
  const old = ok(validateIdentityDocument('foreign_permanent_residence_card', 'usa310078061901', TODAY));
  assert.equal(old.normalized, 'USA310078061901');
  assert.equal(old.birthDate, null);
});

test('passports and passes: charset and length only, nothing derived', () => {
  assert.deepEqual(ok(validateIdentityDocument('passport', ' e1234 5678 ', TODAY)), {
    idType: 'passport',
    normalized: 'E12345678',
    birthDate: null,
    sex: null,
    age: null,
    addressCode: null,
  });
  assert.equal(code(validateIdentityDocument('passport', 'E12-345678', TODAY)), 'elder.id_number.format');
  assert.equal(code(validateIdentityDocument('passport', 'E12', TODAY)), 'elder.id_number.format');
  assert.equal(ok(validateIdentityDocument('hk_macao_pass', 'h12345678', TODAY)).normalized, 'H12345678');
  assert.equal(ok(validateIdentityDocument('hk_macao_pass', 'M1234567801', TODAY)).sex, null);
  assert.equal(code(validateIdentityDocument('hk_macao_pass', 'C12345678', TODAY)), 'elder.id_number.format');
  assert.equal(ok(validateIdentityDocument('tw_pass', '12345678', TODAY)).normalized, '12345678');
  assert.equal(ok(validateIdentityDocument('other', '南字第123456号', TODAY)).normalized, '南字第123456号');
  assert.equal(code(validateIdentityDocument('other', '', TODAY)), 'elder.id_number.required');
  assert.equal(
    code(validateIdentityDocument('driving_licence' as never, '123456', TODAY)),
    'elder.id_type.invalid',
  );
  assert.equal(ok(validateIdentityDocument('resident_id', '11010519491231002x', TODAY)).sex, 'female');
});

test('crossCheck reports field-level mismatches', () => {
  const derived = { birthDate: '1949-12-31', sex: 'female' as const };
  assert.deepEqual(crossCheck({ derived, typedBirthDate: '1949-12-31', typedSex: 'female' }), []);
  assert.deepEqual(crossCheck({ derived, typedBirthDate: '1949-12-30', typedSex: 'male' }), [
    {
      field: 'birthDate',
      code: 'elder.birth_date_mismatch',
      params: { derived: '1949-12-31', typed: '1949-12-30' },
    },
    { field: 'sex', code: 'elder.sex_mismatch', params: { derived: 'female', typed: 'male' } },
  ]);
  assert.deepEqual(crossCheck({ derived }), []);
  assert.deepEqual(crossCheck({ derived: null, typedBirthDate: '1949-12-30', typedSex: 'male' }), []);
  assert.deepEqual(crossCheck({ derived: { birthDate: null, sex: null }, typedSex: 'male' }), []);
});

test('isElderAge', () => {
  assert.equal(isElderAge(59), false);
  assert.equal(isElderAge(60), true);
  assert.equal(isElderAge(79, 80), false);
  assert.equal(isElderAge(80, 80), true);
});

test('residenceQualifies: local at once, non-local after 2 full years', () => {
  assert.deepEqual(residenceQualifies(true, null, TODAY), { qualifies: true, qualifiesOn: null });
  assert.deepEqual(residenceQualifies(false, null, TODAY), { qualifies: false, qualifiesOn: null });
  assert.deepEqual(residenceQualifies(false, '2023-06-01', TODAY), {
    qualifies: true,
    qualifiesOn: '2025-06-01',
  });
  assert.deepEqual(residenceQualifies(false, '2023-06-02', TODAY), {
    qualifies: false,
    qualifiesOn: '2025-06-02',
  });
  assert.deepEqual(residenceQualifies(false, '2024-02-29', TODAY), {
    qualifies: false,
    qualifiesOn: '2026-02-28',
  });
  assert.throws(() => residenceQualifies(false, '2023-02-30', TODAY), RangeError);
});

test('every error code has a zh-CN and en-US message, and placeholders match the params used', () => {
  const codes = Object.keys(ELDER_ID_MESSAGES);
  assert.ok(codes.length >= 14);
  for (const [key, m] of Object.entries(ELDER_ID_MESSAGES)) {
    assert.ok(m['zh-CN'] && m['en-US'], key);
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    assert.deepEqual(placeholders(m['zh-CN']), placeholders(m['en-US']), key);
  }
  assert.equal(ELDER_ID_MESSAGES['elder.id_number.checksum']['zh-CN'].includes('校验位'), true);
  assert.equal(ID_TYPES.length, 7);
});

// ---------------------------------------------------------------------------
// Property tests

const PROVINCES = ['11', '31', '44', '50', '51', '65'];
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    rest: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1890-01-01T00:00:00Z'),
      max: new Date('2025-05-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, birth, sequence }) => {
    const birthDate = birth.toISOString().slice(0, 10);
    const body = `${province}${String(rest).padStart(4, '0')}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return { id: body + cnIdCheckChar(body), birthDate, sex: sequence % 2 === 1 ? 'male' : 'female' };
  });

test('property: any well-formed ID parses and round-trips birth date and sex', () => {
  fc.assert(
    fc.property(validId, ({ id, birthDate, sex }) => {
      const value = ok(parseCnIdNumber(id, TODAY));
      assert.equal(value.normalized, id);
      assert.equal(value.birthDate, birthDate);
      assert.equal(value.sex, sex);
      assert.ok(value.age >= 0 && value.age <= 135);
      assert.ok(ok(parseCnIdNumber(id.toLowerCase(), TODAY)));
    }),
    { numRuns: 2000 },
  );
});

test('property: changing any single character of a valid ID is rejected', () => {
  fc.assert(
    fc.property(
      validId,
      fc.integer({ min: 0, max: 17 }),
      fc.constantFrom(...'0123456789X'),
      ({ id }, position, replacement) => {
        fc.pre(id[position] !== replacement);
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        assert.equal(parseCnIdNumber(changed, TODAY).ok, false, changed);
      },
    ),
    { numRuns: 5000 },
  );
});

test('property: 15-digit numbers convert to an 18-digit number that parses to the same birth date', () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('1999-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      fc.integer({ min: 0, max: 999 }),
      (birth, sequence) => {
        const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
        const legacy = `500110${ymd.slice(2)}${String(sequence).padStart(3, '0')}`;
        const value = ok(parseCnIdNumber(legacy, TODAY));
        assert.equal(value.birthDate.replaceAll('-', ''), ymd);
        assert.equal(value.normalized.slice(0, 17), `500110${ymd}${String(sequence).padStart(3, '0')}`);
      },
    ),
  );
});
