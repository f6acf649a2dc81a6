import type {
  ElderChronicDisease,
  ElderIdType,
  ElderLivingSituation,
  ElderRevealField,
  ElderStatus,
  ElderTagCode,
} from '@yiyang/contracts';

/** Response and request shapes of `/api/v1/elders` (issue 3, items 8–9). */

export type Sex = 'male' | 'female';

export interface ElderTag {
  /** A recorded category (ElderTagCode) or one written by the assessment module. */
  code: ElderTagCode | string;
  validFrom: string | null;
  validTo: string | null;
  source?: 'manual' | 'assessment' | 'derived' | string | null;
  note?: string | null;
}

export interface ElderListItem {
  id: string;
  nameMasked: string;
  sex: Sex;
  age: number;
  idNumberMasked: string;
  phoneMasked: string | null;
  regionCode: string;
  regionName: string | null;
  addressMasked: string | null;
  livingSituation: ElderLivingSituation | null;
  status: ElderStatus;
  tags: ElderTag[];
  /** Computed categories (高龄, 独居 …); codes the UI does not know are shown as is. */
  derivedTags: string[];
  createdAt: string;
}

export interface FamilyConsent {
  consentedAt: string;
  scope: string[];
  version: string;
  documentRef?: string | null;
}

export interface FamilyMember {
  id: string;
  /** Masked (张*); full names come from a reveal of `family`. */
  name: string;
  relationship: string;
  phoneMasked: string | null;
  mayActFor: boolean;
  isGuardian: boolean;
  consent: FamilyConsent | null;
}

export interface ElderHealthSummary {
  chronicDiseaseCount: number;
  hasAllergies: boolean;
  familyDoctorSigned: boolean;
}

export interface ElderDetail extends ElderListItem {
  idType: ElderIdType;
  birthDate: string;
  ethnicity: string | null;
  education: string | null;
  maritalStatus: string | null;
  economicSources: string[] | null;
  householdLocal: boolean;
  residenceSince: string | null;
  nonLocalQualifiesOn: string | null;
  lat: number | null;
  lng: number | null;
  health: ElderHealthSummary | null;
  family: FamilyMember[];
  statusDate?: string | null;
  /** Every stored tag incl. expired and future ones (`tags` holds today's), for the editor. */
  tagRecords?: ElderTag[];
  version: number;
  updatedAt: string;
}

/** Full values from `POST /elders/{id}/reveal`; held in component state only, never cached. */
export interface RevealedValues {
  name?: string;
  idNumber?: string;
  phone?: string | null;
  address?: string | null;
  householdAddress?: string | null;
  /** Exact home position, revealed with the address. */
  location?: { lat: number; lng: number } | null;
  health?: {
    chronicDiseases: string[];
    allergies: string[];
    medications: string[];
    familyDoctor: { signed: boolean; doctorName?: string | null; institution?: string | null } | null;
  } | null;
  family?: { id: string; name: string; phone: string | null }[];
}
export interface RevealInput {
  reason: string;
  fields: ElderRevealField[];
}

export interface HealthInput {
  chronicDiseases: (ElderChronicDisease | string)[];
  allergies: string[];
  medications: string[];
  familyDoctor: { signed: boolean } | null;
}

export interface FamilyMemberInput {
  name: string;
  relationship: string;
  phone?: string;
  mayActFor: boolean;
  isGuardian: boolean;
  consent: FamilyConsent | null;
}

export interface ElderCreateInput {
  name: string;
  idType: ElderIdType;
  idNumber: string;
  birthDate?: string;
  sex?: Sex;
  phone?: string;
  regionCode: string;
  address: string;
  livingSituation: ElderLivingSituation;
  householdLocal: boolean;
  residenceSince?: string;
  lat?: number;
  lng?: number;
  tags: { code: string; validFrom: string; validTo: string | null }[];
  health: HealthInput;
}

export type ElderPatchInput = Partial<Omit<ElderCreateInput, 'tags'>> & {
  version: number;
  reason: string;
};

export interface StatusChangeInput {
  status: ElderStatus;
  date: string;
  reason: string;
}

/**
 * One version. The server sends whole `before`/`after` snapshots (and a
 * `kind`); a `changes` list is accepted too. `historyChanges()` gives rows.
 */
export interface HistoryEntry {
  version: number;
  kind?: string;
  changedAt: string;
  changedBy: { id: string | null; name: string } | string | null;
  reason: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown>;
  changes?: { field: string; before: unknown; after: unknown }[];
}

export interface ValidateIdInput {
  idType: ElderIdType;
  idNumber: string;
  birthDate?: string;
  sex?: Sex;
}
export interface ValidateIdResult {
  normalizedIdNumber?: string;
  isElderAge?: boolean | null;
  birthDate: string | null;
  sex: Sex | null;
  age: number | null;
}

export interface RegionCount {
  regionCode: string;
  regionName: string;
  count: number;
  lat?: number | null;
  lng?: number | null;
}
/** `GET /elders/stats/by-region`: `children[].total` from the server; `items[].count` accepted too. */
export interface ElderStatsByRegion {
  items?: RegionCount[];
  totals?: Record<string, number>;
  total?: number;
  children?: {
    regionCode: string;
    regionName: string;
    total: number;
    lat?: number | null;
    lng?: number | null;
  }[];
}
