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
  // ---- Appendix A (basic information form), checked when a draft is saved ----
  'assessment.form_invalid': {
    'zh-CN': '评估表中有 {count} 处填写有误，请检查标出的项目',
    'en-US': '{count} entries of the form are invalid; check the marked ones',
  },
  'assessment.field_unknown': {
    'zh-CN': '{field} 不是《{standard}》基本信息表中的项目',
    'en-US': '{field} is not a field of the basic information form of {standard}',
  },
  'assessment.field_invalid': {
    'zh-CN': '{field}（{fieldName}）填写有误，应为{expected}',
    'en-US': '{field} ({fieldName}) is invalid; expected {expected}',
  },
  'assessment.field_option_invalid': {
    'zh-CN': '{field}（{fieldName}）的选项“{value}”无效，可选：{allowed}',
    'en-US': 'Option "{value}" is not valid for {field} ({fieldName}); allowed: {allowed}',
  },
  'assessment.field_row_unknown': {
    'zh-CN': '{field}（{fieldName}）没有“{row}”这一行，可填：{allowed}',
    'en-US': '{field} ({fieldName}) has no row "{row}"; rows: {allowed}',
  },
  'assessment.field_exclusive': {
    'zh-CN': '{field}（{fieldName}）选择了{option}，不能再选择其他选项',
    'en-US': '{field} ({fieldName}): {option} cannot be combined with other options',
  },
  // ---- warnings beside a saved draft (decision 006 refinements) ----
  'assessment.contradiction': {
    'zh-CN':
      '{item}（{itemName}）选择了{option}，而 {field}（{fieldName}）记录为{fieldValue}，两者矛盾；请核实，确认无误后再提交',
    'en-US':
      '{item} ({itemName}) is answered {option} while {field} ({fieldName}) records {fieldValue}; check both and confirm before submitting',
  },
  'assessment.warnings_unconfirmed': {
    'zh-CN': '评估表中有 {count} 处矛盾需要评估员确认后才能提交',
    'en-US': '{count} contradictions in the form need the assessor’s confirmation before submitting',
  },
  'assessment.context_overridden': {
    'zh-CN': '{fieldName}以基本信息表 {sources} 为准（{derived}），提交的“{sent}”未采用',
    'en-US':
      '{fieldName} follows the basic information form, {sources} ({derived}); the value sent ({sent}) was not used',
  },
  'assessment.context_ignored': {
    'zh-CN': '《{standard}》的基本信息表不记录{fieldName}，提交的“{sent}”未采用',
    'en-US':
      'The basic information form of {standard} does not record {fieldName}; the value sent ({sent}) was not used',
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
  // ---- the workflow (decision 006) ----
  'assessment.not_found': { 'zh-CN': '找不到该评估记录', 'en-US': 'Assessment not found' },
  'assessment.open_exists': {
    'zh-CN': '该老年人已有未完成的评估申请，不能重复申请',
    'en-US': 'This elder already has an open assessment',
  },
  'assessment.elder_inactive': {
    'zh-CN': '该老年人状态为“{status}”，不能申请评估',
    'en-US': "The elder's status is {status}; no assessment can be applied for",
  },
  'assessment.invalid_state': {
    // The status code stays in the problem's params; the sentence does not show a raw code to the user.
    'zh-CN': '评估当前所处的环节不能执行此操作，请刷新后查看最新状态',
    'en-US': 'This action is not possible at the assessment’s current step; reload to see its status',
  },
  'assessment.locked': {
    'zh-CN': '评估结果已发布并锁定，不能修改；如有异议请申请复核',
    'en-US': 'The published result is locked; file a dispute to have it re-reviewed',
  },
  'assessment.agency_invalid': {
    'zh-CN': '所选机构不是评估机构',
    'en-US': 'The organisation is not an assessment agency',
  },
  'assessment.two_assessors_required': {
    'zh-CN': '入户评估须由两名不同的评估员共同完成',
    'en-US': 'Two different assessors are required',
  },
  'assessment.assessor_not_eligible': {
    'zh-CN': '该用户不是本评估机构的评估员',
    'en-US': 'This user is not an assessor of the agency',
  },
  'assessment.certificate_missing': {
    'zh-CN': '评估员 {name} 没有评估员资格证书',
    'en-US': 'Assessor {name} holds no assessor certificate',
  },
  'assessment.certificate_expired': {
    'zh-CN': '评估员 {name} 的资格证书在评估日期 {date} 已失效',
    'en-US': 'The certificate of assessor {name} is not valid on {date}',
  },
  'assessment.assessor_excluded': {
    'zh-CN': '复核须由原评估员以外的评估员进行',
    'en-US': 'A re-review must not be done by an original assessor',
  },
  'assessment.not_assigned': {
    'zh-CN': '只有指派的评估员才能填写和签名',
    'en-US': 'Only the assigned assessors may fill in and sign this assessment',
  },
  'assessment.stale_revision': {
    'zh-CN': '评估表已在其他设备上保存（当前版本 {revision}），请先同步',
    'en-US': 'Another device saved this form first (revision {revision}); sync before saving',
  },
  'assessment.unknown_option': {
    'zh-CN': '评估表中有不属于该标准的项目或选项',
    'en-US': 'The form holds items or options that are not in the standard',
  },
  'assessment.incomplete': {
    'zh-CN': '还有 {count} 个评估项目未填写',
    'en-US': '{count} items are not answered',
  },
  'assessment.totals_disagree': {
    'zh-CN': '提交的分数与系统按选项计算的结果不一致，未保存结果',
    'en-US': "The totals sent disagree with the server's scoring; nothing was stored",
  },
  'assessment.already_signed': { 'zh-CN': '您已签名', 'en-US': 'You have already signed' },
  'assessment.signed_at_invalid': {
    'zh-CN': '签名时间不能早于提交时间，也不能晚于当前时间',
    'en-US': 'The signing time must be after submission and not in the future',
  },
  'assessment.cosigner_invalid': {
    'zh-CN': '共同签名人须是另一名指派的评估员',
    'en-US': 'The co-signer must be the other assigned assessor',
  },
  'assessment.dispute_window_closed': {
    'zh-CN': '结果发布已超过 {days} 天，不能再申请复核',
    'en-US': 'More than {days} days have passed since publishing; no dispute is possible',
  },
  'assessment.report_not_published': {
    'zh-CN': '评估结果尚未发布，不能出具报告',
    'en-US': 'The result is not published; no report yet',
  },
  'assessment.basic_info_field_unknown': {
    'zh-CN': '{field} 不能回写到老年人档案',
    'en-US': '{field} cannot be written back to the registry',
  },
  'assessment.basic_info_empty': {
    'zh-CN': '评估表中 {field} 未填写，无法回写',
    'en-US': '{field} is empty on the form',
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
