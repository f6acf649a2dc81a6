import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@yiyang/contracts';
import zhCN from './zh-CN.ts';
import enUS from './en-US.ts';
import { setApiLocale, setFallbackMessages } from '../api/client.ts';

const STORAGE_KEY = 'yiyang.locale';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The locale chosen before sign-in (localStorage), else the browser's, else zh-CN. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  return DEFAULT_LOCALE;
}

function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  setApiLocale(locale);
}

const start = initialLocale();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: start,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyLocale(start);
setFallbackMessages((kind, status) =>
  kind === 'network'
    ? i18n.t('common.networkError')
    : i18n.t('common.unexpectedError', { status: status ?? '' }),
);
i18n.on('languageChanged', (lng) => {
  if (isLocale(lng)) applyLocale(lng);
});

/** Switches the UI language and remembers it on this device. */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore
  }
  await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export default i18n;
