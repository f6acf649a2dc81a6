/** Error codes of the order module with their messages (merged into ERROR_MESSAGES). */
export const ORDER_MESSAGES = {
  'order.not_found': { 'zh-CN': '服务工单不存在', 'en-US': 'Service order not found' },
  'order.plan_not_found': { 'zh-CN': '服务计划不存在', 'en-US': 'Service plan not found' },
  'order.invalid_state': {
    'zh-CN': '工单当前状态为“{status}”，不能执行“{command}”',
    'en-US': 'The order is "{status}"; "{command}" is not possible now',
  },
  'order.elder_out_of_scope': {
    'zh-CN': '您无权为这位老人下单（不在您的辖区，或未获授权代为下单）',
    'en-US': 'You may not order for this elder (outside your area, or no consent to act for them)',
  },
  'order.elder_inactive': {
    'zh-CN': '该老人档案状态为“{status}”，不能下单',
    'en-US': 'The elder is "{status}"; no service can be ordered',
  },
  'order.item_not_found': {
    'zh-CN': '服务项目不存在或已停用',
    'en-US': 'Service item not found or withdrawn',
  },
  'order.no_provider': {
    'zh-CN': '本辖区暂无签约机构提供该服务项目',
    'en-US': 'No provider is contracted for this item here',
  },
  'order.provider_not_contracted': {
    'zh-CN': '该机构未签约提供此服务项目',
    'en-US': 'This provider is not contracted for this item',
  },
  'order.agreement_required': {
    'zh-CN': '补贴/政府购买的服务须先与机构签订服务协议',
    'en-US': 'A funded service needs a signed service agreement with the provider first',
  },
  'order.start_in_past': { 'zh-CN': '服务时间不能早于现在', 'en-US': 'The visit cannot start in the past' },
  'order.caregiver_not_of_provider': {
    'zh-CN': '该护理员不属于承接机构',
    'en-US': 'This caregiver does not work for the accepting provider',
  },
  'order.caregiver_lacks_credential': {
    'zh-CN': '该护理员缺少有效证书：{kinds}，不能派单',
    'en-US': 'The caregiver lacks a valid credential ({kinds}) and cannot be assigned',
  },
  'order.same_caregiver': {
    'zh-CN': '新护理员与当前护理员相同',
    'en-US': 'The new caregiver is the current one',
  },
  'order.not_offered': {
    'zh-CN': '此工单未派给您的机构',
    'en-US': 'This order was not offered to your organisation',
  },
  'order.not_your_visit': {
    'zh-CN': '只有被指派的护理员可以执行此操作',
    'en-US': 'Only the assigned caregiver may do this',
  },
  'order.cancel_cutoff': {
    'zh-CN': '服务开始前 {hours} 小时内不能自行取消，请联系服务机构或社区',
    'en-US': 'Within {hours} hours of the visit, please ask the provider or community to cancel',
  },
  'order.cancel_note_required': {
    'zh-CN': '工作人员取消须写明说明',
    'en-US': 'Staff must add a note when cancelling',
  },
  'order.already_rated': { 'zh-CN': '该工单已评价', 'en-US': 'This order has already been rated' },
  'order.dispute_window_closed': {
    'zh-CN': '服务结束超过 {days} 天，不能再提出异议',
    'en-US': 'A visit can be disputed only within {days} days',
  },
  'order.plan_elder_inactive': {
    'zh-CN': '该老人档案状态为“{status}”，不能建立周期服务计划',
    'en-US': 'The elder is "{status}"; no recurring plan can be made',
  },
  'order.plan_invalid_state': {
    'zh-CN': '服务计划当前状态为“{status}”，不能执行此操作',
    'en-US': 'The plan is "{status}"; this is not possible now',
  },
};
