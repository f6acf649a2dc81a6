import { Select } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { isLocale } from '../../i18n/index.ts';

/** Language picker; saved on the device before sign-in and to the user's preferences after. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSession();
  return (
    <Select<Locale>
      data-testid="language-switch"
      aria-label={t('common.language')}
      size={size}
      value={isLocale(i18n.language) ? i18n.language : 'zh-CN'}
      onChange={(v) => void setLocale(v).catch(() => undefined)}
      prefix={<GlobalOutlined aria-hidden />}
      popupMatchSelectWidth={false}
      variant="outlined"
      options={LOCALES.map((l) => ({ value: l, label: t(`locale.${l}`), lang: l }))}
      style={{ minWidth: 124 }}
    />
  );
}
