import { useState } from 'react';
import { Button } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { ALARMS_KEY, alarmCommand, fetchAlarm, fetchAlarms } from '../../modules/alarm/alarmApi.ts';
import type { AlarmView } from '../../modules/alarm/alarmTypes.ts';
import { MobilePage } from '../MobilePage.tsx';
import { currentPosition } from './geo.ts';

/** The responder's phone: the alarms sent to them (while open), where to go, accept, record arrival. */
export default function MobileAlarms() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [ALARMS_KEY, 'mine'],
    queryFn: ({ signal }) => fetchAlarms({ state: 'open' }, signal),
    refetchInterval: 15_000,
  });
  const items = q.data?.items ?? [];
  return (
    <MobilePage title={t('alarm.mine.title')}>
      {items.length === 0 ? (
        <p className="yy-m-status" role="status" data-testid="m-alarms-empty">
          {t('alarm.mine.empty')}
        </p>
      ) : (
        <ul className="yy-m-cards" data-testid="m-alarms">
          {items.map((a) => (
            <li key={a.id}>
              <AlarmCard a={a} />
            </li>
          ))}
        </ul>
      )}
    </MobilePage>
  );
}

function AlarmCard({ a }: { a: AlarmView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: [ALARMS_KEY, 'detail', a.id],
    queryFn: ({ signal }) => fetchAlarm(a.id, signal),
  });
  const elder = detail.data?.elders[0];
  const run = async (command: 'accept' | 'arrive') => {
    setBusy(true);
    setError(null);
    try {
      const position = command === 'arrive' ? await currentPosition() : null;
      await alarmCommand(a.id, command, position ? { position } : {});
      await qc.invalidateQueries({ queryKey: [ALARMS_KEY] });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="yy-m-card" data-testid="m-alarm">
      <h3>
        {t(`alarm.kinds.${a.kind}`)} · {t(`alarm.statuses.${a.status}`)}
      </h3>
      <p>{formatDateTime(a.receivedAt)}</p>
      {elder && (
        <p>
          {t('alarm.mine.go')} {elder.nameMasked} {elder.address ?? elder.addressMasked ?? ''}{' '}
          {elder.phone && <a href={`tel:${elder.phone}`}>{elder.phone}</a>}
        </p>
      )}
      {error && (
        <p className="yy-m-status" role="alert">
          {error}
        </p>
      )}
      {a.commands.includes('accept') && (
        <Button
          block
          size="large"
          color="primary"
          loading={busy}
          onClick={() => void run('accept')}
          data-testid="m-alarm-accept"
        >
          {t('alarm.accept')}
        </Button>
      )}
      {a.commands.includes('arrive') && (
        <Button
          block
          size="large"
          color="success"
          loading={busy}
          onClick={() => void run('arrive')}
          data-testid="m-alarm-arrive"
        >
          {t('alarm.arrive')}
        </Button>
      )}
    </div>
  );
}
