import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import './console.css';

/**
 * Colours chosen for ≥ 4.5:1 contrast on white (STANDARDS.md §6.1 §1.3):
 * antd's default blue (#1677ff, 3.9:1) and 45 % grey secondary text fail it.
 */
export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0a6b5a',
    colorLink: '#0a6b5a',
    colorInfo: '#0a6b5a',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#c4001a',
    colorSuccess: '#2e7d32',
    colorWarning: '#a35200',
    // antd derives the light tints from the base colour; for these dark bases the
    // derived tints come out grey, so they are given explicitly.
    colorPrimaryBg: '#e3f2ee',
    colorPrimaryBgHover: '#cde8e0',
    colorInfoBg: '#e3f2ee',
    colorInfoBorder: '#9fd0c3',
    colorSuccessBg: '#edf7ed',
    colorSuccessBorder: '#a5d6a7',
    colorWarningBg: '#fff4e5',
    colorWarningBorder: '#f5c98b',
    colorErrorBg: '#fff0f0',
    colorErrorBorder: '#f3b5b2',
    fontSize: 14,
    borderRadius: 6,
  },
  components: {
    Menu: {
      itemSelectedBg: '#e3f2ee',
      itemSelectedColor: '#0a6b5a',
      itemActiveBg: '#d3ebe4',
      itemHoverBg: 'rgba(0, 0, 0, 0.04)',
    },
  },
};

/** Whether the user asked the system for less motion (checked once: a change applies on the next load). */
const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
// Motion off for users who ask for less (STANDARDS.md §6, elder-friendly UI): dialogs and drawers appear
// at once instead of zooming or sliding, so nothing moves under a pointer that is about to click.
const theme: ThemeConfig = reducedMotion
  ? { ...consoleTheme, token: { ...consoleTheme.token, motion: false } }
  : consoleTheme;

export function ConsoleProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  // The date pickers' month and weekday names follow the UI language too.
  dayjs.locale(i18n.language === 'en-US' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
