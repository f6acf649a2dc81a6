import { useTranslation } from 'react-i18next';

/** A plain, dependency-free loading state used while lazy chunks arrive. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center', color: '#404040' }}>
      {t('common.loading')}
    </div>
  );
}
