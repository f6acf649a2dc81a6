/** Error codes of the visit module with their messages (merged into ERROR_MESSAGES). */
export const VISIT_MESSAGES = {
  'visit.not_found': { 'zh-CN': '上门服务记录不存在', 'en-US': 'Visit record not found' },
  'visit.anomaly_not_found': { 'zh-CN': '该异常不存在', 'en-US': 'Anomaly not found' },
  'visit.anomaly_resolved': { 'zh-CN': '该异常已处理', 'en-US': 'This anomaly is already resolved' },
  'visit.time_in_future': {
    'zh-CN': '操作时间不能晚于现在（请检查手机时间）',
    'en-US': 'The action time cannot be in the future (check the phone’s clock)',
  },
  'visit.time_too_old': {
    'zh-CN': '离线操作超过 {days} 天未同步，不能再提交',
    'en-US': 'An offline action older than {days} days cannot be synced',
  },
  'visit.wrong_code': {
    'zh-CN': '验证码不正确或已过期',
    'en-US': 'The code is wrong or has expired',
  },
  'visit.wrong_card': {
    'zh-CN': '二维码卡不属于这位老人',
    'en-US': 'This QR card is not the elder’s',
  },
  'visit.wrong_pin': { 'zh-CN': '确认密码不正确', 'en-US': 'The confirmation PIN is wrong' },
  'visit.no_pin': {
    'zh-CN': '老人尚未设置确认密码，请改用签名',
    'en-US': 'The elder has no confirmation PIN; use a signature',
  },
  'visit.proof_required': {
    'zh-CN': '护理员代为确认须提供老人的密码或签名',
    'en-US': 'A caregiver needs the elder’s PIN or signature to confirm',
  },
  'visit.not_confirmer': {
    'zh-CN': '只有老人本人或绑定的家属可以确认服务',
    'en-US': 'Only the elder or a bound family member may confirm the visit',
  },
  'visit.not_started': {
    'zh-CN': '尚未签到，不能记录服务内容',
    'en-US': 'Check in before recording the visit',
  },
  'visit.photo_never': {
    'zh-CN': '该服务项目（助浴、排泄护理等）一律不得拍照',
    'en-US': 'Photos are never allowed for this service (bathing, toileting care)',
  },
  'visit.photo_consent': {
    'zh-CN': '拍照须先征得老人同意',
    'en-US': 'A photo needs the elder’s consent first',
  },
  'visit.checklist_unknown': {
    'zh-CN': '服务清单中没有此项：{code}',
    'en-US': 'Not on this service’s checklist: {code}',
  },
  'visit.not_elder': {
    'zh-CN': '仅老人本人账号可以使用',
    'en-US': 'Only the elder’s own account may do this',
  },
  'visit.edit_nothing': { 'zh-CN': '没有要更正的内容', 'en-US': 'Nothing to correct' },
  'visit.edit_order': {
    'zh-CN': '签退时间须晚于签到时间',
    'en-US': 'Check-out must be after check-in',
  },
} as const;
