/**
 * Elder registry vocabularies (PRODUCT.md §4.2). Codes are stable English
 * identifiers stored in the database and CSV files; labels are for display.
 * (Candidates to move to packages/contracts once the web console needs them.)
 */

type Labels = { 'zh-CN': string; 'en-US': string };

export const LIVING_SITUATIONS = [
  'alone',
  'empty_nest',
  'left_behind',
  'with_children',
  'with_others',
] as const;
export type LivingSituation = (typeof LIVING_SITUATIONS)[number];

export const LIVING_SITUATION_LABELS: Record<LivingSituation, Labels> = {
  alone: { 'zh-CN': '独居', 'en-US': 'Lives alone' },
  empty_nest: { 'zh-CN': '空巢（仅与配偶同住）', 'en-US': 'Empty nest (with spouse only)' },
  left_behind: { 'zh-CN': '留守', 'en-US': 'Left behind (children work elsewhere)' },
  with_children: { 'zh-CN': '与子女同住', 'en-US': 'Lives with children' },
  with_others: { 'zh-CN': '与其他亲属或照护人同住', 'en-US': 'Lives with other relatives or carers' },
};

/** Recorded categories. 高龄, 失能 and 空巢/独居 are derived (age, assessment, living situation), not stored tags. */
export const ELDER_TAGS = [
  'extreme_poverty',
  'subsistence_allowance',
  'low_income',
  'disability',
  'senior_party_member',
  'bereaved_only_child',
  'family_planning_special',
  'priority_entitled',
] as const;
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
