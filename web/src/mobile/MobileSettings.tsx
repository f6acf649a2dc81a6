import { useState } from 'react';
import { List, Switch } from 'antd-mobile';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useMe, useSession } from '../app/session.tsx';
import { MobilePage } from './MobilePage.tsx';

/** 设置: holds the 长辈版 entry required by the MIIT APP spec §3.1. */
export default function MobileSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { setElderMode } = useSession();
  const [error, setError] = useState<string | null>(null);
  const on = me.preferences.elderMode;

  const toggle = (next: boolean) => {
    setError(null);
    setElderMode(next).catch((e: unknown) => setError(isApiError(e) ? e.detail : t('common.loadFailed')));
  };

  return (
    <MobilePage title={t('mobile.settings')}>
      {error && (
        <p className="yy-m-error" role="alert">
          {error}
        </p>
      )}
      <List className="yy-m-list">
        <List.Item
          description={<span id="elder-mode-hint">{t('mobile.elderModeHint')}</span>}
          extra={
            <Switch
              checked={on}
              onChange={toggle}
              aria-label="长辈版"
              aria-describedby="elder-mode-hint"
              data-testid="elder-mode-switch"
              className="yy-m-switch"
            />
          }
          arrowIcon={false}
        >
          <span id="elder-mode-label">{t('mobile.elderMode')}</span>
        </List.Item>
        <List.Item
          extra={
            <span className="yy-m-value">{t(`locale.${i18n.language === 'en-US' ? 'en-US' : 'zh-CN'}`)}</span>
          }
        >
          <Link to="/m/language" className="yy-m-row-link">
            {t('mobile.language')}
          </Link>
        </List.Item>
      </List>
      <p className="yy-m-status" aria-live="polite">
        {on ? t('mobile.elderModeOn') : t('mobile.elderModeOff')}
      </p>
    </MobilePage>
  );
}
