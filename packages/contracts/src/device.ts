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

export const DEVICE_MESSAGES = {
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
