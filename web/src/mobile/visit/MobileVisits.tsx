import { Link } from 'react-router';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { MobilePage } from '../MobilePage.tsx';
import { useVisitDay } from './useVisitDay.ts';

/** The caregiver's day (decision 024): today's visits in route order, usable offline. */
export default function MobileVisits() {
  const { t } = useTranslation();
  const { day, offline, pending, error, loaded, refresh } = useVisitDay();
  return (
    <MobilePage title={t('mobile.visits')}>
      <SyncLine offline={offline} pending={pending} error={error} onSync={() => void refresh()} />
      {loaded && !day?.items.length && (
        <p className="yy-m-status" role="status" data-testid="m-visits-empty">
          {t('visit.empty')}
        </p>
      )}
      <ul className="yy-m-cards" data-testid="m-visits">
        {day?.items.map((v) => (
          <li key={v.orderId}>
            <Link
              to={`/m/visits/${v.orderId}`}
              className="yy-m-card"
              data-testid="m-visit-card"
              data-order-id={v.orderId}
            >
              <span className="yy-m-card-title">
                {formatDateTime(v.plannedStart)} {v.itemName}
              </span>
              <span className="yy-m-card-line">
                {t(`visit.status.${v.status}` as 'visit.status.assigned', { defaultValue: v.status })} ·{' '}
                {v.elderNameMasked}
              </span>
              {v.address && <span className="yy-m-card-line">{v.address}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </MobilePage>
  );
}

/** Offline, what is still to send, what the server refused. */
export function SyncLine(p: { offline: boolean; pending: number; error: string | null; onSync: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="yy-m-status" role="status" data-testid="m-visit-sync">
      {p.offline && <span data-testid="m-visit-offline">{t('visit.offline')} </span>}
      <span data-testid="m-visit-pending" data-pending={p.pending}>
        {p.pending ? t('visit.pending', { n: p.pending }) : t('visit.synced')}
      </span>
      {p.error && (
        <span className="yy-m-error" role="alert">
          {' '}
          {t('visit.syncFailed', { detail: p.error })}
        </span>
      )}
      {p.pending > 0 && !p.offline && (
        <Button size="small" onClick={p.onSync} data-testid="m-visit-sync-now">
          {t('visit.syncNow')}
        </Button>
      )}
    </div>
  );
}
