import type { FieldCipher } from '../../platform/crypto.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../platform/masking.ts';
import { nameGrams, nameSearchKeys } from './pinyin.ts';
import type { ElderListRow, ElderMasks, ElderRow } from './elder.repo.ts';
import { normalizePhone, type ElderPlain, type HealthRecord } from './elder.rules.ts';

/**
 * The row codec of the registry: a record's plain fields to the columns
 * stored (encrypted with their column context, hashed for lookup, masked for
 * the list) and back. Pure (no database): the import's worker threads, the
 * seed and the benchmark loader build rows with it.
 */

/** Associated data of each encrypted column: a token cannot be moved to another column. */
export const ELDER_CIPHER_CONTEXT = {
  idNumber: 'elder.id_number',
  phone: 'elder.phone',
  address: 'elder.address',
  householdAddress: 'elder.household_address',
  health: 'elder.health',
  familyPhone: 'elder_family.phone',
  location: 'elder.location',
  searchCursor: 'elder.search_cursor',
} as const;
/** Blind-index domains (FieldCipher.blindIndex). */
export const ELDER_HASH_DOMAIN = { idNumber: 'elder.id_number', phone: 'elder.phone' } as const;

export function decryptOrNull(cipher: FieldCipher, token: string | null, context: string): string | null {
  return token === null ? null : cipher.decrypt(token, context);
}

export function encryptOrNull(
  cipher: FieldCipher,
  value: string | null | undefined,
  context: string,
): string | null {
  return value === null || value === undefined || value === '' ? null : cipher.encrypt(value, context);
}

export function idNumberHashOf(cipher: FieldCipher, normalized: string): string {
  return cipher.blindIndex(normalized, ELDER_HASH_DOMAIN.idNumber);
}

export function phoneHashOf(cipher: FieldCipher, phone: string | null | undefined): string | null {
  const digits = phone ? normalizePhone(phone) : '';
  return digits ? cipher.blindIndex(digits, ELDER_HASH_DOMAIN.phone) : null;
}

export function healthOf(cipher: FieldCipher, e: ElderRow): HealthRecord | null {
  const text = decryptOrNull(cipher, e.healthEnc, ELDER_CIPHER_CONTEXT.health);
  return text ? (JSON.parse(text) as HealthRecord) : null;
}

/** The exact home position (encrypted); the rounded columns for a row not yet backfilled. */
export function locationOf(
  cipher: FieldCipher,
  e: Pick<ElderRow, 'locationEnc' | 'lat' | 'lng'>,
): { lat: number | null; lng: number | null } {
  const text = decryptOrNull(cipher, e.locationEnc, ELDER_CIPHER_CONTEXT.location);
  if (!text) return { lat: e.lat, lng: e.lng };
  const [lat, lng] = text.split(',').map(Number);
  return { lat: lat!, lng: lng! };
}

/** Decrypted fields of a row (for history diffs; never returned to a client as is). */
export function plainOf(cipher: FieldCipher, e: ElderRow): ElderPlain {
  const C = ELDER_CIPHER_CONTEXT;
  const dec = (token: string | null, context: string) => decryptOrNull(cipher, token, context);
  return {
    name: e.name,
    idType: e.idType,
    idNumber: dec(e.idNumberEnc, C.idNumber)!,
    birthDate: e.birthDate,
    sex: e.sex,
    phone: dec(e.phoneEnc, C.phone),
    regionCode: e.regionCode,
    address: dec(e.addressEnc, C.address),
    householdLocal: e.householdLocal,
    householdAddress: dec(e.householdAddressEnc, C.householdAddress),
    residenceSince: e.residenceSince,
    ...locationOf(cipher, e),
    livingSituation: e.livingSituation,
    ethnicity: e.ethnicity,
    education: e.education,
    maritalStatus: e.maritalStatus,
    economicSources: e.economicSources,
    health: healthOf(cipher, e),
    status: e.status,
    statusDate: e.statusDate,
  };
}

/** Row values for a record's plain fields: encrypted with their column context, hashed for lookup. */
export function elderColumns(cipher: FieldCipher, p: ElderPlain) {
  const C = ELDER_CIPHER_CONTEXT;
  const enc = (v: string | null, ctx: string) => (v === null || v === '' ? null : cipher.encrypt(v, ctx));
  const digits = p.phone ? normalizePhone(p.phone) : '';
  // Fields copied one by one, not spread: the import builds a million of these.
  const names = nameKeys(p.name);
  const masks = elderMasks(p);
  const location = storedLocation(cipher, p);
  return {
    name: p.name,
    nameInitials: names.nameInitials,
    namePinyin: names.namePinyin,
    nameGrams: names.nameGrams,
    idType: p.idType,
    idNumberEnc: cipher.encrypt(p.idNumber, C.idNumber),
    idNumberHash: cipher.blindIndex(p.idNumber, ELDER_HASH_DOMAIN.idNumber),
    birthDate: p.birthDate,
    sex: p.sex,
    nameMasked: masks.nameMasked,
    idNumberMasked: masks.idNumberMasked,
    phoneMasked: masks.phoneMasked,
    addressMasked: masks.addressMasked,
    phoneEnc: enc(p.phone, C.phone),
    phoneHash: digits ? cipher.blindIndex(digits, ELDER_HASH_DOMAIN.phone) : null,
    regionCode: p.regionCode,
    addressEnc: enc(p.address, C.address),
    householdLocal: p.householdLocal,
    householdAddressEnc: enc(p.householdAddress, C.householdAddress),
    residenceSince: p.residenceSince,
    lat: location.lat,
    lng: location.lng,
    locationEnc: location.locationEnc,
    livingSituation: p.livingSituation,
    ethnicity: p.ethnicity,
    education: p.education,
    maritalStatus: p.maritalStatus,
    economicSources: p.economicSources,
    healthEnc: p.health ? cipher.encrypt(JSON.stringify(p.health), C.health) : null,
    status: p.status,
    statusDate: p.statusDate,
  };
}

/** Rounded public columns and the encrypted exact position (elder.table.ts). */
export function storedLocation(cipher: FieldCipher, p: Pick<ElderPlain, 'lat' | 'lng'>) {
  if (p.lat === null || p.lng === null) return { lat: null, lng: null, locationEnc: null };
  return {
    lat: roundCoordinate(p.lat),
    lng: roundCoordinate(p.lng),
    locationEnc: cipher.encrypt(`${p.lat},${p.lng}`, ELDER_CIPHER_CONTEXT.location),
  };
}
const roundCoordinate = (v: number) => Math.round(v * 100) / 100;

/** The list's display values: stored with the row (elderColumns), decrypted only for a row not yet backfilled. */
export function rowMasks(cipher: FieldCipher, e: ElderListRow): ElderMasks {
  if (e.nameMasked !== null) return e;
  const C = ELDER_CIPHER_CONTEXT;
  const dec = (token: string | null, ctx: string) => (token === null ? null : cipher.decrypt(token, ctx));
  return elderMasks({
    name: e.name,
    idNumber: dec(e.idNumberEnc, C.idNumber)!,
    phone: dec(e.phoneEnc, C.phone),
    address: dec(e.addressEnc, C.address),
  });
}

/** The list's masked display values of a record (masking.ts); stored with the row by elderColumns. */
export function elderMasks(p: Pick<ElderPlain, 'name' | 'idNumber' | 'phone' | 'address'>): ElderMasks {
  return {
    nameMasked: maskName(p.name),
    idNumberMasked: maskIdNumber(p.idNumber),
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    addressMasked: p.address ? maskAddress(p.address) : null,
  };
}

export function nameKeys(name: string): { nameInitials: string; namePinyin: string; nameGrams: string[] } {
  const k = nameSearchKeys(name);
  return { nameInitials: k.initials, namePinyin: k.full, nameGrams: nameGrams(name) };
}

export function normalHealth(h: {
  chronicDiseases?: string[] | undefined;
  allergies?: string[] | undefined;
  medications?: string[] | undefined;
  familyDoctor?: HealthRecord['familyDoctor'] | undefined;
}): HealthRecord {
  return {
    chronicDiseases: h.chronicDiseases ?? [],
    allergies: h.allergies ?? [],
    medications: h.medications ?? [],
    familyDoctor: h.familyDoctor ?? null,
  };
}

/** A masked address (`address_masked`) without 社区/小区/村 shows the residence region name instead of a raw prefix. */
export function maskedAddressWithin(masked: string, regionName: string | null): string {
  if (/(社区|小区|居委会|村)\*{4}$/.test(masked) || !regionName) return masked;
  return `${regionName}****`;
}
