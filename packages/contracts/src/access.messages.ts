/**
 * Error codes of scope, relationships and replayed commands (decision 010) with their messages; merged into
 * ERROR_MESSAGES (messages.ts).
 */
export const ACCESS_MESSAGES = {
  'idempotency.key_reused': {
    'zh-CN': '该幂等键已用于另一个请求，请为新的操作生成新的键',
    'en-US': 'This Idempotency-Key was used for a different request; use a new key for a new command',
  },
  'user.roles_mixed': {
    'zh-CN': '个人角色（老年人、家属、志愿者）不能与工作人员角色授予同一账号',
    'en-US':
      'Personal roles (elder, family member, volunteer) cannot be combined with staff roles in one account',
  },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;
