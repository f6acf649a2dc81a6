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
