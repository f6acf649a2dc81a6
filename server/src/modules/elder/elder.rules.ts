import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../platform/masking.ts';
import { chinaDate, formatYmd, isLeapYear } from '../../platform/dates.ts';
import {
  AGE_TAG_THRESHOLDS,
  LIVING_SITUATION_TAGS,
  type DerivedTag,
  type LivingSituation,
} from './elder.vocab.ts';

/**
 * Pure rules of the registry: ages and derived categories at read time,
 * lookup normalisation, and the masked snapshots kept in the history.
 * Dates are China calendar dates (idNumber.ts), `now` is always a parameter.
 */

/**
 * The latest birth date of someone who is at least `age` on `now`:
 * `age >= n ⇔ birth_date <= latestBirthDateForAge(n, now)`, so age filters
 * become an indexed date comparison. 民法典 Art. 202 (29 Feb birthdays fall
 * on 28 Feb in common years) as in `ageOn`.
 */
export function latestBirthDateForAge(age: number, now: Date): string {
  const t = chinaDate(now);
  const year = t.year - age;
  if (t.month === 2 && t.day === 28 && !isLeapYear(t.year) && isLeapYear(year))
    return formatYmd({ year, month: 2, day: 29 });
  if (t.month === 2 && t.day === 29 && !isLeapYear(year)) return formatYmd({ year, month: 2, day: 28 });
  return formatYmd({ year, month: t.month, day: t.day });
}

/** 高龄 (highest band only) and 独居/空巢/留守 (PRODUCT.md §4.2: derived, not stored). */
export function derivedTags(age: number, livingSituation: string | null): DerivedTag[] {
  const out: DerivedTag[] = [];
  const band = AGE_TAG_THRESHOLDS.find(([, min]) => age >= min);
  if (band) out.push(band[0]);
  const living = livingSituation ? LIVING_SITUATION_TAGS[livingSituation as LivingSituation] : undefined;
  if (living) out.push(living);
  return out;
}

/** A tag counts on `today` when today lies in [validFrom, validTo] (validTo null = open). */
export function isTagCurrent(t: { validFrom: string; validTo: string | null }, today: string): boolean {
  return t.validFrom <= today && (t.validTo === null || t.validTo >= today);
}

/** Phone numbers are hashed and compared as digits only (`023-4861 2345` = `02348612345`). */
export function normalizePhone(phone: string): string {
  return phone.normalize('NFKC').replace(/\D/g, '');
}

export interface HealthRecord {
  chronicDiseases: string[];
  allergies: string[];
  medications: string[];
  familyDoctor: {
    signed: boolean;
    doctorName?: string | null;
    institution?: string | null;
    signedOn?: string | null;
  } | null;
}

export function healthSummary(h: HealthRecord | null): {
  chronicDiseaseCount: number;
  hasAllergies: boolean;
  familyDoctorSigned: boolean;
} {
  return {
    chronicDiseaseCount: h?.chronicDiseases.length ?? 0,
    hasAllergies: (h?.allergies.length ?? 0) > 0,
    familyDoctorSigned: h?.familyDoctor?.signed ?? false,
  };
}

// ICD-10 F00–F03 (dementia): a newly recorded one triggers an immediate reassessment (PRODUCT.md §4.3).
const DEMENTIA = /^F0[0-3]/;
export function hasDementia(health: HealthRecord | null): boolean {
  return !!health?.chronicDiseases.some((c) => DEMENTIA.test(c));
}

/** The plain (decrypted) fields of a record that the history compares. */
export interface ElderPlain {
  name: string;
  idType: string;
  idNumber: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  regionCode: string;
  address: string | null;
  householdLocal: boolean;
  householdAddress: string | null;
  residenceSince: string | null;
  lat: number | null;
  lng: number | null;
  livingSituation: string | null;
  ethnicity: string | null;
  education: string | null;
  maritalStatus: string | null;
  economicSources: string[];
  health: HealthRecord | null;
  status: string;
  statusDate: string | null;
}

/**
 * What the history keeps of a record: masked like a list view (STANDARDS.md
 * §7), coordinates rounded to ~1 km, health as a summary. History must never
 * hold a plain ID number, phone, address or diagnosis.
 */
export function maskedSnapshot(e: ElderPlain): Record<string, unknown> {
  return {
    name: maskName(e.name),
    idType: e.idType,
    idNumber: maskIdNumber(e.idNumber),
    birthDate: e.birthDate,
    sex: e.sex,
    phone: e.phone ? maskPhone(e.phone) : null,
    regionCode: e.regionCode,
    address: e.address ? maskAddress(e.address) : null,
    householdLocal: e.householdLocal,
    householdAddress: e.householdAddress ? maskAddress(e.householdAddress) : null,
    residenceSince: e.residenceSince,
    location: e.lat === null || e.lng === null ? null : `${e.lat.toFixed(2)},${e.lng.toFixed(2)}`,
    livingSituation: e.livingSituation,
    ethnicity: e.ethnicity,
    education: e.education,
    maritalStatus: e.maritalStatus,
    economicSources: e.economicSources,
    health: healthSummary(e.health),
    status: e.status,
    statusDate: e.statusDate,
  };
}

const SNAPSHOT_SOURCE: Record<string, (keyof ElderPlain)[]> = { location: ['lat', 'lng'] };

/**
 * Masked before/after restricted to the fields whose PLAIN values changed
 * (a new phone with the same masked form still shows as a change).
 */
export function maskedDiff(
  before: ElderPlain,
  after: ElderPlain,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const mb = maskedSnapshot(before);
  const ma = maskedSnapshot(after);
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  let changed = false;
  for (const key of Object.keys(ma)) {
    const sources = SNAPSHOT_SOURCE[key] ?? [key as keyof ElderPlain];
    if (sources.every((s) => JSON.stringify(before[s]) === JSON.stringify(after[s]))) continue;
    out.before[key] = mb[key];
    out.after[key] = ma[key];
    changed = true;
  }
  return changed ? out : null;
}
