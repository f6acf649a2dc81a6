/**
 * Elder registry vocabularies (PRODUCT.md §4.2). Codes are stable English
 * identifiers stored in the database and CSV files; labels are for display.
 * The code lists shared with the console live in packages/contracts.
 */
import {
  ELDER_CONSENT_SCOPES,
  ELDER_FAMILY_RELATIONSHIPS,
  ELDER_LIVING_SITUATIONS,
  ELDER_STATUSES,
  ELDER_TAG_CODES,
} from '@yiyang/contracts';

type Labels = { 'zh-CN': string; 'en-US': string };

export const LIVING_SITUATIONS = ELDER_LIVING_SITUATIONS;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

export const LIVING_SITUATION_LABELS: Record<LivingSituation, Labels> = {
  alone: { 'zh-CN': '独居', 'en-US': 'Lives alone' },
  empty_nest: { 'zh-CN': '空巢（仅与配偶同住）', 'en-US': 'Empty nest (with spouse only)' },
  left_behind: { 'zh-CN': '留守', 'en-US': 'Left behind (children work elsewhere)' },
  with_children: { 'zh-CN': '与子女同住', 'en-US': 'Lives with children' },
  with_others: { 'zh-CN': '与其他亲属或照护人同住', 'en-US': 'Lives with other relatives or carers' },
};

/** Recorded categories. 高龄, 失能 and 空巢/独居 are derived (age, assessment, living situation), not stored tags. */
export const ELDER_TAGS = ELDER_TAG_CODES;
export type ElderTag = (typeof ELDER_TAGS)[number];

export const ELDER_TAG_LABELS: Record<ElderTag, Labels> = {
  extreme_poverty: { 'zh-CN': '特困', 'en-US': 'Extreme poverty support' },
  subsistence_allowance: { 'zh-CN': '低保', 'en-US': 'Minimum living allowance' },
  low_income: { 'zh-CN': '低收入（低保边缘）', 'en-US': 'Low income (near allowance line)' },
  disability: { 'zh-CN': '残疾', 'en-US': 'Disability' },
  senior_party_member: { 'zh-CN': '老党员', 'en-US': 'Senior party member' },
  bereaved_only_child: { 'zh-CN': '失独', 'en-US': 'Lost their only child' },
  family_planning_special: { 'zh-CN': '计划生育特殊家庭', 'en-US': 'Family-planning special family' },
  priority_entitled: {
    'zh-CN': '重点优抚对象',
    'en-US': 'Priority entitled group (veterans, martyrs’ families)',
  },
};

/** Chronic conditions used by demo data, keyed by ICD-10 category. */
export const CHRONIC_DISEASES = {
  I10: { 'zh-CN': '高血压', 'en-US': 'Hypertension' },
  E11: { 'zh-CN': '2 型糖尿病', 'en-US': 'Type 2 diabetes' },
  I25: { 'zh-CN': '冠心病', 'en-US': 'Coronary heart disease' },
  I69: { 'zh-CN': '脑卒中后遗症', 'en-US': 'Sequelae of stroke' },
  J44: { 'zh-CN': '慢性阻塞性肺疾病', 'en-US': 'COPD' },
  M17: { 'zh-CN': '膝骨关节炎', 'en-US': 'Knee osteoarthritis' },
  M81: { 'zh-CN': '骨质疏松', 'en-US': 'Osteoporosis' },
  F03: { 'zh-CN': '痴呆', 'en-US': 'Dementia' },
  N18: { 'zh-CN': '慢性肾脏病', 'en-US': 'Chronic kidney disease' },
  H25: { 'zh-CN': '老年性白内障', 'en-US': 'Senile cataract' },
} as const satisfies Record<string, Labels>;
export type ChronicDiseaseCode = keyof typeof CHRONIC_DISEASES;

/** Registry status (PRODUCT.md §4.2). Death or move-out stops services and subsidies (events). */
export { ELDER_STATUSES };
export type ElderStatus = (typeof ELDER_STATUSES)[number];
/** Statuses that leave the elder outside the served population (counts, eligibility). */
export const INACTIVE_STATUSES: readonly ElderStatus[] = ['moved_out', 'deceased'];

export const ELDER_STATUS_LABELS: Record<ElderStatus, Labels> = {
  active: { 'zh-CN': '在册', 'en-US': 'Active' },
  moved_out: { 'zh-CN': '已迁出', 'en-US': 'Moved out' },
  in_institution: { 'zh-CN': '入住机构', 'en-US': 'In an institution' },
  hospitalised: { 'zh-CN': '住院', 'en-US': 'Hospitalised' },
  deceased: { 'zh-CN': '已故', 'en-US': 'Deceased' },
};

/**
 * Categories written by the assessment module (source 'assessment'); the
 * registry shows them and never lets a user write them (PRODUCT.md §4.2).
 */
export const ASSESSMENT_TAGS = ['semi_disabled', 'disabled', 'cognitive_impairment'] as const;
export type AssessmentTag = (typeof ASSESSMENT_TAGS)[number];
export const ASSESSMENT_TAG_LABELS: Record<AssessmentTag, Labels> = {
  semi_disabled: { 'zh-CN': '半失能', 'en-US': 'Partly dependent' },
  disabled: { 'zh-CN': '失能', 'en-US': 'Dependent' },
  cognitive_impairment: { 'zh-CN': '失智', 'en-US': 'Cognitive impairment' },
};

/**
 * Categories computed at read time, never stored: 高龄 from age (the highest
 * band only is shown; a filter on `aged_80` includes 90+ and 100+) and
 * 独居/空巢/留守 from the living situation.
 */
export const DERIVED_TAGS = [
  'aged_80',
  'aged_90',
  'aged_100',
  'living_alone',
  'empty_nest',
  'left_behind',
] as const;
export type DerivedTag = (typeof DERIVED_TAGS)[number];
export const DERIVED_TAG_LABELS: Record<DerivedTag, Labels> = {
  aged_80: { 'zh-CN': '高龄（80 岁以上）', 'en-US': 'Aged 80+' },
  aged_90: { 'zh-CN': '高龄（90 岁以上）', 'en-US': 'Aged 90+' },
  aged_100: { 'zh-CN': '百岁老人', 'en-US': 'Centenarian' },
  living_alone: { 'zh-CN': '独居', 'en-US': 'Lives alone' },
  empty_nest: { 'zh-CN': '空巢', 'en-US': 'Empty nest' },
  left_behind: { 'zh-CN': '留守', 'en-US': 'Left behind' },
};
export const AGE_TAG_THRESHOLDS: readonly [DerivedTag, number][] = [
  ['aged_100', 100],
  ['aged_90', 90],
  ['aged_80', 80],
];
export const LIVING_SITUATION_TAGS: Partial<Record<LivingSituation, DerivedTag>> = {
  alone: 'living_alone',
  empty_nest: 'empty_nest',
  left_behind: 'left_behind',
};

export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'college',
  'bachelor_or_above',
] as const;
export const MARITAL_STATUSES = ['unmarried', 'married', 'widowed', 'divorced'] as const;
export const ECONOMIC_SOURCES = [
  'pension',
  'retirement_salary',
  'family_support',
  'subsidy',
  'labour_income',
  'savings',
  'other',
] as const;
export const FAMILY_RELATIONSHIPS = ELDER_FAMILY_RELATIONSHIPS;
/** What a family member may consent to on the elder's behalf (PIPL Art. 29 separate consent). */
export const CONSENT_SCOPES = ELDER_CONSENT_SCOPES;
