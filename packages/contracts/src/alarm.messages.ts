/** Error codes of the alarm module with their messages (merged into ERROR_MESSAGES). */
export const ALARM_MESSAGES = {
  'alarm.not_found': { 'zh-CN': '警情不存在', 'en-US': 'Alarm not found' },
  'alarm.invalid_state': {
    'zh-CN': '警情当前状态为“{status}”，不能执行“{command}”',
    'en-US': 'The alarm is "{status}"; "{command}" is not possible now',
  },
  'alarm.already_claimed': {
    'zh-CN': '该警情已由 {name} 认领',
    'en-US': 'This alarm has already been claimed by {name}',
  },
  'alarm.not_your_claim': {
    'zh-CN': '该警情由其他坐席处理，只有认领人或班长可以操作',
    'en-US': 'Another seat has this alarm; only they or a supervisor may act on it',
  },
  'alarm.not_your_dispatch': {
    'zh-CN': '该警情未派给您',
    'en-US': 'This alarm was not dispatched to you',
  },
  'alarm.elder_out_of_scope': {
    'zh-CN': '您无权为这位老人发起求助',
    'en-US': 'You may not raise an alarm for this elder',
  },
  'alarm.caller_unknown': {
    'zh-CN': '未按来电号码找到老人，请选择老人',
    'en-US': 'No elder found for the caller’s number; choose the elder',
  },
  'alarm.responder_unavailable': {
    'zh-CN': '该响应人员不可派遣（不在辖区、未登记或正在处理其他警情）',
    'en-US': 'This responder cannot be sent (outside the area, not registered or busy with another alarm)',
  },
  'alarm.dispatch_target_required': {
    'zh-CN': '请选择响应人员或外部救援（120/110/119）',
    'en-US': 'Choose a responder or an external service (120/110/119)',
  },
  'alarm.no_elder': {
    'zh-CN': '该警情尚未关联老人',
    'en-US': 'This alarm has no elder yet',
  },
  'alarm.shift_range': {
    'zh-CN': '值班结束时间须晚于开始时间',
    'en-US': 'A shift must end after it starts',
  },
  'alarm.not_on_rota': {
    'zh-CN': '您没有此值班角色',
    'en-US': 'You do not hold this duty role',
  },
} as const;
