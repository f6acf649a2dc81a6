/** Error codes of the service catalogue, provider contracts and agreements; merged into ERROR_MESSAGES. */
export const SERVICE_MESSAGES = {
  'service.item_not_found': { 'zh-CN': '找不到该服务项目', 'en-US': 'Service item not found' },
  'service.contract_not_found': { 'zh-CN': '找不到该服务合同', 'en-US': 'Provider contract not found' },
  'service.agreement_not_found': { 'zh-CN': '找不到该服务协议', 'en-US': 'Service agreement not found' },
  'service.not_a_district': {
    'zh-CN': '服务清单按区县发布，请选择区县',
    'en-US': 'The catalogue is published per county (district); choose a county',
  },
  'service.sub_item_category': {
    'zh-CN': '“{subItem}”不属于“{category}”类服务',
    'en-US': '"{subItem}" is not a sub-item of "{category}"',
  },
  'service.dates_order': {
    'zh-CN': '截止日期不能早于开始日期',
    'en-US': 'The end date cannot be before the start date',
  },
  'service.photos_never': {
    'zh-CN': '助浴和排泄护理服务一律不得拍照',
    'en-US': 'Photos are never allowed in bathing and toileting care',
  },
  'service.code_taken': {
    'zh-CN': '本区服务清单已有编码为 {code} 的项目',
    'en-US': 'The district catalogue already has an item with code {code}',
  },
  'service.effective_from_required': {
    'zh-CN': '修改价格、收费规则、单位或时长须填写生效日期（将生成新版本，已下的工单保持原价）',
    'en-US':
      'A change of price, pay rules, unit or duration needs an effective date (it makes a new version; existing orders keep their price)',
  },
  'service.effective_from_order': {
    'zh-CN': '生效日期须晚于当前版本的开始日期 {validFrom}',
    'en-US': 'The effective date must be after the current version’s start, {validFrom}',
  },
  'service.not_latest_version': {
    'zh-CN': '只能修改该项目的最新版本',
    'en-US': 'Only the latest version of an item can be changed',
  },
  'service.not_a_provider': {
    'zh-CN': '只有服务机构（类型为服务机构）可以签订服务合同或服务协议',
    'en-US': 'Only provider organisations can hold service contracts and agreements',
  },
  'service.provider_inactive': {
    'zh-CN': '该服务机构已停业或被暂停',
    'en-US': 'This provider is suspended or closed',
  },
  'service.region_not_in_district': {
    'zh-CN': '服务区域须在同一区县内',
    'en-US': 'The regions served must lie in one county (district)',
  },
  'service.item_not_in_district': {
    'zh-CN': '本区服务清单中没有编码为 {code} 的项目',
    'en-US': 'The district catalogue has no item with code {code}',
  },
  'service.item_not_contracted': {
    'zh-CN': '该服务机构在此区域未签约提供“{code}”服务',
    'en-US': 'The provider is not contracted for "{code}" in this area',
  },
  'service.elder_inactive': {
    'zh-CN': '该老人已迁出或已故，不能签订服务协议',
    'en-US': 'The elder has moved out or died; no agreement can be made',
  },
  'service.agreement_state': {
    'zh-CN': '服务协议当前为“{status}”状态，不能执行此操作',
    'en-US': 'The agreement is "{status}"; this cannot be done now',
  },
  'service.contract_terminated': {
    'zh-CN': '该服务合同已终止',
    'en-US': 'The contract has been terminated',
  },
  'service.signer_name_required': {
    'zh-CN': '由监护人或代理人签字时须填写其姓名',
    'en-US': 'Name the guardian or agent who signs',
  },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;
