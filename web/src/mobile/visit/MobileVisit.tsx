import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Checkbox, Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { VISIT_RISKS, type VisitRisk } from '@yiyang/contracts';
import { formatDateTime } from '../../app/format.ts';
import { MobilePage } from '../MobilePage.tsx';
import { SyncLine } from './MobileVisits.tsx';
import { useVisitDay } from './useVisitDay.ts';
import { act, type VisitAction } from './visitOffline.ts';

/** The phone's position now, if the caregiver allows it (a few seconds at most; none offline is fine). */
function position(): Promise<{ lat: number; lng: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000, maximumAge: 60_000 },
    ),
  );
}

/**
 * One visit on the caregiver's phone: check in (position, or the elder's code), the checklist, observations,
 * the elder's confirmation with their PIN, check out. Every step is queued with its time and works offline.
 */
export default function MobileVisit() {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  const { userId, day, offline, pending, error, refresh } = useVisitDay();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [risks, setRisks] = useState<VisitRisk[]>([]);
  const [busy, setBusy] = useState(false);
  const v = day?.items.find((i) => i.orderId === orderId);

  const run = async (action: VisitAction, body: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      await act(userId, orderId, action, body);
      await refresh();
    } finally {
      setBusy(false);
    }
  };
  const punch = async (action: 'check-in' | 'check-out') => {
    const pos = await position();
    await run(action, { ...(pos ? { position: pos } : {}), ...(code ? { code } : {}) });
  };

  if (!v)
    return (
      <MobilePage title={t('mobile.visits')} backTo="/m/visits">
        <SyncLine offline={offline} pending={pending} error={error} onSync={() => void refresh()} />
      </MobilePage>
    );
  const open = v.status === 'assigned' || v.status === 'en_route';
  const inside = v.status === 'checked_in';
  return (
    <MobilePage title={v.itemName} backTo="/m/visits">
      <SyncLine offline={offline} pending={pending} error={error} onSync={() => void refresh()} />
      <section
        className="yy-m-card"
        aria-label={v.elderNameMasked}
        data-testid="m-visit"
        data-status={v.status}
      >
        <span className="yy-m-card-title">
          {formatDateTime(v.plannedStart)} · {v.elderNameMasked}
        </span>
        <span className="yy-m-card-line" data-testid="m-visit-status">
          {t(`visit.status.${v.status}` as 'visit.status.assigned', { defaultValue: v.status })}
        </span>
        {v.address && (
          <span className="yy-m-card-line">
            {t('visit.address')}: {v.address}
          </span>
        )}
        {v.phone && (
          <span className="yy-m-card-line">
            {t('visit.phone')}: <a href={`tel:${v.phone}`}>{v.phone}</a>
          </span>
        )}
        {v.note && (
          <span className="yy-m-card-line">
            {t('visit.note')}: {v.note}
          </span>
        )}
      </section>

      {open && (
        <section aria-labelledby="m-visit-in">
          <h2 id="m-visit-in" className="yy-m-section-title">
            {t('visit.checkIn')}
          </h2>
          <label className="yy-m-card-line" htmlFor="m-visit-code">
            {t('visit.code')}
          </label>
          <Input id="m-visit-code" value={code} onChange={setCode} inputMode="numeric" maxLength={6} />
          <Button
            block
            size="large"
            color="primary"
            disabled={busy}
            onClick={() => void punch('check-in')}
            data-testid="m-visit-check-in"
          >
            {t('visit.checkIn')}
          </Button>
        </section>
      )}

      {inside && (
        <>
          <section aria-labelledby="m-visit-list">
            <h2 id="m-visit-list" className="yy-m-section-title">
              {t('visit.checklist')}
            </h2>
            <ul className="yy-m-cards" data-testid="m-visit-checklist">
              {v.checklist.map((code) => (
                <li key={code}>
                  <Checkbox
                    checked={v.checklistDone.includes(code)}
                    disabled={busy || v.checklistDone.includes(code)}
                    onChange={() => void run('visit/checklist', { done: [code] })}
                    data-testid={`m-visit-item-${code}`}
                  >
                    {t(`visit.items.${code}` as 'visit.items.task_done', { defaultValue: code })}
                  </Checkbox>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="m-visit-obs">
            <h2 id="m-visit-obs" className="yy-m-section-title">
              {t('visit.observations')}
            </h2>
            <div role="group" aria-label={t('visit.risksFound')}>
              {VISIT_RISKS.map((r) => (
                <Checkbox
                  key={r}
                  checked={risks.includes(r)}
                  onChange={(on) => setRisks(on ? [...risks, r] : risks.filter((x) => x !== r))}
                  data-testid={`m-visit-risk-${r}`}
                >
                  {t(`visit.risks.${r}`)}
                </Checkbox>
              ))}
            </div>
            <Button
              block
              size="large"
              disabled={busy || !risks.length}
              onClick={() => void run('visit/observations', { risks }).then(() => setRisks([]))}
              data-testid="m-visit-observe"
            >
              {t('visit.saveObservation')}
            </Button>
          </section>
          <Button
            block
            size="large"
            color="primary"
            disabled={busy}
            onClick={() => void punch('check-out')}
            data-testid="m-visit-check-out"
          >
            {t('visit.checkOut')}
          </Button>
        </>
      )}

      {v.status === 'checked_out' && (
        <section aria-labelledby="m-visit-confirm">
          <h2 id="m-visit-confirm" className="yy-m-section-title">
            {t('visit.confirm')}
          </h2>
          <label className="yy-m-card-line" htmlFor="m-visit-pin">
            {t('visit.pin')}
          </label>
          <Input
            id="m-visit-pin"
            type="password"
            value={pin}
            onChange={setPin}
            inputMode="numeric"
            maxLength={6}
          />
          <Button
            block
            size="large"
            color="primary"
            disabled={busy || pin.length < 4}
            onClick={() => void run('confirm', { pin }).then(() => setPin(''))}
            data-testid="m-visit-confirm"
          >
            {t('visit.confirmWithPin')}
          </Button>
        </section>
      )}
      {v.status === 'confirmed' && (
        <p className="yy-m-status" role="status" data-testid="m-visit-done">
          {t('visit.done')}
        </p>
      )}
    </MobilePage>
  );
}
