/**
 * Error and rule-reason codes of the assessment module with their messages.
 * The code is the i18n key; `{name}` placeholders are filled from params
 * (same convention as ERROR_MESSAGES in @yiyang/contracts).
 */
export const ASSESSMENT_MESSAGES = {
  // ---- input errors ----
  'assessment.answers_invalid': {
    'zh-CN': '评估答案格式不正确，应为“项目编号: 选项”的对象',
    'en-US': 'Answers must be an object of item code to option',
  },
  'assessment.answer_missing': {
    'zh-CN': '请填写 {item}（{itemName}）',
    'en-US': 'Answer item {item} ({itemName})',
  },
  'assessment.option_invalid': {
    'zh-CN': '{item}（{itemName}）的选项“{value}”无效，可选：{allowed}',
    'en-US': 'Option "{value}" is not valid for {item} ({itemName}); allowed: {allowed}',
  },
  'assessment.item_unknown': {
    'zh-CN': '{item} 不是《{standard}》的评估项目',
    'en-US': '{item} is not an item of {standard}',
  },
  'assessment.context_invalid': {
    'zh-CN': '评估依据信息 {field} 填写有误，应为：{expected}',
    'en-US': 'Context field {field} is invalid; expected {expected}',
  },
  'assessment.risk_event_type_unknown': {
    'zh-CN': '照护风险事件类型“{type}”无效，可选：{allowed}',
    'en-US': 'Unknown care risk event type "{type}"; allowed: {allowed}',
  },
  'assessment.risk_events_untyped': {
    'zh-CN': '按事件类型分别计数时，须逐类填写近30天内照护风险事件的次数',
    'en-US': 'Counting per event type needs the number of care risk events of each type',
  },
  'assessment.setting_invalid': {
    'zh-CN': '评分设置 {setting} 无效，可选：{allowed}',
    'en-US': 'Scoring setting {setting} is invalid; allowed: {allowed}',
  },
  'assessment.standard_unknown': {
    'zh-CN': '不支持的评估标准：{standard}',
    'en-US': 'Unsupported assessment standard: {standard}',
  },
  'assessment.level_unavailable': {
    'zh-CN':
      '《{standard}》的等级判定规则（组合表）尚未核实，系统不计算能力等级，请按当地经核实的规则人工判定',
    'en-US':
      'The level rules (combination table) of {standard} are not verified; the platform does not derive a level',
  },
  'assessment.level_incomplete': {
    'zh-CN': '评估项目未填写完整，无法判定初步等级',
    'en-US': 'The items are incomplete, so the initial level cannot be derived',
  },
  // ---- client totals that disagree with the server ----
  'assessment.total_mismatch': {
    'zh-CN': '{field} 提交值为 {received}，与系统按选项计算的 {expected} 不一致',
    'en-US': '{field} was sent as {received} but the options add up to {expected}',
  },
  'assessment.grade_mismatch': {
    'zh-CN': '{field} 提交的分级为 {received}，与系统判定的 {expected} 不一致',
    'en-US': '{field} was sent as grade {received} but the server derives {expected}',
  },
  'assessment.level_mismatch': {
    'zh-CN': '{field} 提交的等级为 {received}，与系统判定的 {expected} 不一致',
    'en-US': '{field} was sent as level {received} but the server derives {expected}',
  },
  // ---- the printed report (assessment.report.ts) ----
  'assessment.report_unavailable': {
    'zh-CN': '《{standard}》的评估报告格式尚未核实，不能生成报告',
    'en-US': 'The report layout of {standard} is not verified; no report can be printed',
  },
  'assessment.report_standard_mismatch': {
    'zh-CN': '评估结果按《{result}》计算，不能按《{standard}》的格式出具报告',
    'en-US': 'The result was scored against {result} and cannot be printed as a {standard} report',
  },
  'assessment.report_input_invalid': {
    'zh-CN': '评估报告信息 {field} 填写有误，应为：{expected}',
    'en-US': 'Report field {field} is invalid; expected {expected}',
  },
  // ---- reasons recorded in firedRules ----
  'assessment.rule.coma': {
    'zh-CN': '处于昏迷状态（依据：{sources}），直接评定为{levelName}',
    'en-US': 'In a coma (from {sources}): rated directly as {levelName}',
  },
  'assessment.rule.dementia_or_psychiatric': {
    'zh-CN': '确诊痴呆或其他精神和行为障碍（依据：{sources}），在原有能力级别上提高一个级别',
    'en-US': 'Diagnosed dementia or mental and behavioural disorder (from {sources}): level raised by one',
  },
  'assessment.rule.risk_events': {
    'zh-CN': '近30天内发生照护风险事件 {count} 次（达到 {threshold} 次及以上），在原有能力级别上提高一个级别',
    'en-US': '{count} care risk events in the past 30 days (threshold {threshold}): level raised by one',
  },
  'assessment.rule.upgrade_capped': {
    'zh-CN': '同时符合 {requested} 项提级条件，按“有以下情况之一者”只提高 {applied} 个级别',
    'en-US': '{requested} raise conditions apply; the level is raised by {applied} only (any-of reading)',
  },
  'assessment.rule.level_capped': {
    'zh-CN': '提级后超过最高等级，按最高等级“{levelName}”评定',
    'en-US': 'The raised level exceeds the highest level; rated as {levelName}',
  },
  'assessment.rule.frozen_at_severe': {
    'zh-CN': '初步等级已为“{levelName}”，不再考虑等级变更条款，等级不再提高',
    'en-US': 'The initial level is already {levelName}; the change clauses do not apply',
  },
  'assessment.rule.coma_items_skipped': {
    'zh-CN': '评定为昏迷，以下项目可不评估：{items}',
    'en-US': 'Rated as coma; these items may be skipped: {items}',
  },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;

export type AssessmentMessageCode = keyof typeof ASSESSMENT_MESSAGES;
export type AssessmentLocale = 'zh-CN' | 'en-US';

/** Renders a code with params; arrays are joined the way each language lists things. */
export function formatAssessmentMessage(
  code: AssessmentMessageCode,
  locale: AssessmentLocale,
  params: Readonly<Record<string, unknown>> = {},
): string {
  const separator = locale === 'zh-CN' ? '、' : ', ';
  return ASSESSMENT_MESSAGES[code][locale].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    if (v === undefined || v === null) return whole;
    return Array.isArray(v) ? v.join(separator) : String(v);
  });
}
