/**
 * Error codes of scope and relationships (decision 010) with their messages; merged into
 * ERROR_MESSAGES (messages.ts).
 */
export const ACCESS_MESSAGES = {
  'user.roles_mixed': {
    'zh-CN': '个人角色（老年人、家属、志愿者）不能与工作人员角色授予同一账号',
    'en-US':
      'Personal roles (elder, family member, volunteer) cannot be combined with staff roles in one account',
  },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;
