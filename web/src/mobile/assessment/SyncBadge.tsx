import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../modules/assessment/offlineSync.ts';

const ICON: Record<SyncState, string> = {
  synced: '✓',
  pending: '↻',
  offline: '⦸',
  conflict: '!',
  error: '!',
};

/** The online / offline / sync state in words and a symbol (never colour alone, STANDARDS.md §6.1). */
export function SyncBadge({ state, syncing }: { state: SyncState; syncing?: boolean }) {
  const { t } = useTranslation();
  const text = syncing
    ? t('assessment.tablet.syncing')
    : state === 'conflict'
      ? t('assessment.tablet.conflictTitle')
      : state === 'error'
        ? t('assessment.tablet.syncError', { detail: '' })
        : t(`assessment.tablet.${state}`);
  return (
    <span
      className={`yy-m-sync yy-m-sync-${state}`}
      role="status"
      data-testid="m-sync-state"
      data-state={state}
    >
      <span aria-hidden>{ICON[state]}</span> {text}
    </span>
  );
}
