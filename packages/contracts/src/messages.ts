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
  'common.too_small': { 'zh-CN': '不能少于{minimum}', 'en-US': 'Must be at least {minimum}' },
  'common.too_big': { 'zh-CN': '不能超过{maximum}', 'en-US': 'Must be at most {maximum}' },
  'common.invalid_format': { 'zh-CN': '格式不正确', 'en-US': 'Invalid format' },
  'common.invalid_value': { 'zh-CN': '取值不在允许范围内', 'en-US': 'Value is not allowed' },
  'common.unknown_field': { 'zh-CN': '不支持的字段：{keys}', 'en-US': 'Unknown field: {keys}' },
  'common.malformed_json': {
    'zh-CN': '请求内容不是有效的 JSON',
    'en-US': 'The request body is not valid JSON',
  },
  'common.unsupported_media_type': { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  'common.payload_too_large': { 'zh-CN': '请求内容过大', 'en-US': 'The request body is too large' },
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

const AUDIT: MessageTable = {
  'audit.chain_broken': {
    'zh-CN': '审计日志链在第 {id} 条断开',
    'en-US': 'The audit chain breaks at entry {id}',
  },
};

export const ERROR_MESSAGES: MessageTable = {
  ...COMMON,
  ...AUTH,
  ...REGION,
  ...ORGANISATION,
  ...USER,
  ...AUDIT,
};

/** Renders an error code with params; unknown codes fall back to the code itself. */
export function formatMessage(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const template = ERROR_MESSAGES[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    return v === undefined || v === null ? `{${key}}` : String(v);
  });
}

/** Problem titles by HTTP status. */
export const STATUS_TITLES: Record<number, { 'zh-CN': string; 'en-US': string }> = {
  400: { 'zh-CN': '请求有误', 'en-US': 'Bad request' },
  401: { 'zh-CN': '未登录', 'en-US': 'Unauthorized' },
  403: { 'zh-CN': '禁止访问', 'en-US': 'Forbidden' },
  404: { 'zh-CN': '未找到', 'en-US': 'Not found' },
  405: { 'zh-CN': '方法不允许', 'en-US': 'Method not allowed' },
  409: { 'zh-CN': '冲突', 'en-US': 'Conflict' },
  413: { 'zh-CN': '内容过大', 'en-US': 'Payload too large' },
  415: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported media type' },
  422: { 'zh-CN': '无法处理', 'en-US': 'Unprocessable content' },
  429: { 'zh-CN': '请求过多', 'en-US': 'Too many requests' },
  500: { 'zh-CN': '服务器错误', 'en-US': 'Internal server error' },
  503: { 'zh-CN': '服务不可用', 'en-US': 'Service unavailable' },
};
