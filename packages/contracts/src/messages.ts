import { ACCESS_MESSAGES } from './access.messages.ts';
import { ASSESSMENT_MESSAGES } from './assessment.messages.ts';
import { ALARM_MESSAGES } from './alarm.messages.ts';
import { ORDER_MESSAGES } from './order.messages.ts';
import { VISIT_MESSAGES } from './visit.messages.ts';
import { DEVICE_MESSAGES } from './device.ts';
import { FACILITY_MESSAGES } from './facility.ts';
import { HEALTH_MESSAGES } from './health.ts';
import { SERVICE_MESSAGES } from './service.messages.ts';
import { FEEDBACK_MESSAGES } from './feedback.ts';
import type { Locale } from './problem.ts';

/**
 * Error vocabulary shared by server and console. Every error code is an i18n
 * key; `{name}` placeholders are filled from the error's params. Module
 * message tables are merged into ERROR_MESSAGES below.
 */
type MessageTable = Record<string, { 'zh-CN': string; 'en-US': string }>;

const COMMON: MessageTable = {
  'common.validation': {
    'zh-CN': '提交的内容有误，请检查标出的字段',
    'en-US': 'Some fields are invalid; please check them',
  },
  'common.required': { 'zh-CN': '此项为必填项', 'en-US': 'This field is required' },
  'common.invalid_type': {
    'zh-CN': '类型不正确，应为{expected}',
    'en-US': 'Wrong type: expected {expected}',
  },
  // Limits name their unit: characters of a text, items of a list, or the value of a number.
  'common.too_small': { 'zh-CN': '不能小于 {minimum}', 'en-US': 'Must be at least {minimum}' },
  'common.too_big': { 'zh-CN': '不能大于 {maximum}', 'en-US': 'Must be at most {maximum}' },
  'common.too_short': {
    'zh-CN': '至少 {minimum} 个字符',
    'en-US': 'At least {minimum} characters',
  },
  'common.too_long': {
    'zh-CN': '不能超过 {maximum} 个字符',
    'en-US': 'At most {maximum} characters',
  },
  'common.too_few': { 'zh-CN': '至少 {minimum} 项', 'en-US': 'At least {minimum} items' },
  'common.too_many': { 'zh-CN': '最多 {maximum} 项', 'en-US': 'At most {maximum} items' },
  'common.invalid_characters': {
    'zh-CN': '第 {position} 个字符是控制字符或无法识别的字符，请删除后重新填写',
    'en-US': 'Character {position} is a control or unreadable character; remove it',
  },
  'common.reason_too_short': {
    'zh-CN': '请写明理由，至少 {minimum} 个字（空格、标点和不可见字符不计）',
    'en-US':
      'Give a reason of at least {minimum} letters (spaces, punctuation and invisible characters do not count)',
  },
  'common.invalid_format': { 'zh-CN': '格式不正确', 'en-US': 'Invalid format' },
  'common.invalid_value': { 'zh-CN': '取值不在允许范围内', 'en-US': 'Value is not allowed' },
  'common.unknown_field': { 'zh-CN': '不支持的字段：{keys}', 'en-US': 'Unknown field: {keys}' },
  'common.malformed_json': {
    'zh-CN': '请求内容不是有效的 JSON',
    'en-US': 'The request body is not valid JSON',
  },
  'common.unsupported_media_type': { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  'common.invalid_utf8': {
    'zh-CN': '请求内容不是有效的 UTF-8 编码',
    'en-US': 'The request body is not valid UTF-8',
  },
  'common.payload_too_large': { 'zh-CN': '请求内容过大', 'en-US': 'The request body is too large' },
  'common.request_too_large': {
    'zh-CN': '请求的网址或请求头过长，请缩短查询条件',
    'en-US': 'The request URL or headers are too long; shorten the query',
  },
  'common.request_timeout': {
    'zh-CN': '请求超时，请重试',
    'en-US': 'The request timed out; try again',
  },
  'common.bad_request': { 'zh-CN': '请求格式有误', 'en-US': 'The request is malformed' },
  'common.not_found': { 'zh-CN': '找不到请求的资源', 'en-US': 'The requested resource was not found' },
  'common.route_not_found': {
    'zh-CN': '接口不存在：{method} {url}',
    'en-US': 'No such endpoint: {method} {url}',
  },
  'common.method_not_allowed': { 'zh-CN': '不支持该请求方法', 'en-US': 'Method not allowed' },
  'common.rate_limited': {
    'zh-CN': '请求过于频繁，请稍后再试',
    'en-US': 'Too many requests; please try again later',
  },
  'common.internal': {
    'zh-CN': '服务器内部错误，请稍后再试',
    'en-US': 'Internal server error; please try again later',
  },
  'common.unavailable': { 'zh-CN': '服务暂不可用', 'en-US': 'Service unavailable' },
  'common.conflict': {
    'zh-CN': '数据已被修改，请刷新后重试',
    'en-US': 'The data has changed; refresh and try again',
  },
  'common.bad_cursor': { 'zh-CN': '分页游标无效', 'en-US': 'Invalid pagination cursor' },
};

const AUTH: MessageTable = {
  'auth.unauthenticated': { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  'auth.locked': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'auth.address_locked': {
    'zh-CN': '您所在网络的登录失败次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed sign-ins from your network; try again in {minutes} minutes',
  },
  'auth.disabled': { 'zh-CN': '账号已停用', 'en-US': 'This account is disabled' },
  'auth.session_expired': {
    'zh-CN': '登录已过期，请重新登录',
    'en-US': 'Your session has expired; please sign in again',
  },
  'auth.csrf': {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    'en-US': 'Security check failed; reload the page and retry',
  },
  'auth.forbidden': { 'zh-CN': '没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  'auth.out_of_scope': {
    'zh-CN': '超出您的管辖范围',
    'en-US': 'This is outside the region or organisation you are responsible for',
  },
  'auth.weak_password': {
    'zh-CN': '密码至少 10 位，且须包含字母和数字',
    'en-US': 'The password needs at least 10 characters with letters and digits',
  },
  'auth.token_invalid': { 'zh-CN': '访问令牌无效或已撤销', 'en-US': 'The API token is invalid or revoked' },
};

const REGION: MessageTable = {
  'region.invalid_code': { 'zh-CN': '区划代码须为 12 位数字', 'en-US': 'A division code has 12 digits' },
  'region.unknown': { 'zh-CN': '区划代码 {code} 不存在', 'en-US': 'Division code {code} does not exist' },
  'region.county_not_found': {
    'zh-CN': '区划数据中没有县级代码 {code}',
    'en-US': 'County code {code} is not in the division data',
  },
};

const ORGANISATION: MessageTable = {
  'organisation.not_found': { 'zh-CN': '机构不存在', 'en-US': 'Organisation not found' },
  'organisation.duplicate_credit_code': {
    'zh-CN': '统一社会信用代码已被其他机构使用',
    'en-US': 'This unified social credit code is already used',
  },
  'organisation.invalid_credit_code': {
    'zh-CN': '统一社会信用代码格式或校验位不正确',
    'en-US': 'Invalid unified social credit code',
  },
};

const USER: MessageTable = {
  'user.not_found': { 'zh-CN': '用户不存在', 'en-US': 'User not found' },
  'user.duplicate_username': { 'zh-CN': '用户名已存在', 'en-US': 'This username is taken' },
  'user.binding_required': {
    'zh-CN': '用户须绑定一个区划或一个机构',
    'en-US': 'A user must be bound to a region or an organisation',
  },
  'user.invalid_phone': { 'zh-CN': '手机号码格式不正确', 'en-US': 'Invalid mobile phone number' },
  'user.cannot_disable_self': {
    'zh-CN': '不能停用自己的账号',
    'en-US': 'You cannot disable your own account',
  },
  'user.role_not_grantable': {
    'zh-CN': '不能授予比自己更高的权限',
    'en-US': 'You cannot grant permissions you do not hold',
  },
};

/** Identity-document rules of the elder registry (server idNumber.ts emits these codes). */
export const ELDER_ID_MESSAGES = {
  'elder.id_type.invalid': {
    'zh-CN': '不支持的证件类型：{idType}',
    'en-US': 'Unsupported identity document type: {idType}',
  },
  'elder.id_number.required': { 'zh-CN': '请填写证件号码', 'en-US': 'Enter the document number' },
  'elder.id_number.length': {
    'zh-CN': '证件号码位数不对：应为 18 位（旧版身份证 15 位），当前为 {length} 位',
    'en-US': 'The number needs 18 characters (15 for old ID cards); this one has {length}',
  },
  'elder.id_number.charset': {
    'zh-CN': '证件号码第 {position} 位有误：只能是数字，最后一位可以是 X',
    'en-US': 'Character {position} is invalid: only digits, and X as the last character',
  },
  'elder.id_number.address_code': {
    'zh-CN': '身份证号前 6 位地址码 {code} 不存在，请核对',
    'en-US': 'The address code {code} (first 6 digits) does not exist',
  },
  'elder.id_number.prefix': {
    'zh-CN': '该类证件号码应以 {expected} 开头',
    'en-US': 'This kind of document number starts with {expected}',
  },
  'elder.id_number.wrong_type': {
    'zh-CN': '这不是居民身份证号码，请改选证件类型（港澳台居民居住证或外国人永久居留身份证）',
    'en-US': 'This is not a resident ID number; choose the residence permit or permanent residence card type',
  },
  'elder.id_number.format': {
    'zh-CN': '证件号码格式不正确，请核对后重新填写',
    'en-US': 'The document number is not in a valid format',
  },
  'elder.id_number.birth_date': {
    'zh-CN': '身份证号中的出生日期 {value} 不是有效日期，请核对第 7–14 位',
    'en-US': 'The birth date {value} in the ID number (characters 7–14) is not a real date',
  },
  'elder.id_number.birth_date_future': {
    'zh-CN': '身份证号中的出生日期 {birthDate} 晚于今天，请核对第 7–14 位',
    'en-US': 'The birth date {birthDate} in the ID number is in the future',
  },
  'elder.id_number.birth_date_too_early': {
    'zh-CN': '身份证号中的出生日期 {birthDate} 早于 {minimum}，请核对第 7–14 位',
    'en-US': 'The birth date {birthDate} in the ID number is before {minimum}',
  },
  'elder.id_number.checksum': {
    'zh-CN': '身份证号校验位不正确，请逐位核对号码（最后一位可能是 X）',
    'en-US': 'The ID number fails its check digit; check every digit (the last one may be X)',
  },
  'elder.birth_date_mismatch': {
    'zh-CN': '出生日期与证件号码不一致（证件号码显示为 {derived}）',
    'en-US': 'The birth date does not match the document number ({derived})',
  },
  'elder.sex_mismatch': {
    'zh-CN': '性别与证件号码不一致，请核对',
    'en-US': 'The sex does not match the document number',
  },
} as const satisfies MessageTable;

const ELDER: MessageTable = {
  ...ELDER_ID_MESSAGES,
  'elder.not_found': { 'zh-CN': '老年人档案不存在', 'en-US': 'Elder record not found' },
  'elder.duplicate_id_number': {
    'zh-CN': '该证件号码已登记，请勿重复建档',
    'en-US': 'An elder with this document number is already registered',
  },
  'elder.under_age': {
    'zh-CN': '年龄为 {age} 岁，未满 {minimum} 周岁，不能登记为老年人（确需登记请勾选特殊情况并说明理由）',
    'en-US': 'Age {age} is under {minimum}; tick the exception and give a reason to register anyway',
  },
  'elder.birth_date_required': {
    'zh-CN': '该证件不含出生日期，请填写出生日期',
    'en-US': 'This document does not encode a birth date; enter it',
  },
  'elder.sex_required': {
    'zh-CN': '该证件不含性别信息，请选择性别',
    'en-US': 'This document does not encode sex; choose it',
  },
  'elder.birth_date_future': { 'zh-CN': '出生日期不能晚于今天', 'en-US': 'The birth date is in the future' },
  'elder.region_not_village': {
    'zh-CN': '居住地须选到社区或村一级',
    'en-US': 'Choose a community or village as the residence',
  },
  'elder.invalid_phone': {
    'zh-CN': '电话号码格式不正确（手机 11 位，或带区号的固定电话）',
    'en-US': 'Invalid phone number (11-digit mobile or landline with area code)',
  },
  'elder.residence_since_required': {
    'zh-CN': '非本地户籍老人请填写居住起始日期',
    'en-US': 'Enter since when a non-local elder has lived here',
  },
  'elder.date_future': { 'zh-CN': '日期不能晚于今天', 'en-US': 'The date cannot be in the future' },
  'elder.reason_required': {
    'zh-CN': '请填写原因（至少 {minimum} 个字）',
    'en-US': 'Give a reason (at least {minimum} characters)',
  },
  'elder.status_final': {
    'zh-CN': '已登记死亡的老人不能再变更状态',
    'en-US': 'The status of a deceased elder cannot change',
  },
  'elder.status_unchanged': {
    'zh-CN': '状态与当前相同，无需变更',
    'en-US': 'The elder already has this status',
  },
  'elder.reveal_reason_too_short': {
    'zh-CN': '请写明查看理由，至少 {minimum} 个字（空格、标点和不可见字符不计）',
    'en-US':
      'State why you need the full values in at least {minimum} letters (spaces, punctuation and invisible characters do not count)',
  },
  'elder.tag_unknown': { 'zh-CN': '未知的老人类别：{code}', 'en-US': 'Unknown category: {code}' },
  'elder.tag_read_only': {
    'zh-CN': '失能类别由能力评估产生，不能手工修改',
    'en-US': 'Disability categories come from assessments and cannot be edited by hand',
  },
  'elder.tag_derived': {
    'zh-CN': '高龄、独居、空巢、留守类别由年龄和居住情况自动得出，无需手工添加',
    'en-US': 'Age and living-situation categories are derived automatically',
  },
  'elder.tag_validity': {
    'zh-CN': '有效期截止日期不能早于开始日期',
    'en-US': 'The end of validity cannot be before its start',
  },
  'elder.tag_overlap': {
    'zh-CN': '同一类别的有效期不能重叠',
    'en-US': 'Validity periods of the same category overlap',
  },
  'elder.family_not_found': { 'zh-CN': '家属不存在', 'en-US': 'Family member not found' },
  // Import (摸底表) and export.
  'elder.import.unsupported_file': {
    'zh-CN': '只能上传 Excel（.xlsx）或 CSV 文件',
    'en-US': 'Upload an Excel (.xlsx) or CSV file',
  },
  'elder.import.file_required': { 'zh-CN': '请选择要上传的文件', 'en-US': 'Choose a file to upload' },
  'elder.import.file_too_large': {
    'zh-CN': '文件不能超过 {maxMb} MB',
    'en-US': 'The file must not exceed {maxMb} MB',
  },
  'elder.import.job_not_found': { 'zh-CN': '导入任务不存在', 'en-US': 'Import job not found' },
  'elder.import.no_header': {
    'zh-CN': '没有找到表头（需包含“姓名”“证件号码”“所属社区/村代码”列）',
    'en-US': 'No header row found (name, ID number and community code columns are required)',
  },
  'elder.import.unreadable': {
    'zh-CN': '文件无法读取，请确认是模板格式的 Excel 或 CSV 文件',
    'en-US': 'The file cannot be read; use the template as an Excel or CSV file',
  },
  'elder.import.formula': {
    'zh-CN': '单元格不能以 = + - @ 开头或包含公式',
    'en-US': 'Cells must not start with = + - @ or hold a formula',
  },
  'elder.import.invalid_option': {
    'zh-CN': '“{value}”不是可选值之一',
    'en-US': '“{value}” is not one of the allowed values',
  },
  'elder.import.tag_is_living_situation': {
    'zh-CN': '“{value}”是居住情况，不是老人类别：请填在“居住情况”列',
    'en-US':
      '“{value}” is a living situation, not a category: put it in the 居住情况 (living situation) column',
  },
  'elder.import.tag_derived_age': {
    'zh-CN': '“{value}”由出生日期自动得出，无需填写',
    'en-US': '“{value}” follows from the birth date; leave it out',
  },
  'elder.import.tag_from_assessment': {
    'zh-CN': '“{value}”由能力评估得出，不能在导入时填写',
    'en-US': '“{value}” comes from the ability assessment and cannot be imported',
  },
  'elder.import.invalid_date': {
    'zh-CN': '日期格式应为 YYYY-MM-DD',
    'en-US': 'Dates are written YYYY-MM-DD',
  },
  'elder.import.duplicate_in_file': {
    'zh-CN': '与第 {row} 行的证件号码重复',
    'en-US': 'Same document number as row {row}',
  },
  'elder.import.duplicate_skipped': {
    'zh-CN': '该证件号码已登记，已跳过',
    'en-US': 'Already registered; skipped',
  },
  'elder.import.duplicate_out_of_scope': {
    'zh-CN': '该证件号码已在其他辖区登记，不能更新',
    'en-US': 'Registered in another area; it cannot be updated from here',
  },
  'elder.import.out_of_region': {
    'zh-CN': '所属社区/村不在本次导入的范围内',
    'en-US': 'The community is outside the area of this import',
  },
  'elder.import.write_failed': {
    'zh-CN': '该行保存失败，请重试',
    'en-US': 'This row could not be saved; try again',
  },
  'elder.import.interrupted': {
    'zh-CN': '导入任务中断，请重新上传',
    'en-US': 'The import was interrupted; upload the file again',
  },
  'elder.import.too_many_rows': {
    'zh-CN': '文件超过 {maxRows} 行，未导入；请分成几个文件导入',
    'en-US': 'The file has more than {maxRows} rows and was not imported; split it into several files',
  },
  'elder.import.cell_too_long': {
    'zh-CN': '文件中有单元格超过 {maxCellChars} 个字符，未导入',
    'en-US': 'A cell of the file is longer than {maxCellChars} characters; the file was not imported',
  },
  'elder.import.unzipped_too_large': {
    'zh-CN': 'Excel 文件解压后超过 {maxUnzippedMb} MB，未导入；请分成几个文件，或另存为 CSV 后导入',
    'en-US':
      'The Excel file unpacks to more than {maxUnzippedMb} MB and was not imported; split it, or save it as CSV',
  },
  'elder.import.bad_encoding': {
    'zh-CN': '文件中有无法识别的文字编码，未导入；请用 Excel 另存为 .xlsx 或“CSV UTF-8”文件后重新上传',
    'en-US':
      'The file holds text in an unknown encoding and was not imported; save it from Excel as .xlsx or “CSV UTF-8” and upload it again',
  },
};

const STAFF: MessageTable = {
  'staff.certificate_dates': {
    'zh-CN': '有效期截止日期不能早于发证日期',
    'en-US': 'The expiry date cannot be before the issue date',
  },
  'staff.certificate_not_found': { 'zh-CN': '找不到该证书', 'en-US': 'Certificate not found' },
  'staff.level_required': {
    'zh-CN': '养老护理员证书须填写职业技能等级（一至五级）',
    'en-US': 'A caregiver certificate needs its skill level (1–5)',
  },
  'staff.level_not_applicable': {
    'zh-CN': '只有养老护理员证书有职业技能等级',
    'en-US': 'Only caregiver certificates have a skill level',
  },
  'staff.training_dates': {
    'zh-CN': '培训结束日期不能早于开始日期',
    'en-US': 'The training cannot end before it starts',
  },
  'staff.training_not_found': { 'zh-CN': '找不到该培训记录', 'en-US': 'Training record not found' },
  'staff.shift_times': {
    'zh-CN': '班次结束时间须晚于开始时间（不跨零点）',
    'en-US': 'A shift must end after it starts (not across midnight)',
  },
  'staff.shift_overlap': {
    'zh-CN': '该班次与同一天已有的班次重叠',
    'en-US': 'The shift overlaps another shift on the same day',
  },
  'staff.shift_not_found': { 'zh-CN': '找不到该班次', 'en-US': 'Shift not found' },
  'staff.leave_dates': {
    'zh-CN': '请假结束日期不能早于开始日期',
    'en-US': 'The leave cannot end before it starts',
  },
  'staff.leave_not_found': { 'zh-CN': '找不到该请假记录', 'en-US': 'Leave not found' },
};

const AUDIT: MessageTable = {
  'audit.chain_broken': {
    'zh-CN': '审计日志链在第 {id} 条断开',
    'en-US': 'The audit chain breaks at entry {id}',
  },
  'audit.anchor_broken': {
    'zh-CN': '审计日志锚点第 {id} 条被改动或删除',
    'en-US': 'Audit anchor {id} was altered or deleted',
  },
};

export const ERROR_MESSAGES: MessageTable = {
  ...COMMON,
  ...AUTH,
  ...REGION,
  ...ORGANISATION,
  ...USER,
  ...ELDER,
  ...ASSESSMENT_MESSAGES,
  ...ACCESS_MESSAGES,
  ...STAFF,
  ...ORDER_MESSAGES,
  ...DEVICE_MESSAGES,
  ...FACILITY_MESSAGES,
  ...HEALTH_MESSAGES,
  ...ALARM_MESSAGES,
  ...VISIT_MESSAGES,
  ...SERVICE_MESSAGES,
  ...FEEDBACK_MESSAGES,
  ...AUDIT,
};

/**
 * A text in each language, for a message param the reader must see in their own language
 * (an option's text, an item's name) rather than an internal code.
 */
export type LocalizedText = { readonly [L in Locale]: string };

export const localized = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

/** The option text as quoted in a sentence: “无” / "No". */
export const quoted = (zh: string, en: string): LocalizedText => localized(`“${zh}”`, `"${en}"`);

export function isLocalizedText(v: unknown): v is LocalizedText {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Record<string, unknown>)['zh-CN'] === 'string' &&
    typeof (v as Record<string, unknown>)['en-US'] === 'string'
  );
}

/** A param as text: a localized text in the reader's language, a list joined the way each language lists things. */
function paramText(v: unknown, locale: Locale): string {
  if (Array.isArray(v)) return v.map((x) => paramText(x, locale)).join(locale === 'zh-CN' ? '、' : ', ');
  if (isLocalizedText(v)) return v[locale];
  return String(v);
}

/** Renders an error code with params; unknown codes fall back to the code itself. */
export function formatMessage(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const template = ERROR_MESSAGES[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    return v === undefined || v === null ? `{${key}}` : paramText(v, locale);
  });
}

/** Problem titles by HTTP status. */
export const STATUS_TITLES: Record<number, { 'zh-CN': string; 'en-US': string }> = {
  400: { 'zh-CN': '请求有误', 'en-US': 'Bad request' },
  401: { 'zh-CN': '未登录', 'en-US': 'Unauthorized' },
  403: { 'zh-CN': '禁止访问', 'en-US': 'Forbidden' },
  404: { 'zh-CN': '未找到', 'en-US': 'Not found' },
  405: { 'zh-CN': '方法不允许', 'en-US': 'Method not allowed' },
  408: { 'zh-CN': '请求超时', 'en-US': 'Request timeout' },
  409: { 'zh-CN': '冲突', 'en-US': 'Conflict' },
  413: { 'zh-CN': '内容过大', 'en-US': 'Payload too large' },
  415: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported media type' },
  422: { 'zh-CN': '无法处理', 'en-US': 'Unprocessable content' },
  429: { 'zh-CN': '请求过多', 'en-US': 'Too many requests' },
  431: { 'zh-CN': '请求头过大', 'en-US': 'Request header fields too large' },
  500: { 'zh-CN': '服务器错误', 'en-US': 'Internal server error' },
  503: { 'zh-CN': '服务不可用', 'en-US': 'Service unavailable' },
};
