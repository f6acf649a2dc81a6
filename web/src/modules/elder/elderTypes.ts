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
  code: ElderTagCode;
  validFrom: string | null;
  validTo: string | null;
  source?: string | null;
}

export interface ElderListItem {
  id: string;
  nameMasked: string;
  sex: Sex;
  age: number;
  idNumberMasked: string;
  phoneMasked: string | null;
  regionCode: string;
  regionName: string;
  addressMasked: string | null;
  livingSituation: ElderLivingSituation | null;
  status: ElderStatus;
  tags: ElderTag[];
  /** Computed categories (高龄, 独居 …); codes the UI does not know are shown as is. */
  derivedTags: string[];
  createdAt: string;
}

export interface FamilyMember {
  id: string;
  name: string;
  relationship: string;
  phoneMasked: string | null;
  mayActFor: boolean;
  isGuardian: boolean;
  consent: boolean;
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
  version: number;
  updatedAt: string;
}

/** Full values from `POST /elders/{id}/reveal`; held in component state only, never cached. */
export interface RevealedValues {
  idNumber?: string;
  phone?: string | null;
  address?: string | null;
  health?: {
    chronicDiseases?: string[];
    allergies?: string | null;
    medication?: string | null;
    [k: string]: unknown;
  } | null;
}
export interface RevealInput {
  reason: string;
  fields: ElderRevealField[];
}

export interface HealthInput {
  chronicDiseases: ElderChronicDisease[];
  hasAllergies: boolean;
  familyDoctorSigned: boolean;
}

export interface FamilyMemberInput {
  name: string;
  relationship: string;
  phone?: string;
  mayActFor: boolean;
  isGuardian: boolean;
  consent: boolean;
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
  tags: ElderTag[];
  health: HealthInput;
  family: FamilyMemberInput[];
}

export type ElderPatchInput = Partial<Omit<ElderCreateInput, 'tags' | 'family'>> & {
  version: number;
  reason: string;
};

export interface StatusChangeInput {
  status: ElderStatus;
  date: string;
  reason: string;
}

export interface HistoryEntry {
  version: number;
  changedAt: string;
  changedBy: string | null;
  reason: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

export interface ValidateIdInput {
  idType: ElderIdType;
  idNumber: string;
  birthDate?: string;
  sex?: Sex;
}
export interface ValidateIdResult {
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
export interface ElderStatsByRegion {
  items: RegionCount[];
  totals: Record<string, number>;
}
