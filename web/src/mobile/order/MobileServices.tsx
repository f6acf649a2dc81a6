import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OPEN_ORDER_STATUSES } from '@yiyang/contracts';
import { usePaged } from '../../app/usePaged.ts';
import { formatDateTime } from '../../app/format.ts';
import { ORDERS_KEY, ORDERS_PATH, orderCommand } from '../../modules/order/orderApi.ts';
import { errorText } from '../../app/errorText.ts';
import { formatYuan } from '../../modules/order/orderFormat.ts';
import type { OrderView } from '../../modules/order/orderTypes.ts';
import { MobilePage } from '../MobilePage.tsx';

/**
 * The elder's and the family's home services (STANDARDS.md §6: big targets, large text, no pop-ups): book a
 * service, the upcoming visits (cancel with a second tap), and the history (confirm a visit, rate it).
 */
export default function MobileServices() {
  const { t } = useTranslation();
  const upcoming = usePaged<OrderView>(ORDERS_KEY, ORDERS_PATH, { status: OPEN_ORDER_STATUSES.join(',') });
  const history = usePaged<OrderView>(ORDERS_KEY, ORDERS_PATH, {
    status: 'checked_out,confirmed,cancelled,rejected,no_show,disputed',
  });
  return (
    <MobilePage title={t('mobile.orders')}>
      <Link to="/m/services/new" className="yy-m-action yy-m-big" data-testid="m-order-new">
        + {t('order.mobile.orderService')}
      </Link>
      <h2 className="yy-m-section-title">{t('order.mobile.upcoming')}</h2>
      <OrderCards list={upcoming.items} empty={t('order.mobile.noUpcoming')} testId="m-orders-upcoming" />
      <h2 className="yy-m-section-title">{t('order.mobile.history')}</h2>
      <OrderCards list={history.items} empty={t('order.mobile.noHistory')} testId="m-orders-history" />
      {history.hasNextPage && (
        <Button block size="large" className="yy-m-secondary" onClick={() => void history.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </MobilePage>
  );
}

function OrderCards({ list, empty, testId }: { list: OrderView[]; empty: string; testId: string }) {
  if (!list.length)
    return (
      <p className="yy-m-status" role="status" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  return (
    <ul className="yy-m-cards" data-testid={testId}>
      {list.map((o) => (
        <li key={o.id}>
          <OrderCard o={o} />
        </li>
      ))}
    </ul>
  );
}

/** One visit: when, what, who, what the elder pays, and the one or two things to do with it. */
function OrderCard({ o }: { o: OrderView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (command: string, body: object = {}) => {
    setBusy(true);
    setError(null);
    try {
      await orderCommand(o.id, command, body);
      await qc.invalidateQueries({ queryKey: [ORDERS_KEY] });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setSure(false);
    }
  };
  return (
    <div className="yy-m-card" data-testid="m-order-card" data-order-id={o.id}>
      <span className="yy-m-card-title">
        {formatDateTime(o.plannedStart)} {o.itemName}
      </span>
      <span className="yy-m-card-line">
        {t(`order.statuses.${o.status}`)} · {o.elderNameMasked}
        {o.caregiverName ? ` · ${o.caregiverName}` : ''}
      </span>
      <span className="yy-m-card-line">
        {t('order.mobile.youPay')} {formatYuan(o.elderShareCents)}
      </span>
      {error && (
        <span className="yy-m-error" role="alert">
          {error}
        </span>
      )}
      {o.commands.includes('confirm') && (
        <Button
          block
          size="large"
          color="primary"
          loading={busy}
          onClick={() => void run('confirm')}
          data-testid="m-order-confirm"
        >
          {t('order.mobile.confirmDone')}
        </Button>
      )}
      {o.commands.includes('rate') && (
        <div role="group" aria-label={t('order.mobile.rate')} className="yy-m-stars">
          <span className="yy-m-card-line">{t('order.mobile.rate')}</span>
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              className="yy-m-star"
              disabled={busy}
              onClick={() => void run('rate', { rating: n })}
              aria-label={t('order.mobile.stars', { n })}
              data-testid={`m-order-rate-${n}`}
            >
              {'★'.repeat(n)}
            </button>
          ))}
        </div>
      )}
      {o.rating && <span className="yy-m-card-line">{'★'.repeat(o.rating)}</span>}
      {o.commands.includes('cancel') &&
        (sure ? (
          <Button
            block
            size="large"
            color="danger"
            loading={busy}
            onClick={() => void run('cancel', { reason: 'elder_request' })}
            data-testid="m-order-cancel-sure"
          >
            {t('order.mobile.cancelSure')}
          </Button>
        ) : (
          <Button
            block
            size="large"
            className="yy-m-secondary"
            onClick={() => setSure(true)}
            data-testid="m-order-cancel"
          >
            {t('order.mobile.cancelOrder')}
          </Button>
        ))}
    </div>
  );
}
