/**
 * Health and safety monitoring (健康监测, issue 17 item 3, PRODUCT.md §4.7): vital signs (生命体征), per-elder
 * thresholds, rules as data (健康规则) that open alerts (健康预警) a person verifies (人工核实) before they
 * escalate to an alarm. Codes only; the console's labels are in web/src/i18n/<locale>/health.ts.
 */

/** Kinds of vital sign; `bp` carries systolic and diastolic, every other kind one value. */
export const VITAL_KINDS = ['bp', 'heart_rate', 'temperature', 'spo2', 'glucose', 'weight'] as const;
export type VitalKind = (typeof VITAL_KINDS)[number];

/** The unit each kind is stored in. */
export const VITAL_UNITS: Record<VitalKind, string> = {
  bp: 'mmHg',
  heart_rate: 'bpm',
  temperature: '°C',
  spo2: '%',
  glucose: 'mmol/L',
  weight: 'kg',
};

/** Where a reading came from: a device's telemetry, staff on a visit or at the station, day care. */
export const VITAL_SOURCES = ['device', 'staff', 'day_care'] as const;
export type VitalSource = (typeof VITAL_SOURCES)[number];

/** What thresholds apply to: blood pressure has two. */
export const THRESHOLD_KINDS = [
  'bp_systolic',
  'bp_diastolic',
  'heart_rate',
  'temperature',
  'spo2',
  'glucose',
  'weight',
] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

export interface ThresholdRange {
  low: number | null;
  high: number | null;
}

/** Default thresholds (an elder's own override them; HEALTH_THRESHOLDS in the configuration overrides these). */
export const DEFAULT_THRESHOLDS: Record<ThresholdKind, ThresholdRange> = {
  bp_systolic: { low: 90, high: 160 },
  bp_diastolic: { low: 50, high: 100 },
  heart_rate: { low: 50, high: 110 },
  temperature: { low: 35.5, high: 37.5 },
  spo2: { low: 93, high: null },
  glucose: { low: 3.9, high: 11.1 },
  weight: { low: null, high: null },
};

/** Plausible values: anything outside is a typing or sensor error, refused at entry. */
export const VITAL_PLAUSIBLE: Record<ThresholdKind, { min: number; max: number }> = {
  bp_systolic: { min: 50, max: 260 },
  bp_diastolic: { min: 30, max: 160 },
  heart_rate: { min: 20, max: 250 },
  temperature: { min: 30, max: 44 },
  spo2: { min: 50, max: 100 },
  glucose: { min: 1, max: 40 },
  weight: { min: 20, max: 250 },
};

/** Ambient events a device reports that rules read (water flow, movement, the bed radar). */
export const HEALTH_EVENT_KINDS = ['water_flow', 'motion', 'bed_exit', 'bed_return'] as const;
export type HealthEventKind = (typeof HEALTH_EVENT_KINDS)[number];

/** Kinds of rule (health_rules.kind); each has its own parameters (server health.rules.ts). */
export const HEALTH_RULE_KINDS = [
  'no_water',
  'no_movement',
  'night_bed_exit',
  'heart_rate_sustained',
  'vital_threshold',
  'visit_observation',
] as const;
export type HealthRuleKind = (typeof HEALTH_RULE_KINDS)[number];

/** An alert's life: opened by a rule, taken by a person who verifies it, then ended one of three ways. */
export const HEALTH_ALERT_STATUSES = ['open', 'verifying', 'confirmed', 'false_alarm', 'escalated'] as const;
export type HealthAlertStatus = (typeof HEALTH_ALERT_STATUSES)[number];

/** How the person verified it. */
export const HEALTH_VERIFY_METHODS = ['called_elder', 'called_family', 'visited'] as const;
export type HealthVerifyMethod = (typeof HEALTH_VERIFY_METHODS)[number];

export const HEALTH_MESSAGES = {
  'health.not_found': { 'zh-CN': '记录不存在或不在您的辖区', 'en-US': 'Not found or outside your area' },
  'health.elder_out_of_scope': {
    'zh-CN': '老人不存在或不在您的辖区',
    'en-US': 'The elder does not exist or is outside your area',
  },
  'health.region_out_of_scope': {
    'zh-CN': '规则适用的区域不在您的辖区',
    'en-US': "The rule's area is outside yours",
  },
  'health.invalid_state': {
    'zh-CN': '预警当前状态为“{status}”，不能执行“{command}”',
    'en-US': 'The alert is "{status}"; "{command}" is not possible now',
  },
  'health.verify_first': {
    'zh-CN': '请先核实（致电老人或家属）再升级为警情',
    'en-US': 'Verify first (call the elder or the family) before escalating to an alarm',
  },
  'health.low_above_high': {
    'zh-CN': '下限不能高于上限',
    'en-US': 'The low limit cannot be above the high limit',
  },
  'health.future_time': {
    'zh-CN': '测量时间不能晚于当前时间',
    'en-US': 'The measurement time cannot be in the future',
  },
} as const;
