/**
 * Elder registry vocabularies (PRODUCT.md §4.2): stable codes shared by server
 * and web. Labels live in the web i18n tables and in the server's
 * `elder.vocab.ts` / `idNumber.ts`, which these codes mirror.
 */

export const ELDER_ID_TYPES = [
  'resident_id',
  'hk_macao_tw_residence_permit',
  'foreign_permanent_residence_card',
  'passport',
  'hk_macao_pass',
  'tw_pass',
  'other',
] as const;
export type ElderIdType = (typeof ELDER_ID_TYPES)[number];

export const ELDER_LIVING_SITUATIONS = [
  'alone',
  'empty_nest',
  'left_behind',
  'with_children',
  'with_others',
] as const;
export type ElderLivingSituation = (typeof ELDER_LIVING_SITUATIONS)[number];

/** Recorded (dated) categories; 高龄, 失能 and 空巢/独居 are derived, not stored. */
export const ELDER_TAG_CODES = [
  'extreme_poverty',
  'subsistence_allowance',
  'low_income',
  'disability',
  'senior_party_member',
  'bereaved_only_child',
  'family_planning_special',
  'priority_entitled',
] as const;
export type ElderTagCode = (typeof ELDER_TAG_CODES)[number];

export const ELDER_STATUSES = ['active', 'moved_out', 'in_institution', 'hospitalised', 'deceased'] as const;
export type ElderStatus = (typeof ELDER_STATUSES)[number];

/** Fields whose full value needs `elder:read_sensitive` and a reason (STANDARDS.md §7). */
export const ELDER_REVEAL_FIELDS = ['name', 'idNumber', 'phone', 'address', 'health', 'family'] as const;
export type ElderRevealField = (typeof ELDER_REVEAL_FIELDS)[number];

/** Chronic conditions offered in the health summary, by ICD-10 category. */
export const ELDER_CHRONIC_DISEASES = [
  'I10',
  'E11',
  'I25',
  'I69',
  'J44',
  'M17',
  'M81',
  'F03',
  'N18',
  'H25',
] as const;
export type ElderChronicDisease = (typeof ELDER_CHRONIC_DISEASES)[number];

/** A family member's relationship to the elder. */
export const ELDER_FAMILY_RELATIONSHIPS = [
  'spouse',
  'son',
  'daughter',
  'son_in_law',
  'daughter_in_law',
  'grandchild',
  'sibling',
  'other_relative',
  'friend',
  'neighbour',
  'other',
] as const;
export type ElderFamilyRelationship = (typeof ELDER_FAMILY_RELATIONSHIPS)[number];

/** What a family member may consent to on the elder's behalf (PIPL Art. 29 separate consent). */
export const ELDER_CONSENT_SCOPES = [
  'personal_info',
  'sensitive_info',
  'services',
  'location',
  'photos',
  'share_with_family',
] as const;
export type ElderConsentScope = (typeof ELDER_CONSENT_SCOPES)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * The elder's current ability level (能力等级), written by the assessment module when a result is published
 * (issue 13 §4: the registry list shows it). Names in both languages, as the standard gives them.
 */
export interface ElderAbility {
  standardCode: string;
  level: number;
  zh: string;
  en: string;
  /** The day the result was published. */
  assessedOn: string;
}

/** Who wrote a tag: a person, the assessment module, or the registry's own rules. */
export const ELDER_TAG_SOURCES = ['manual', 'assessment', 'derived'] as const;
export type ElderTagSource = (typeof ELDER_TAG_SOURCES)[number];
