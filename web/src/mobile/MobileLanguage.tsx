import { useTranslation } from 'react-i18next';
import { CheckOutlined } from '@ant-design/icons';
import { LOCALES } from '@yiyang/contracts';
import { useSession } from '../app/session.tsx';
import { MobilePage } from './MobilePage.tsx';

/** Big radio-style buttons, one per language. */
export function LocalePicker({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSession();
  return (
    <div
      role="radiogroup"
      aria-label={t('common.language')}
      className={compact ? 'yy-m-locales yy-m-locales-compact' : 'yy-m-locales'}
      data-testid="language-switch"
    >
      {LOCALES.map((l) => {
        const checked = i18n.language === l;
        return (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={checked}
            lang={l}
            className="yy-m-locale"
            onClick={() => void setLocale(l).catch(() => undefined)}
            data-testid={`locale-${l}`}
          >
            <span>{t(`locale.${l}`)}</span>
            {checked && <CheckOutlined aria-hidden />}
          </button>
        );
      })}
    </div>
  );
}

export default function MobileLanguage() {
  const { t } = useTranslation();
  return (
    <MobilePage title={t('mobile.language')}>
      <LocalePicker />
    </MobilePage>
  );
}
