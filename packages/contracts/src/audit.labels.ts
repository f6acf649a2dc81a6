/**
 * What the audit log shows instead of its codes (issue 13 item 1): every action and entity type written by
 * `uow.audit()` anywhere in the server, in both locales. One line per code: a module that audits a new
 * action adds it here (server/src/modules/audit/audit.labels.test.ts finds the actions in the code and
 * fails on one without a label).
 */
import type { Locale } from './problem.ts';

type Label = Readonly<Record<Locale, string>>;

export const AUDIT_ACTION_LABELS: Readonly<Record<string, Label>> = {
  'auth.login': { 'zh-CN': '登录', 'en-US': 'Signed in' },
  'auth.logout': { 'zh-CN': '退出登录', 'en-US': 'Signed out' },
  'auth.login_failed': { 'zh-CN': '登录失败', 'en-US': 'Failed sign-in' },
  'auth.locked': { 'zh-CN': '账号因多次登录失败被锁定', 'en-US': 'Account locked after failed sign-ins' },
  'auth.address_locked': {
    'zh-CN': '地址因多次登录失败被暂停登录',
    'en-US': 'Address paused after failed sign-ins',
  },
  'user.create': { 'zh-CN': '新建用户', 'en-US': 'Created a user' },
  'user.update': { 'zh-CN': '修改用户', 'en-US': 'Edited a user' },
  'user.password_reset': { 'zh-CN': '重置密码', 'en-US': 'Reset a password' },
  'user.revoke_sessions': { 'zh-CN': '强制下线', 'en-US': 'Signed a user out everywhere' },
  'api_token.create': { 'zh-CN': '创建接口令牌', 'en-US': 'Created an API token' },
  'api_token.revoke': { 'zh-CN': '吊销接口令牌', 'en-US': 'Revoked an API token' },
  'organisation.create': { 'zh-CN': '新建机构', 'en-US': 'Created an organisation' },
  'organisation.update': { 'zh-CN': '修改机构', 'en-US': 'Edited an organisation' },
  'region.import': { 'zh-CN': '导入行政区划', 'en-US': 'Imported administrative divisions' },
  'elder.create': { 'zh-CN': '登记老年人', 'en-US': 'Registered an elder' },
  'elder.update': { 'zh-CN': '修改老年人信息', 'en-US': "Edited an elder's record" },
  'elder.status_change': { 'zh-CN': '变更老年人状态', 'en-US': "Changed an elder's status" },
  'elder.tags_change': { 'zh-CN': '修改类别标签', 'en-US': "Changed an elder's categories" },
  'elder.family_change': { 'zh-CN': '修改家庭成员', 'en-US': "Changed an elder's family members" },
  'elder.view_sensitive': { 'zh-CN': '查看敏感信息', 'en-US': 'Viewed sensitive information' },
  'elder.export': { 'zh-CN': '导出老年人名单', 'en-US': 'Exported the elder list' },
  'elder.import': { 'zh-CN': '导入摸底表', 'en-US': 'Imported a survey sheet' },
  'assessment.apply': { 'zh-CN': '申请能力评估', 'en-US': 'Applied for an assessment' },
  'assessment.assign': { 'zh-CN': '指派评估员', 'en-US': 'Assigned assessors' },
  'assessment.prefill': { 'zh-CN': '预填评估基本信息', 'en-US': 'Prefilled an assessment' },
  'assessment.save_form': { 'zh-CN': '保存评估表', 'en-US': 'Saved an assessment form' },
  'assessment.submit': { 'zh-CN': '提交评估', 'en-US': 'Submitted an assessment' },
  'assessment.sign': { 'zh-CN': '签名确认评估', 'en-US': 'Signed an assessment' },
  'assessment.publish': { 'zh-CN': '发布评估结果', 'en-US': 'Published an assessment result' },
  'assessment.dispute': { 'zh-CN': '对评估结果提出异议', 'en-US': 'Disputed an assessment result' },
  'assessment.cancel': { 'zh-CN': '取消评估', 'en-US': 'Cancelled an assessment' },
  'assessment.report': { 'zh-CN': '下载评估报告', 'en-US': 'Downloaded an assessment report' },
  'staff.certificate_add': { 'zh-CN': '登记从业证书', 'en-US': 'Added a certificate' },
  'staff.certificate_remove': { 'zh-CN': '撤销从业证书', 'en-US': 'Revoked a certificate' },
  'staff.training_add': { 'zh-CN': '登记培训记录', 'en-US': 'Added a training record' },
  'staff.training_remove': { 'zh-CN': '删除培训记录', 'en-US': 'Removed a training record' },
  'staff.shift_add': { 'zh-CN': '添加排班', 'en-US': 'Added a shift' },
  'staff.shift_remove': { 'zh-CN': '删除排班', 'en-US': 'Removed a shift' },
  'staff.leave_add': { 'zh-CN': '登记请假', 'en-US': 'Recorded leave' },
  'staff.leave_remove': { 'zh-CN': '删除请假', 'en-US': 'Removed leave' },
  'staff.base_set': { 'zh-CN': '设置服务站点位置', 'en-US': 'Set a work base' },
  'service.item_create': { 'zh-CN': '新增服务项目', 'en-US': 'Added a service item' },
  'service.item_update': { 'zh-CN': '修改服务项目', 'en-US': 'Edited a service item' },
  'service.item_version': {
    'zh-CN': '服务项目调价（新版本）',
    'en-US': 'Repriced a service item (new version)',
  },
  'service.contract_create': { 'zh-CN': '新建服务合同', 'en-US': 'Created a provider contract' },
  'service.contract_update': { 'zh-CN': '修改服务合同', 'en-US': 'Edited a provider contract' },
  'service.contract_terminate': { 'zh-CN': '终止服务合同', 'en-US': 'Terminated a provider contract' },
  'service.agreement_create': { 'zh-CN': '起草服务协议', 'en-US': 'Drafted a service agreement' },
  'service.agreement_update': { 'zh-CN': '修改服务协议', 'en-US': 'Edited a service agreement' },
  'service.agreement_sign': { 'zh-CN': '签订服务协议', 'en-US': 'Signed a service agreement' },
  'service.agreement_end': { 'zh-CN': '终止服务协议', 'en-US': 'Ended a service agreement' },
  'service.agreement_print': { 'zh-CN': '打印服务协议', 'en-US': 'Printed a service agreement' },
  'order.create': { 'zh-CN': '下单', 'en-US': 'Placed an order' },
  'order.accept': { 'zh-CN': '接单', 'en-US': 'Accepted an order' },
  'order.reject': { 'zh-CN': '拒单', 'en-US': 'Rejected an order' },
  'order.assign': { 'zh-CN': '派单', 'en-US': 'Assigned a caregiver' },
  'order.reassign': { 'zh-CN': '改派', 'en-US': 'Reassigned an order' },
  'order.depart': { 'zh-CN': '护理员出发', 'en-US': 'Caregiver set off' },
  'order.check_in': { 'zh-CN': '上门签到', 'en-US': 'Checked in' },
  'order.check_out': { 'zh-CN': '服务签退', 'en-US': 'Checked out' },
  'order.confirm': { 'zh-CN': '确认服务', 'en-US': 'Confirmed a visit' },
  'order.rate': { 'zh-CN': '评价服务', 'en-US': 'Rated a visit' },
  'order.cancel': { 'zh-CN': '取消工单', 'en-US': 'Cancelled an order' },
  'order.no_show': { 'zh-CN': '上门未遇', 'en-US': 'Recorded a no-show' },
  'order.dispute': { 'zh-CN': '对服务提出异议', 'en-US': 'Disputed a visit' },
  'order.escalate': { 'zh-CN': '工单超时升级', 'en-US': 'Escalated an unaccepted order' },
  'order_plan.create': { 'zh-CN': '新建周期服务计划', 'en-US': 'Created a recurring plan' },
  'order_plan.status': { 'zh-CN': '变更周期服务计划状态', 'en-US': "Changed a recurring plan's status" },
  'device.create': { 'zh-CN': '登记设备', 'en-US': 'Registered a device' },
  'device.update': { 'zh-CN': '修改设备信息', 'en-US': 'Edited a device' },
  'device.bind': { 'zh-CN': '设备绑定老人', 'en-US': 'Bound a device to an elder' },
  'device.unbind': { 'zh-CN': '设备解除绑定', 'en-US': 'Unbound a device from an elder' },
  'device.import': { 'zh-CN': '批量导入设备', 'en-US': 'Imported devices' },
  'device.credentials': { 'zh-CN': '生成设备接入凭据', 'en-US': 'Issued device credentials' },
  'device.vendor_key': { 'zh-CN': '生成厂商接入密钥', 'en-US': 'Issued a vendor ingest key' },
  'alarm.open': { 'zh-CN': '紧急呼叫接入', 'en-US': 'An alarm opened' },
  'alarm.acknowledge': { 'zh-CN': '坐席认领警情', 'en-US': 'Claimed an alarm' },
  'alarm.dispatch': { 'zh-CN': '派遣响应人员', 'en-US': 'Dispatched help to an alarm' },
  'alarm.accept': { 'zh-CN': '响应人员接警', 'en-US': 'A responder accepted an alarm' },
  'alarm.arrive': { 'zh-CN': '响应人员到场', 'en-US': 'A responder arrived' },
  'alarm.close': { 'zh-CN': '警情结案', 'en-US': 'Closed an alarm' },
  'alarm.note': { 'zh-CN': '记录通话', 'en-US': 'Added a call note' },
  'alarm.escalate': { 'zh-CN': '警情升级', 'en-US': 'Escalated an alarm' },
  'alarm.duty_on': { 'zh-CN': '上岗值班', 'en-US': 'Signed on duty' },
  'alarm.duty_off': { 'zh-CN': '下岗', 'en-US': 'Signed off duty' },
  'alarm.shift_create': { 'zh-CN': '排班', 'en-US': 'Scheduled a duty shift' },
  'alarm.responder_set': { 'zh-CN': '登记响应人员', 'en-US': 'Registered a responder' },
  'seed.demo': { 'zh-CN': '初始化演示数据', 'en-US': 'Seeded the demo district' },
  'seed.elders': { 'zh-CN': '生成演示老年人', 'en-US': 'Seeded demo elders' },
  'seed.relations': { 'zh-CN': '生成演示亲属关系', 'en-US': 'Seeded demo relations' },
};

export const AUDIT_ENTITY_LABELS: Readonly<Record<string, Label>> = {
  user: { 'zh-CN': '用户', 'en-US': 'User' },
  organisation: { 'zh-CN': '机构', 'en-US': 'Organisation' },
  region: { 'zh-CN': '行政区划', 'en-US': 'Division' },
  elder: { 'zh-CN': '老年人', 'en-US': 'Elder' },
  elder_import_job: { 'zh-CN': '摸底表导入任务', 'en-US': 'Survey import' },
  assessment: { 'zh-CN': '能力评估', 'en-US': 'Assessment' },
  service_catalogue: { 'zh-CN': '服务清单', 'en-US': 'Service catalogue' },
  service_item: { 'zh-CN': '服务项目', 'en-US': 'Service item' },
  provider_contract: { 'zh-CN': '服务合同', 'en-US': 'Provider contract' },
  service_agreement: { 'zh-CN': '服务协议', 'en-US': 'Service agreement' },
  order: { 'zh-CN': '服务工单', 'en-US': 'Service order' },
  order_plan: { 'zh-CN': '周期服务计划', 'en-US': 'Recurring plan' },
  device: { 'zh-CN': '智能设备', 'en-US': 'Device' },
  device_vendor: { 'zh-CN': '设备厂商', 'en-US': 'Device vendor' },
  alarm: { 'zh-CN': '紧急呼叫', 'en-US': 'Alarm' },
  alarm_duty_shift: { 'zh-CN': '值班', 'en-US': 'Duty shift' },
  alarm_responder: { 'zh-CN': '响应人员', 'en-US': 'Responder' },
  deployment: { 'zh-CN': '系统', 'en-US': 'System' },
};

/**
 * The label of an audit code in `locale`; a code nobody labelled yet (an older entry, a module merged
 * without its line) reads as its module's part in words where known, never as a bare code.
 */
export function auditLabel(table: 'action' | 'entity', code: string, locale: Locale): string {
  const t = table === 'action' ? AUDIT_ACTION_LABELS : AUDIT_ENTITY_LABELS;
  const hit = t[code]?.[locale];
  if (hit) return hit;
  const unknown = locale === 'zh-CN' ? '其他操作' : 'Other action';
  return table === 'action' ? `${unknown} (${code})` : code.replace(/_/g, ' ');
}
