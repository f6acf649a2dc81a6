/**
 * Home-service vocabularies (PRODUCT.md §4.5; STANDARDS.md §4.1): the GB/T 43153-2023 categories and
 * sub-items of the district catalogue (服务清单), the funding sources an order is recorded under, the elder
 * categories the catalogue prices by, and the service agreement's states. Codes are stable English
 * identifiers; labels (zh-CN, en-US) are here so server (PDF, messages) and console show the same words.
 */

type Labels = { readonly 'zh-CN': string; readonly 'en-US': string };
const l = (zh: string, en: string): Labels => ({ 'zh-CN': zh, 'en-US': en });

/** GB/T 43153-2023's seven service categories. */
export const SERVICE_CATEGORIES = [
  'daily_living',
  'basic_care',
  'health_management',
  'visiting_care',
  'emotional_support',
  'errands',
  'home_adaptation',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, Labels> = {
  daily_living: l('生活照料', 'Daily living'),
  basic_care: l('基础照护', 'Basic care'),
  health_management: l('健康管理', 'Health management'),
  visiting_care: l('探访关爱', 'Visiting and care'),
  emotional_support: l('精神慰藉', 'Emotional support'),
  errands: l('委托代办', 'Errands on commission'),
  home_adaptation: l('家庭生活环境适老化改造', 'Home adaptation for ageing'),
};

/** The sub-items of each category (STANDARDS.md §4.1 table), in the standard's order. */
export const SERVICE_SUB_ITEMS = {
  daily_living: ['meal', 'bathing', 'cleaning', 'walking', 'medical_escort', 'emergency_help'],
  basic_care: ['personal_care', 'toileting_care', 'nursing_assistance', 'medication_care', 'rehabilitation'],
  health_management: ['health_records', 'health_monitoring', 'health_consultation', 'health_intervention'],
  visiting_care: ['home_visit', 'emergency_response'],
  emotional_support: ['companionship', 'emotional_counselling', 'psychological_comfort'],
  errands: ['shopping', 'agency_errands', 'bill_payment'],
  home_adaptation: ['environment_assessment', 'basic_adaptation', 'smart_adaptation'],
} as const satisfies Record<ServiceCategory, readonly string[]>;
export type ServiceSubItem = (typeof SERVICE_SUB_ITEMS)[ServiceCategory][number];
export const SERVICE_SUB_ITEM_CODES = Object.values(SERVICE_SUB_ITEMS).flat() as ServiceSubItem[];

export const SERVICE_SUB_ITEM_LABELS: Record<ServiceSubItem, Labels> = {
  meal: l('助餐', 'Meals'),
  bathing: l('助浴', 'Bathing'),
  cleaning: l('助洁', 'Cleaning and grooming'),
  walking: l('助行', 'Walking and outings'),
  medical_escort: l('助医', 'Escort to the doctor'),
  emergency_help: l('助急', 'Emergency help'),
  personal_care: l('生活照护', 'Personal care'),
  toileting_care: l('排泄护理', 'Toileting care'),
  nursing_assistance: l('护理协助', 'Nursing assistance'),
  medication_care: l('用药照护', 'Medication care'),
  rehabilitation: l('康复护理', 'Rehabilitation care'),
  health_records: l('健康信息采集/建档', 'Health records'),
  health_monitoring: l('健康监测', 'Health monitoring'),
  health_consultation: l('健康咨询', 'Health advice'),
  health_intervention: l('健康干预', 'Health intervention'),
  home_visit: l('上门探访', 'Home visit'),
  emergency_response: l('应急处置', 'Emergency response'),
  companionship: l('陪伴支持', 'Companionship'),
  emotional_counselling: l('情绪疏导', 'Emotional counselling'),
  psychological_comfort: l('心理慰藉', 'Psychological comfort'),
  shopping: l('代购', 'Shopping'),
  agency_errands: l('代办', 'Errands and applications'),
  bill_payment: l('代缴', 'Bill payment'),
  environment_assessment: l('环境评估', 'Home environment assessment'),
  basic_adaptation: l('基础改造', 'Basic adaptation'),
  smart_adaptation: l('专项/智能改造', 'Special and smart adaptation'),
};

/** The category a sub-item belongs to. */
export function categoryOfSubItem(subItem: string): ServiceCategory | null {
  for (const c of SERVICE_CATEGORIES)
    if ((SERVICE_SUB_ITEMS[c] as readonly string[]).includes(subItem)) return c;
  return null;
}

/** Photos are never taken in these services, whatever the item says (STANDARDS.md §4.1). */
export const NO_PHOTO_SUB_ITEMS: readonly ServiceSubItem[] = ['bathing', 'toileting_care'];

/** The unit an item is priced per. */
export const SERVICE_UNITS = ['visit', 'hour', 'meal', 'session', 'month', 'job'] as const;
export type ServiceUnit = (typeof SERVICE_UNITS)[number];
export const SERVICE_UNIT_LABELS: Record<ServiceUnit, Labels> = {
  visit: l('次', 'visit'),
  hour: l('小时', 'hour'),
  meal: l('餐', 'meal'),
  session: l('节', 'session'),
  month: l('月', 'month'),
  job: l('项', 'job'),
};

/** What an order is paid under (the 16% target counts the non-self-paid ones). */
export const FUNDING_SOURCES = ['self_pay', 'government', 'ltc_insurance', 'family_bed'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, Labels> = {
  self_pay: l('自费', 'Self-paid'),
  government: l('政府购买', 'Government-purchased'),
  ltc_insurance: l('长护险', 'Long-term care insurance'),
  family_bed: l('家庭养老床位', 'Family care bed'),
};

/**
 * The elder categories the catalogue prices by. Four are recorded registry tags (elder_tags: 特困, 低保,
 * 低收入, 残疾); `advanced_age` (高龄, 80 and over) and `incapacitated` (失能, the assessment's
 * semi_disabled/disabled tags) are derived; `general` is everyone else (and the fallback).
 */
export const ELDER_PAY_CATEGORIES = [
  'extreme_poverty',
  'subsistence_allowance',
  'low_income',
  'disability',
  'advanced_age',
  'incapacitated',
  'general',
] as const;
export type ElderPayCategory = (typeof ELDER_PAY_CATEGORIES)[number];
export const ELDER_PAY_CATEGORY_LABELS: Record<ElderPayCategory, Labels> = {
  extreme_poverty: l('特困', 'Extreme poverty support'),
  subsistence_allowance: l('低保', 'Minimum living allowance'),
  low_income: l('低收入', 'Low income'),
  disability: l('残疾', 'Disability'),
  advanced_age: l('高龄（80 周岁及以上）', 'Advanced age (80+)'),
  incapacitated: l('失能（含半失能）', 'Care-dependent (incl. partly)'),
  general: l('其他老年人', 'Other elders'),
};
/** Age from which an elder counts as 高龄 for pricing. */
export const ADVANCED_AGE = 80;

/**
 * What one elder category pays for an item: nothing (`free`), the price less a fixed subsidy
 * (`subsidy`, `amountCents` paid by the government), a share of the price (`share`, `percent` paid by
 * the elder), or the full price (`full`).
 */
export const PAY_RULE_KINDS = ['free', 'subsidy', 'share', 'full'] as const;
export type PayRuleKind = (typeof PAY_RULE_KINDS)[number];
export type PayRule =
  | { kind: 'free' }
  | { kind: 'subsidy'; amountCents: number }
  | { kind: 'share'; percent: number }
  | { kind: 'full' };
export const PAY_RULE_KIND_LABELS: Record<PayRuleKind, Labels> = {
  free: l('免费', 'Free'),
  subsidy: l('补贴定额', 'Fixed subsidy'),
  share: l('按比例自付', 'Pays a share'),
  full: l('全额自付', 'Full price'),
};

/** A service agreement (服务协议): drafted, signed by the elder or a guardian, ended. */
export const AGREEMENT_STATUSES = ['draft', 'signed', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, Labels> = {
  draft: l('草拟', 'Draft'),
  signed: l('已签订', 'Signed'),
  ended: l('已终止', 'Ended'),
};
/** Who signed for the elder: the elder, or a guardian or agent (监护人/代理人). */
export const AGREEMENT_SIGNERS = ['elder', 'guardian'] as const;
export type AgreementSigner = (typeof AGREEMENT_SIGNERS)[number];
export const AGREEMENT_SIGNER_LABELS: Record<AgreementSigner, Labels> = {
  elder: l('老年人本人', 'The elder'),
  guardian: l('监护人/代理人', 'Guardian or agent'),
};

/**
 * Credential kinds an item may require (the staff module's certificate kinds; contracts' staff.ts once
 * that lands). 养老护理员 is `caregiver`; 健康证 is `health_certificate`.
 */
export const SERVICE_CREDENTIAL_KINDS = [
  'caregiver',
  'nurse',
  'physician',
  'social_worker',
  'psychological_counselor',
  'health_certificate',
  'other',
] as const;
export type ServiceCredentialKind = (typeof SERVICE_CREDENTIAL_KINDS)[number];
