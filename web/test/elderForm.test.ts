import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ElderDetail } from '@yiyang/contracts';
import {
  derivesBirthAndSex,
  ELDER_CORE_FIELDS,
  ELDER_FORM_FIELDS,
  toCreateBody,
  toFamilyBodies,
  toUpdateBody,
} from '../src/modules/elder/elderForm.ts';

const village = '500110001010';

test('the console form has every field of the phone form', () => {
  for (const f of ELDER_CORE_FIELDS) assert.ok((ELDER_FORM_FIELDS as readonly string[]).includes(f), f);
  assert.equal(ELDER_FORM_FIELDS.at(-1), 'reason');
  assert.equal(derivesBirthAndSex('resident_id'), true);
  assert.equal(derivesBirthAndSex('passport'), false);
});

test('a registration from the console: health, tags, residence and family', () => {
  const body = toCreateBody({
    name: ' 张三 ',
    idType: 'passport',
    idNumber: ' e 123 ',
    birthDate: '1950-01-01',
    sex: 'male',
    phone: ' ',
    regionCode: village,
    address: ' 1 号 ',
    livingSituation: 'alone',
    householdLocal: false,
    residenceSince: '2020-01-01',
    lat: 29.1,
    lng: null,
    health: { chronicDiseases: ['I10'], allergies: [], medications: [], familyDoctorSigned: true },
    tags: [{ code: 'low_income', validFrom: '2026-01-01' }, {}],
    family: [{ name: ' 李四 ', relationship: 'son', consent: false }],
  });
  assert.deepEqual(body, {
    name: '张三',
    idType: 'passport',
    idNumber: 'E123',
    birthDate: '1950-01-01',
    sex: 'male',
    regionCode: village,
    address: '1 号',
    livingSituation: 'alone',
    householdLocal: false,
    residenceSince: '2020-01-01',
    lat: 29.1,
    health: { chronicDiseases: ['I10'], allergies: [], medications: [], familyDoctor: { signed: true } },
    tags: [{ code: 'low_income', validFrom: '2026-01-01', validTo: null }],
  });
  assert.deepEqual(toFamilyBodies({ idType: 'resident_id', family: [{ name: ' 李四 ', consent: false }] }), [
    { name: '李四', relationship: 'other', mayActFor: false, isGuardian: false, consent: null },
  ]);
});

test('a registration from the phone: no health section, local household, no tags', () => {
  const body = toCreateBody({
    name: '王五',
    idType: 'resident_id',
    idNumber: '11010119500101998x',
    birthDate: '',
    sex: '',
    phone: '13800000000',
    regionCode: village,
    address: '2 号',
    livingSituation: 'with_children',
    lat: 29.5,
    lng: 106.5,
    reason: '',
  });
  assert.deepEqual(body, {
    name: '王五',
    idType: 'resident_id',
    idNumber: '11010119500101998X',
    phone: '13800000000',
    regionCode: village,
    address: '2 号',
    livingSituation: 'with_children',
    householdLocal: true,
    lat: 29.5,
    lng: 106.5,
    health: { chronicDiseases: [], allergies: [], medications: [], familyDoctor: null },
    tags: [],
  });
});

const elder = {
  id: 'e1',
  idType: 'passport',
  birthDate: '1950-01-01',
  sex: 'male',
  regionCode: village,
  livingSituation: 'alone',
  householdLocal: true,
  residenceSince: null,
  lat: 29.1,
  lng: 106.5,
  version: 3,
} as unknown as ElderDetail;

test('an edit sends what changed, the typed masked values, the version and the reason', () => {
  const v = {
    name: '',
    idType: 'passport' as const,
    idNumber: '',
    birthDate: '1951-02-02',
    sex: 'male' as const,
    phone: '',
    regionCode: village,
    address: ' 新地址 ',
    livingSituation: 'with_children' as const,
    householdLocal: true,
    lat: 29.1,
    lng: 106.6,
    reason: ' 搬家 ',
  };
  assert.deepEqual(toUpdateBody(v, elder), {
    livingSituation: 'with_children',
    lng: 106.6,
    birthDate: '1951-02-02',
    address: '新地址',
    version: 3,
    reason: '搬家',
  });
  // The phone sends the birth date and sex only with a newly typed document number.
  const phone = { ...v, householdLocal: undefined };
  assert.deepEqual(toUpdateBody(phone, elder, { birthAndSexWithIdOnly: true }), {
    livingSituation: 'with_children',
    lng: 106.6,
    address: '新地址',
    version: 3,
    reason: '搬家',
  });
  assert.deepEqual(toUpdateBody({ ...phone, idNumber: 'e9' }, elder, { birthAndSexWithIdOnly: true }), {
    livingSituation: 'with_children',
    lng: 106.6,
    idType: 'passport',
    idNumber: 'E9',
    birthDate: '1951-02-02',
    sex: 'male',
    address: '新地址',
    version: 3,
    reason: '搬家',
  });
});
