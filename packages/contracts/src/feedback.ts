/**
 * Complaints (投诉) and return visits (回访): the service-quality feedback of issue 15 §7, PRODUCT.md §4.5
 * (decision 027).
 */

export const COMPLAINT_CATEGORIES = [
  'service_quality', // 服务质量
  'attitude', // 服务态度
  'punctuality', // 未按时上门
  'not_delivered', // 未提供服务
  'charges', // 收费问题
  'safety', // 安全问题
  'privacy', // 隐私泄露
  'other', // 其他
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** How it reached us: the elder's or family's phone, a 12349 call, in person, found on a return visit. */
export const COMPLAINT_CHANNELS = ['app', 'hotline', 'in_person', 'return_visit'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_STATUSES = ['received', 'assigned', 'responded', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Hours to a response (处理时限): safety and privacy within a day, the rest within three. */
export const COMPLAINT_RESPONSE_HOURS: Record<ComplaintCategory, number> = {
  service_quality: 72,
  attitude: 72,
  punctuality: 72,
  not_delivered: 72,
  charges: 72,
  safety: 24,
  privacy: 24,
  other: 72,
};

/** What the complainant said when the centre called back before closing. */
export const COMPLAINT_SATISFACTION = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type ComplaintSatisfaction = (typeof COMPLAINT_SATISFACTION)[number];

export const RETURN_VISIT_STATUSES = ['pending', 'done', 'unreachable'] as const;
export type ReturnVisitStatus = (typeof RETURN_VISIT_STATUSES)[number];

export const RETURN_VISIT_RESULTS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type ReturnVisitResult = (typeof RETURN_VISIT_RESULTS)[number];

/** Error codes of the feedback module with their messages (merged into ERROR_MESSAGES). */
export const FEEDBACK_MESSAGES = {
  'complaint.not_found': { 'zh-CN': '投诉不存在', 'en-US': 'Complaint not found' },
  'complaint.invalid_state': {
    'zh-CN': '投诉当前状态为“{status}”，不能执行“{command}”',
    'en-US': 'The complaint is "{status}"; "{command}" is not possible now',
  },
  'complaint.subject_required': {
    'zh-CN': '请选择投诉涉及的老人或服务工单',
    'en-US': 'Choose the elder or the service order the complaint is about',
  },
  'complaint.not_assigned_to_you': {
    'zh-CN': '该投诉未交由本机构处理',
    'en-US': 'This complaint was not passed to your organisation',
  },
  'complaint.personal_cannot_handle': {
    'zh-CN': '老人和家属账号只能提交投诉，不能处理投诉',
    'en-US': 'Elder and family accounts can file complaints, not handle them',
  },
  'complaint.provider_cannot_close': {
    'zh-CN': '服务机构不能自行结案，由社区或街道回访后结案',
    'en-US': 'A provider cannot close a complaint; the community or street closes it after calling back',
  },
  'returnVisit.not_found': { 'zh-CN': '回访记录不存在', 'en-US': 'Return visit not found' },
  'returnVisit.already_recorded': {
    'zh-CN': '该回访已记录结果',
    'en-US': 'This return visit has already been recorded',
  },
  'returnVisit.result_required': {
    'zh-CN': '联系上老人时请填写满意度和服务是否发生',
    'en-US': 'When the elder was reached, record their satisfaction and whether the service happened',
  },
  'returnVisit.period_order': {
    'zh-CN': '开始日期不能晚于结束日期',
    'en-US': 'The start date cannot be after the end date',
  },
} as const;
