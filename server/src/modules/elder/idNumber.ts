import { ELDER_ID_MESSAGES as CONTRACT_ELDER_ID_MESSAGES, ELDER_ID_TYPES } from '@yiyang/contracts';
import { ageOn, anniversary, chinaDate, formatYmd, parseIsoDate, realDate } from '../../platform/dates.ts';

/**
 * Identity documents of elders (PRODUCT.md §4.2, STANDARDS.md §5.1).
 * Pure functions: no I/O, `today` is always a parameter.
 *
 * Dates are calendar dates in China Standard Time (UTC+8, no DST): a `Date`
 * passed as `today` is read as the date in Beijing, whatever the server's
 * time zone.
 */

export type Sex = 'male' | 'female';

export const ID_TYPES = ELDER_ID_TYPES;
export type IdType = (typeof ID_TYPES)[number];

export const ID_TYPE_LABELS: Record<IdType, { 'zh-CN': string; 'en-US': string }> = {
  resident_id: { 'zh-CN': '居民身份证', 'en-US': 'Resident identity card' },
  hk_macao_tw_residence_permit: {
    'zh-CN': '港澳台居民居住证',
    'en-US': 'Residence permit (HK/Macao/Taiwan)',
  },
  foreign_permanent_residence_card: {
    'zh-CN': '外国人永久居留身份证',
    'en-US': 'Foreign permanent residence ID card',
  },
  passport: { 'zh-CN': '护照', 'en-US': 'Passport' },
  hk_macao_pass: { 'zh-CN': '港澳居民来往内地通行证', 'en-US': 'Mainland travel permit (HK/Macao)' },
  tw_pass: { 'zh-CN': '台湾居民来往大陆通行证', 'en-US': 'Mainland travel permit (Taiwan)' },
  other: { 'zh-CN': '其他证件', 'en-US': 'Other document' },
};

// 《老年人权益保障法》 Art. 2: 老年人 are citizens aged 60 and over.
export const ELDER_MIN_AGE = 60;
// Oldest plausible birth year; earlier dates are typos.
export const EARLIEST_BIRTH_DATE = '1890-01-01';

export type IdErrorCode =
  | 'elder.id_type.invalid'
  | 'elder.id_number.required'
  | 'elder.id_number.length'
  | 'elder.id_number.charset'
  | 'elder.id_number.address_code'
  | 'elder.id_number.prefix'
  | 'elder.id_number.wrong_type'
  | 'elder.id_number.format'
  | 'elder.id_number.birth_date'
  | 'elder.id_number.birth_date_future'
  | 'elder.id_number.birth_date_too_early'
  | 'elder.id_number.checksum';

export type CrossCheckCode = 'elder.birth_date_mismatch' | 'elder.sex_mismatch';

export interface IdError {
  ok: false;
  code: IdErrorCode;
  params: Record<string, string | number>;
}

export interface CnIdNumber {
  /** 18 characters, upper-case X; a 15-digit input is returned converted. */
  normalized: string;
  birthDate: string;
  sex: Sex;
  age: number;
  /** GB/T 2260 code where the number was issued; not the current address. */
  addressCode: string;
  convertedFrom15: boolean;
}

export type CnIdResult = { ok: true; value: CnIdNumber } | IdError;

export interface IdentityDocument {
  idType: IdType;
  normalized: string;
  /** Null when the document does not encode them (passports, passes, old cards). */
  birthDate: string | null;
  sex: Sex | null;
  age: number | null;
  addressCode: string | null;
}

export type IdentityDocumentResult = { ok: true; value: IdentityDocument } | IdError;

// GB 11643-1999: W_i = 2^(18−i) mod 11, check = "10X98765432"[Σ a_i·W_i mod 11] (ISO 7064 MOD 11-2).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes, incl. 71 Taiwan, 81 Hong Kong, 82 Macao.
const PROVINCE_CODES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

// [R] 港澳台居民居住证: 810000 Hong Kong, 820000 Macao, 830000 Taiwan.
const RESIDENCE_PERMIT_PREFIX = /^8[123]0000/;

/** 17 digits → the GB 11643 check character. */
export function cnIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/**
 * Structure and MOD 11-2 checksum only (no date or plausibility checks), for
 * an already normalised 18-character number.
 */
export function hasValidCnIdChecksum(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s) && cnIdCheckChar(s) === s[17];
}

/** Full-width → ASCII (NFKC), all whitespace removed, upper case (so `x` → `X`). */
export function normalizeDocumentNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Parses a GB 11643-1999 citizen ID number (18 characters, or a legacy
 * 15-digit number, which is converted first).
 */
export function parseCnIdNumber(input: string, today: Date = new Date()): CnIdResult {
  const s = normalizeDocumentNumber(input);
  if (s === '') return err('elder.id_number.required');
  if (s.length === 15) {
    const bad = firstBadChar(s, /\d/);
    if (bad) return err('elder.id_number.charset', { position: bad });
    const converted = from15(s);
    const result = parseGb11643(converted, today, isProvinceCode);
    return result.ok ? { ok: true, value: { ...result.value, convertedFrom15: true } } : result;
  }
  return parseGb11643(s, today, isProvinceCode);
}

/** Legacy 15-digit number (6 address + YYMMDD + 3 sequence) → 18 digits. [R] */
export function convert15To18(input: string): string | null {
  const s = normalizeDocumentNumber(input);
  return /^\d{15}$/.test(s) ? from15(s) : null;
}

/** Validates any supported identity document; derives birth date and sex where the number encodes them. */
export function validateIdentityDocument(
  idType: IdType,
  number: string,
  today: Date = new Date(),
): IdentityDocumentResult {
  if (!(ID_TYPES as readonly string[]).includes(idType)) {
    return err('elder.id_type.invalid', { idType: String(idType) });
  }
  const s = normalizeDocumentNumber(number);
  if (s === '') return err('elder.id_number.required');
  switch (idType) {
    case 'resident_id': {
      // A permit or a 2023 foreign card typed under the wrong type: say so rather than "checksum".
      if (s.length === 18 && RESIDENCE_PERMIT_PREFIX.test(s)) {
        return err('elder.id_number.wrong_type', { suggested: 'hk_macao_tw_residence_permit' });
      }
      if (s.length === 18 && s.startsWith('9')) {
        return err('elder.id_number.wrong_type', { suggested: 'foreign_permanent_residence_card' });
      }
      const result = parseCnIdNumber(s, today);
      return result.ok ? identityDocument(idType, result.value.normalized, result.value) : result;
    }
    case 'hk_macao_tw_residence_permit': {
      // [R] Same layout and checksum as the resident ID; birth date and sex are encoded.
      if (s.length === 18 && !RESIDENCE_PERMIT_PREFIX.test(s)) {
        return err('elder.id_number.prefix', { expected: '810000 / 820000 / 830000' });
      }
      const result = parseGb11643(s, today, () => true);
      return result.ok ? identityDocument(idType, s, result.value) : result;
    }
    case 'foreign_permanent_residence_card': {
      // [R] Pre-2023 cards: 3-letter nationality + 12 digits; format check only.
      if (/^[A-Z]{3}\d{12}$/.test(s)) return identityDocument(idType, s, null);
      // [R] 2023 card: "9" + province + nationality (5 digits), YYYYMMDD, sequence, check; GB 11643 checksum.
      if (s.length !== 18) return err('elder.id_number.format', { idType });
      if (!s.startsWith('9')) return err('elder.id_number.prefix', { expected: '9' });
      const result = parseGb11643(s, today, () => true);
      // Positions 2–6 are province and nationality, not a GB/T 2260 address code.
      return result.ok ? identityDocument(idType, s, { ...result.value, addressCode: null }) : result;
    }
    case 'passport':
      // Chinese (E/G + 8) and foreign passports: letters and digits only.
      return formatOnly(idType, s, /^[A-Z0-9]{5,17}$/);
    case 'hk_macao_pass':
      // [R] 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 digits (+ 2 on older cards).
      return formatOnly(idType, s, /^[HM]\d{8}(?:\d{2})?$/);
    case 'tw_pass':
      // [R] 台湾居民来往大陆通行证: 8 digits since 2015; older cards are longer.
      return formatOnly(idType, s, /^[A-Z0-9]{8,12}$/);
    case 'other':
      return formatOnly(idType, s, /^[\p{L}\p{N}()-]{2,32}$/u);
  }
}

export interface CrossCheckMismatch {
  field: 'birthDate' | 'sex';
  code: CrossCheckCode;
  params: { derived: string; typed: string };
}

/**
 * Compares what the user typed with what the document encodes; returns one
 * entry per mismatching field (empty when consistent or not derivable).
 */
export function crossCheck(input: {
  derived: { birthDate: string | null; sex: Sex | null } | null;
  typedBirthDate?: string | null;
  typedSex?: Sex | null;
}): CrossCheckMismatch[] {
  const out: CrossCheckMismatch[] = [];
  const { derived, typedBirthDate, typedSex } = input;
  if (derived?.birthDate && typedBirthDate && typedBirthDate !== derived.birthDate) {
    out.push({
      field: 'birthDate',
      code: 'elder.birth_date_mismatch',
      params: { derived: derived.birthDate, typed: typedBirthDate },
    });
  }
  if (derived?.sex && typedSex && typedSex !== derived.sex) {
    out.push({ field: 'sex', code: 'elder.sex_mismatch', params: { derived: derived.sex, typed: typedSex } });
  }
  return out;
}

/** 《老年人权益保障法》 Art. 2 sets 60; some local schemes start at 65, 70 or 80. */
export function isElderAge(age: number, minimum: number = ELDER_MIN_AGE): boolean {
  return age >= minimum;
}

/**
 * 002_… §三(一): elders with a local household registration qualify at once;
 * non-local elders after 2 full years of residence. `residenceSince` is
 * `YYYY-MM-DD`; null means unknown (never qualifies until recorded).
 */
export function residenceQualifies(
  householdLocal: boolean,
  residenceSince: string | null,
  today: Date = new Date(),
): { qualifies: boolean; qualifiesOn: string | null } {
  if (householdLocal) return { qualifies: true, qualifiesOn: null };
  if (residenceSince === null) return { qualifies: false, qualifiesOn: null };
  const since = parseIsoDate(residenceSince);
  if (!since) throw new RangeError(`residenceSince must be a real YYYY-MM-DD date, got "${residenceSince}"`);
  const qualifiesOn = formatYmd(anniversary(since, since.year + 2));
  return { qualifies: qualifiesOn <= formatYmd(chinaDate(today)), qualifiesOn };
}

// ---------------------------------------------------------------------------

function parseGb11643(s: string, today: Date, prefixOk: (s: string) => boolean): CnIdResult {
  if (s.length !== 18) return err('elder.id_number.length', { length: s.length });
  const bad = firstBadChar(s.slice(0, 17), /\d/) ?? (/[\dX]/.test(s[17] as string) ? null : 18);
  if (bad) return err('elder.id_number.charset', { position: bad });
  if (!prefixOk(s)) return err('elder.id_number.address_code', { code: s.slice(0, 6) });
  // GB 11643-1999: positions 7–14 are the birth date YYYYMMDD (GB/T 7408).
  const birth = realDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
  if (!birth) return err('elder.id_number.birth_date', { value: s.slice(6, 14) });
  const birthDate = formatYmd(birth);
  const now = chinaDate(today);
  if (birthDate > formatYmd(now)) return err('elder.id_number.birth_date_future', { birthDate });
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return err('elder.id_number.birth_date_too_early', { birthDate, minimum: EARLIEST_BIRTH_DATE });
  }
  if (cnIdCheckChar(s) !== s[17]) return err('elder.id_number.checksum');
  return {
    ok: true,
    value: {
      normalized: s,
      birthDate,
      // GB 11643-1999: sequence code (positions 15–17), odd = male, even = female.
      sex: Number(s[16]) % 2 === 1 ? 'male' : 'female',
      age: ageOn(birth, now),
      addressCode: s.slice(0, 6),
      convertedFrom15: false,
    },
  };
}

function isProvinceCode(s: string): boolean {
  return PROVINCE_CODES.has(s.slice(0, 2));
}

function from15(s: string): string {
  // [R] Insert the century "19" before YYMMDD, then append the MOD 11-2 check character.
  const body = `${s.slice(0, 6)}19${s.slice(6)}`;
  return body + cnIdCheckChar(body);
}

/** 1-based position of the first character not matching `allowed`, or null. */
function firstBadChar(s: string, allowed: RegExp): number | null {
  for (let i = 0; i < s.length; i++) if (!allowed.test(s[i] as string)) return i + 1;
  return null;
}

type Derived = Pick<IdentityDocument, 'birthDate' | 'sex' | 'age' | 'addressCode'>;

function identityDocument(
  idType: IdType,
  normalized: string,
  derived: Derived | null,
): IdentityDocumentResult {
  const { birthDate = null, sex = null, age = null, addressCode = null } = derived ?? {};
  return { ok: true, value: { idType, normalized, birthDate, sex, age, addressCode } };
}

function formatOnly(idType: IdType, s: string, pattern: RegExp): IdentityDocumentResult {
  return pattern.test(s) ? identityDocument(idType, s, null) : err('elder.id_number.format', { idType });
}

function err(code: IdErrorCode, params: Record<string, string | number> = {}): IdError {
  return { ok: false, code, params };
}

// ---------------------------------------------------------------------------
// Messages live in contracts (ERROR_MESSAGES), shared with the console; typed here by code.

export const ELDER_ID_MESSAGES: Record<IdErrorCode | CrossCheckCode, { 'zh-CN': string; 'en-US': string }> =
  CONTRACT_ELDER_ID_MESSAGES;
