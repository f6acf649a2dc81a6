import { ID_TYPE_LABELS, ID_TYPES } from '../idNumber.ts';
import {
  AGE_TAG_THRESHOLDS,
  ASSESSMENT_TAG_LABELS,
  ASSESSMENT_TAGS,
  CHRONIC_DISEASES,
  DERIVED_TAG_LABELS,
  ECONOMIC_SOURCES,
  EDUCATION_LEVELS,
  ELDER_TAG_LABELS,
  ELDER_TAGS,
  LIVING_SITUATION_LABELS,
  LIVING_SITUATION_TAGS,
  LIVING_SITUATIONS,
  MARITAL_STATUSES,
  type DerivedTag,
  type LivingSituation,
} from '../elder.vocab.ts';

/**
 * The 摸底表 layout (PRODUCT.md §4.2): one column per field, Chinese header
 * for people, a stable key for machines. Enumerations accept the Chinese
 * label or the code; several values in one cell are separated by 、 , ; or |.
 * The synthetic CSV of elder.generator.ts (snake_case keys) imports as is.
 */
export type ImportColumnKind = 'text' | 'date' | 'enum' | 'multi' | 'bool';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  kind: ImportColumnKind;
  /** code → Chinese label, for enum and multi columns. */
  options?: Record<string, string>;
  /** Other header spellings (CSV of the generator, common 摸底表 wording). */
  aliases?: string[];
  note: string;
  example: string;
  width: number;
}

const labels = <T extends string>(codes: readonly T[], zh: (c: T) => string) =>
  Object.fromEntries(codes.map((c) => [c, zh(c)])) as Record<string, string>;

export const EDUCATION_LABELS_ZH: Record<string, string> = {
  none: '未上过学',
  primary: '小学',
  junior_secondary: '初中',
  senior_secondary: '高中/中专',
  college: '大专',
  bachelor_or_above: '本科及以上',
};
export const MARITAL_LABELS_ZH: Record<string, string> = {
  unmarried: '未婚',
  married: '已婚',
  widowed: '丧偶',
  divorced: '离婚',
};
export const ECONOMIC_LABELS_ZH: Record<string, string> = {
  pension: '养老金',
  retirement_salary: '离退休金',
  family_support: '家庭供养',
  subsidy: '政府补贴',
  labour_income: '劳动收入',
  savings: '储蓄',
  other: '其他',
};
export const SEX_LABELS_ZH: Record<string, string> = { male: '男', female: '女' };
export const BOOL_LABELS_ZH: Record<string, string> = { true: '是', false: '否' };

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'name',
    zh: '姓名',
    en: 'Name',
    required: true,
    kind: 'text',
    note: '最多 50 字',
    example: '张三华',
    width: 12,
  },
  {
    key: 'idType',
    zh: '证件类型',
    en: 'ID type',
    kind: 'enum',
    options: labels(ID_TYPES, (c) => ID_TYPE_LABELS[c]['zh-CN']),
    aliases: ['id_type'],
    note: '留空为居民身份证',
    example: '居民身份证',
    width: 16,
  },
  {
    key: 'idNumber',
    zh: '证件号码',
    en: 'ID number',
    required: true,
    kind: 'text',
    aliases: ['id_number', '身份证号', '身份证号码'],
    note: '居民身份证校验出生日期、性别和校验位；请设置为文本格式，避免末尾变成 000',
    example: '650102195003151231',
    width: 22,
  },
  {
    key: 'birthDate',
    zh: '出生日期',
    en: 'Birth date',
    kind: 'date',
    aliases: ['birth_date'],
    note: 'YYYY-MM-DD；身份证可留空（由号码推出），其他证件必填',
    example: '',
    width: 12,
  },
  {
    key: 'sex',
    zh: '性别',
    en: 'Sex',
    kind: 'enum',
    options: SEX_LABELS_ZH,
    note: '男 / 女；身份证可留空',
    example: '',
    width: 8,
  },
  {
    key: 'phone',
    zh: '联系电话',
    en: 'Phone',
    kind: 'text',
    aliases: ['手机号', '电话'],
    note: '11 位手机号、区号-座机号或本地号码',
    example: '13812345678',
    width: 15,
  },
  {
    key: 'regionCode',
    zh: '所属社区/村代码',
    en: 'Community code',
    required: true,
    kind: 'text',
    aliases: ['region_code', '社区代码', '村代码', '区划代码'],
    note: '12 位社区（村）区划代码，须在您的管辖范围内；见“社区代码”工作表',
    example: '',
    width: 16,
  },
  {
    key: 'address',
    zh: '居住地址',
    en: 'Address',
    kind: 'text',
    note: '最多 200 字',
    example: '幸福社区3栋2单元501号',
    width: 30,
  },
  {
    key: 'householdLocal',
    zh: '本地户籍',
    en: 'Local household registration',
    kind: 'bool',
    options: BOOL_LABELS_ZH,
    aliases: ['household_local', '是否本地户籍'],
    note: '是 / 否；留空为是',
    example: '是',
    width: 10,
  },
  {
    key: 'householdAddress',
    zh: '户籍地址',
    en: 'Household address',
    kind: 'text',
    aliases: ['household_address'],
    note: '最多 200 字',
    example: '',
    width: 24,
  },
  {
    key: 'residenceSince',
    zh: '居住起始日期',
    en: 'Resident since',
    kind: 'date',
    aliases: ['residence_since'],
    note: 'YYYY-MM-DD；非本地户籍老人填写',
    example: '',
    width: 14,
  },
  {
    key: 'livingSituation',
    zh: '居住情况',
    en: 'Living situation',
    kind: 'enum',
    options: labels(LIVING_SITUATIONS, (c) => LIVING_SITUATION_LABELS[c]['zh-CN']),
    aliases: ['living_situation'],
    note: '独居、空巢……（下拉选择）',
    example: '独居',
    width: 18,
  },
  { key: 'ethnicity', zh: '民族', en: 'Ethnicity', kind: 'text', note: '如 汉族', example: '汉族', width: 8 },
  {
    key: 'education',
    zh: '文化程度',
    en: 'Education',
    kind: 'enum',
    options: labels(EDUCATION_LEVELS, (c) => EDUCATION_LABELS_ZH[c]!),
    note: '下拉选择',
    example: '',
    width: 12,
  },
  {
    key: 'maritalStatus',
    zh: '婚姻状况',
    en: 'Marital status',
    kind: 'enum',
    options: labels(MARITAL_STATUSES, (c) => MARITAL_LABELS_ZH[c]!),
    aliases: ['marital_status'],
    note: '下拉选择',
    example: '',
    width: 10,
  },
  {
    key: 'economicSources',
    zh: '经济来源',
    en: 'Income sources',
    kind: 'multi',
    options: labels(ECONOMIC_SOURCES, (c) => ECONOMIC_LABELS_ZH[c]!),
    aliases: ['economic_sources'],
    note: '可多个，用顿号分隔，如 养老金、储蓄',
    example: '养老金',
    width: 16,
  },
  {
    key: 'tags',
    zh: '老人类别',
    en: 'Categories',
    kind: 'multi',
    options: labels(ELDER_TAGS, (c) => ELDER_TAG_LABELS[c]['zh-CN']),
    aliases: ['类别'],
    note: '可多个，用顿号分隔，如 低保、残疾；有效期自导入之日起',
    example: '',
    width: 18,
  },
  {
    key: 'chronicDiseases',
    zh: '慢性病',
    en: 'Chronic diseases',
    kind: 'multi',
    aliases: ['chronic_diseases'],
    note: '可多个，用顿号分隔；可填病名或 ICD-10 类目（如 I10）',
    example: '',
    width: 18,
  },
];

export const IMPORT_COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));
export const REQUIRED_IMPORT_KEYS = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key);

const squash = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s*＊_\-（）()]/g, '')
    .toLowerCase();

const HEADER_INDEX = new Map<string, string>();
for (const c of IMPORT_COLUMNS)
  for (const h of [c.key, c.zh, c.en, ...(c.aliases ?? [])]) HEADER_INDEX.set(squash(h), c.key);

/** A header cell → column key, or undefined for columns the import ignores (e.g. 序号, seq). */
export function columnKeyOf(header: string): string | undefined {
  return HEADER_INDEX.get(squash(header));
}

const optionIndexes = new WeakMap<ImportColumn, Map<string, string>>();

/** Code (lower case), label and short label (both NFKC, as the typed value is compared) → code; the first wins. */
function optionIndex(col: ImportColumn): Map<string, string> {
  let index = optionIndexes.get(col);
  if (index) return index;
  index = new Map();
  const entries = Object.entries(col.options ?? {});
  for (const [code] of entries) if (!index.has(code.toLowerCase())) index.set(code.toLowerCase(), code);
  for (const [code, label] of entries) {
    const full = label.normalize('NFKC');
    if (!index.has(full)) index.set(full, code);
    // Short forms: 空巢（仅与配偶同住） also matches 空巢; 低收入（低保边缘） matches 低收入.
    const short = full.replace(/\(.*?\)/g, '');
    if (!index.has(short)) index.set(short, code);
  }
  optionIndexes.set(col, index);
  return index;
}

/** Chinese label or code → code (case-insensitive), or undefined. */
export function optionCode(col: ImportColumn, value: string): string | undefined {
  const v = value.normalize('NFKC').trim();
  const lower = v.toLowerCase();
  const index = optionIndex(col);
  const hit = index.get(lower) ?? index.get(v);
  if (hit !== undefined) return hit;
  if (col.kind === 'bool') {
    if (['y', 'yes', '1', '√', '本地'].includes(lower)) return 'true';
    if (['n', 'no', '0', '×', '外地'].includes(lower)) return 'false';
  }
  return undefined;
}

/**
 * Values people write in 老人类别 that are categories of another kind: 独居/空巢/留守 are the
 * living situation (their own column), 高龄 follows from the birth date, 失能 from an assessment.
 * Each gets an error that says where the value belongs instead of "not one of the allowed values".
 */
const MISPLACED_TAGS = (() => {
  const index = new Map<string, string>();
  const add = (code: string, label: string, error: string) => {
    for (const v of [
      code.toLowerCase(),
      label.normalize('NFKC'),
      label.normalize('NFKC').replace(/\(.*?\)/g, ''),
    ])
      if (!index.has(v)) index.set(v, error);
  };
  const living = 'elder.import.tag_is_living_situation';
  for (const [situation, tag] of Object.entries(LIVING_SITUATION_TAGS) as [LivingSituation, DerivedTag][]) {
    add(situation, LIVING_SITUATION_LABELS[situation]['zh-CN'], living);
    add(tag, DERIVED_TAG_LABELS[tag]['zh-CN'], living);
  }
  for (const [tag] of AGE_TAG_THRESHOLDS)
    add(tag, DERIVED_TAG_LABELS[tag]['zh-CN'], 'elder.import.tag_derived_age');
  for (const tag of ASSESSMENT_TAGS)
    add(tag, ASSESSMENT_TAG_LABELS[tag]['zh-CN'], 'elder.import.tag_from_assessment');
  return index;
})();

/** The error code of a 老人类别 value that belongs elsewhere (独居老人 → the living situation), if it does. */
export function misplacedTagCode(value: string): string | undefined {
  const v = value.normalize('NFKC').trim();
  return (
    MISPLACED_TAGS.get(v.toLowerCase()) ?? MISPLACED_TAGS.get(v) ?? MISPLACED_TAGS.get(v.replace(/老人$/, ''))
  );
}

export const MULTI_SEPARATOR = /[、,，;；|/]+/;

/** Chronic disease names → ICD-10 category where we know it; anything else is kept as written. */
export function chronicDiseaseCode(value: string): string {
  const v = value.trim();
  const upper = v.toUpperCase();
  if (upper in CHRONIC_DISEASES) return upper;
  for (const [code, l] of Object.entries(CHRONIC_DISEASES)) if (l['zh-CN'] === v) return code;
  return v;
}
