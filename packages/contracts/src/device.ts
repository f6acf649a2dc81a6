/**
 * Devices (PRODUCT.md §4.6, issue 16 item 1–2): the registry's stable codes and the ingest vocabulary.
 * Topics: `yiyang/v1/devices/{deviceId}/{event|telemetry|heartbeat}` (JSON, QoS 1).
 */

/** Device types (devices.type). */
export const DEVICE_TYPES = [
  'button', // 一键呼叫按钮
  'watch', // 智能手表/手环 (SOS, fall, location, heart rate)
  'radar', // 跌倒/离床雷达
  'smoke',
  'gas',
  'water',
  'door',
  'vital', // 体征检测仪
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export const DEVICE_TYPE_LABELS: Record<DeviceType, { zh: string; en: string }> = {
  button: { zh: '一键呼叫按钮', en: 'Call button' },
  watch: { zh: '智能手表/手环', en: 'Watch / bracelet' },
  radar: { zh: '跌倒/离床雷达', en: 'Fall / bed-exit radar' },
  smoke: { zh: '烟感报警器', en: 'Smoke detector' },
  gas: { zh: '燃气报警器', en: 'Gas detector' },
  water: { zh: '水浸传感器', en: 'Water sensor' },
  door: { zh: '门磁', en: 'Door sensor' },
  vital: { zh: '体征检测仪', en: 'Vital-sign instrument' },
};

export const DEVICE_STATUSES = ['active', 'inactive', 'retired'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** The three MQTT channels of a device. */
export const DEVICE_CHANNELS = ['event', 'telemetry', 'heartbeat'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

/** Event kinds a device reports that open an alarm (the alarm module's AlarmKind). */
export const DEVICE_ALARM_KINDS = [
  'sos',
  'fall',
  'smoke',
  'gas',
  'water',
  'door',
  'bed_exit',
  'vital',
  'other',
] as const;
export type DeviceAlarmKind = (typeof DEVICE_ALARM_KINDS)[number];

/** What became of a received message (device_messages.outcome). */
export const DEVICE_MESSAGE_OUTCOMES = ['stored', 'alarm', 'malformed'] as const;
export type DeviceMessageOutcome = (typeof DEVICE_MESSAGE_OUTCOMES)[number];

/**
 * Power events on the `event` channel (decision 029): not alarms. `mains_fail` (alias `power_off`): the device
 * lost mains power and runs on its battery; `mains_ok` (alias `power_on`): mains power is back.
 */
export const DEVICE_POWER_EVENTS = {
  mains_fail: 'fail',
  power_off: 'fail',
  mains_ok: 'ok',
  power_on: 'ok',
} as const;

/** A device's health on the list: online, offline (past last seen + 2 × heartbeat + 60 s), never heard. */
export const DEVICE_HEALTH_STATES = ['online', 'offline', 'unknown'] as const;
export type DeviceHealthState = (typeof DEVICE_HEALTH_STATES)[number];

/** Device health tasks (设备任务): offline (离线), low battery (低电量), mains failure (市电中断). */
export const DEVICE_TASK_KINDS = ['offline', 'low_battery', 'mains_fail'] as const;
export type DeviceTaskKind = (typeof DEVICE_TASK_KINDS)[number];

/** What closed a task: a message from the device, a verified visit, a person (with a note), the battery. */
export const DEVICE_TASK_CLOSERS = ['heartbeat', 'visit', 'manual', 'battery', 'mains'] as const;
export type DeviceTaskCloser = (typeof DEVICE_TASK_CLOSERS)[number];

/** The cause of an area event (区域事件): a power cut, a network cut, not known. */
export const AREA_EVENT_CAUSES = ['power', 'network', 'unknown'] as const;
export type AreaEventCause = (typeof AREA_EVENT_CAUSES)[number];

/** A welfare call's outcome (关怀回访): well, no answer, needs help (opens an alarm). */
export const WELFARE_OUTCOMES = ['ok', 'no_answer', 'needs_help'] as const;
export type WelfareOutcome = (typeof WELFARE_OUTCOMES)[number];

export const DEVICE_MESSAGES = {
  'device.maintainer_not_found': {
    'zh-CN': '维护机构不存在',
    'en-US': 'The maintaining organisation does not exist',
  },
  'device.task_not_found': { 'zh-CN': '设备任务不存在', 'en-US': 'Device task not found' },
  'device.task_closed': { 'zh-CN': '该任务已关闭', 'en-US': 'The task is already closed' },
  'device.area_event_not_found': { 'zh-CN': '区域事件不存在', 'en-US': 'Area event not found' },
  'device.area_event_closed': { 'zh-CN': '该区域事件已结束', 'en-US': 'The area event has already ended' },
  'device.not_affected': {
    'zh-CN': '该老人不在此区域事件的回访名单中',
    'en-US': "The elder is not on this area event's welfare-call list",
  },
  'device.not_found': { 'zh-CN': '设备不存在', 'en-US': 'Device not found' },
  'device.serial_taken': {
    'zh-CN': '该厂商下已有序列号为“{serial}”的设备',
    'en-US': 'The vendor already has a device with serial "{serial}"',
  },
  'device.elder_out_of_scope': {
    'zh-CN': '老人不存在或不在您的辖区',
    'en-US': 'The elder does not exist or is outside your area',
  },
  'device.region_out_of_scope': {
    'zh-CN': '安装地址所在社区不在您的辖区',
    'en-US': "The installation address's community is outside your area",
  },
  'device.not_bound': { 'zh-CN': '设备未绑定该老人', 'en-US': 'The device is not bound to this elder' },
  'device.import_unreadable': {
    'zh-CN': '无法读取该文件（请上传 xlsx 或 csv）',
    'en-US': 'The file could not be read (upload xlsx or csv)',
  },
  'device.import_missing_column': {
    'zh-CN': '缺少列“{column}”',
    'en-US': 'Column "{column}" is missing',
  },
  'device.vendor_not_found': { 'zh-CN': '设备厂商不存在', 'en-US': 'Device vendor not found' },
  'device.bad_signature': {
    'zh-CN': '签名无效',
    'en-US': 'The signature is not valid',
  },
  'device.stale_timestamp': {
    'zh-CN': '时间戳超出 5 分钟的有效期',
    'en-US': 'The timestamp is outside the 5-minute window',
  },
  'device.malformed_payload': {
    'zh-CN': '消息格式错误：{reason}',
    'en-US': 'Malformed message: {reason}',
  },
  'device.rate_limited': {
    'zh-CN': '该厂商请求过于频繁，请稍后重试',
    'en-US': 'Too many requests from this vendor; retry later',
  },
} as const;
