/**
 * Facilities (养老服务设施, PRODUCT.md §4.8, issue 18): tiers, statuses and functional zones. The operating
 * mode of a facility is organisation.ts OPERATING_MODES (公建民营, 民办公助, 政府运营, 社会化运营).
 */

/** Facility tiers (facilities.tier), the four-tier network of `002_…` §二 plus day care and nursing homes. */
export const FACILITY_TIERS = [
  'district_centre', // 区级养老服务指导中心
  'street_centre', // 街道养老服务中心
  'town_centre', // 镇（乡）养老服务中心
  'community_station', // 社区养老服务站
  'village_point', // 村级互助养老点
  'day_care', // 日间照料中心
  'nursing_home', // 养老机构
] as const;
export type FacilityTier = (typeof FACILITY_TIERS)[number];

export const FACILITY_TIER_LABELS: Record<FacilityTier, { zh: string; en: string }> = {
  district_centre: { zh: '区级养老服务指导中心', en: 'District guidance centre' },
  street_centre: { zh: '街道养老服务中心', en: 'Street care centre' },
  town_centre: { zh: '镇养老服务中心', en: 'Town care centre' },
  community_station: { zh: '社区养老服务站', en: 'Community care station' },
  village_point: { zh: '村级互助养老点', en: 'Village mutual-aid point' },
  day_care: { zh: '日间照料中心', en: 'Day-care centre' },
  nursing_home: { zh: '养老机构', en: 'Nursing home' },
};

/** Centres that may run stations and points (中心带站 / 中心带点, `000_…` §三(一)). */
export const CENTRE_TIERS: readonly FacilityTier[] = ['district_centre', 'street_centre', 'town_centre'];

export const FACILITY_STATUSES = ['planned', 'building', 'operating', 'closed'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/** Functional zones (功能区, `000_…` 附件1). */
export const FACILITY_ZONES = [
  'leisure', // 休闲娱乐区
  'education', // 文化教育区
  'daily_care', // 生活照料区
  'health', // 健康管理区
  'humanistic_care', // 人文关怀区
  'residential_care', // 托养护理区
  'management', // 运营管理区
  'medical_rehab', // 医疗康复区
  'meals', // 助餐区
  'reading', // 阅览区
  'day_rest', // 日间休息
] as const;
export type FacilityZone = (typeof FACILITY_ZONES)[number];

export const FACILITY_STATUS_LABELS: Record<FacilityStatus, { zh: string; en: string }> = {
  planned: { zh: '规划', en: 'Planned' },
  building: { zh: '在建', en: 'Under construction' },
  operating: { zh: '运营', en: 'Operating' },
  closed: { zh: '停用', en: 'Closed' },
};

export const FACILITY_ZONE_LABELS: Record<FacilityZone, { zh: string; en: string }> = {
  leisure: { zh: '休闲娱乐区', en: 'Leisure' },
  education: { zh: '文化教育区', en: 'Culture and education' },
  daily_care: { zh: '生活照料区', en: 'Daily care' },
  health: { zh: '健康管理区', en: 'Health management' },
  humanistic_care: { zh: '人文关怀区', en: 'Humanistic care' },
  residential_care: { zh: '托养护理区', en: 'Residential care' },
  management: { zh: '运营管理区', en: 'Operations' },
  medical_rehab: { zh: '医疗康复区', en: 'Medical care and rehabilitation' },
  meals: { zh: '助餐区', en: 'Meals' },
  reading: { zh: '阅览区', en: 'Reading' },
  day_rest: { zh: '日间休息区', en: 'Day rest' },
};

/** Operating modes in the facility's words (organisation.ts OPERATING_MODES). */
export const OPERATING_MODE_LABELS: Record<
  'public_built_private_run' | 'private_run_public_aid' | 'government_run' | 'social_operation',
  { zh: string; en: string }
> = {
  public_built_private_run: { zh: '公建民营', en: 'Publicly built, privately run' },
  private_run_public_aid: { zh: '民办公助', en: 'Privately run, publicly aided' },
  government_run: { zh: '政府运营', en: 'Government-run' },
  social_operation: { zh: '社会化运营', en: 'Socially operated' },
};

/** Error codes of the facility module with their messages (merged into ERROR_MESSAGES). */
export const FACILITY_MESSAGES = {
  'facility.not_found': { 'zh-CN': '设施不存在', 'en-US': 'Facility not found' },
  'facility.name_taken': {
    'zh-CN': '{region}已有名为“{name}”的设施',
    'en-US': '{region} already has a facility named "{name}"',
  },
  'facility.outside_district': {
    'zh-CN': '坐标不在本区范围内',
    'en-US': 'The coordinates lie outside the district',
  },
  'facility.nursing_beds_exceed_beds': {
    'zh-CN': '护理型床位数不能多于床位数',
    'en-US': 'Nursing-type beds cannot exceed beds',
  },
  'facility.coordinates_pair': {
    'zh-CN': '经度和纬度须同时填写',
    'en-US': 'Give both latitude and longitude',
  },
  'facility.parent_not_centre': {
    'zh-CN': '所属中心须为本区的街道或镇养老服务中心',
    'en-US': 'The running centre must be a street or town centre of the district',
  },
  'facility.no_plan': {
    'zh-CN': '本区没有可生成的全覆盖计划表',
    'en-US': 'No coverage plan is configured for this district',
  },
  'facility.already_closed': { 'zh-CN': '设施已停用', 'en-US': 'The facility is already closed' },
  'facility.closed_before_opened': {
    'zh-CN': '停用日期不能早于启用日期',
    'en-US': 'The closing date cannot be before the opening date',
  },
  'facility.import_unreadable': {
    'zh-CN': '无法读取导入文件（须为 .xlsx）',
    'en-US': 'The import file cannot be read (an .xlsx is required)',
  },
  'facility.import_missing_column': {
    'zh-CN': '导入文件缺少列：{column}',
    'en-US': 'The import file lacks the column: {column}',
  },
  'facility.import_invalid': {
    'zh-CN': '导入文件有 {count} 处错误，未导入任何数据',
    'en-US': 'The import file has {count} errors; nothing was imported',
  },
  'facility.import_empty': { 'zh-CN': '导入文件没有数据行', 'en-US': 'The import file has no data rows' },
} as const;
