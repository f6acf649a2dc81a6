import type { Messages } from './zh-CN.ts';

// Typed translation keys: `t('nav.hom')` fails tsc.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
