import { useState } from 'react';
import { Dialog } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errorText.ts';
import { raiseAlarm } from '../../modules/alarm/alarmApi.ts';
import { currentPosition } from './geo.ts';

/**
 * The elder's (or family member's) big SOS button on the home screen: one confirmation, then the alarm with
 * the phone's position when granted. A second press folds into the open alarm on the server.
 */
export function MobileSos() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ text: string; error?: boolean } | null>(null);
  const press = async () => {
    if (!(await Dialog.confirm({ content: t('alarm.sos.confirm') }))) return;
    setState({ text: t('alarm.sos.locating') });
    try {
      const position = await currentPosition();
      const a = await raiseAlarm(position ? { kind: 'sos', position } : { kind: 'sos' });
      setState({
        text: `${t('alarm.sos.sent')} ${t('alarm.sos.status', { status: t(`alarm.statuses.${a.status}`) })}`,
      });
    } catch (e) {
      setState({ text: errorText(e), error: true });
    }
  };
  return (
    <section className="yy-m-sos" aria-label={t('alarm.sos.button')}>
      <button type="button" className="yy-m-sos-button" onClick={() => void press()} data-testid="m-sos">
        {t('alarm.sos.button')}
      </button>
      <p className="yy-m-status">{t('alarm.sos.hint')}</p>
      {state && (
        <p className="yy-m-status" role={state.error ? 'alert' : 'status'} data-testid="m-sos-status">
          {state.text}
        </p>
      )}
    </section>
  );
}
