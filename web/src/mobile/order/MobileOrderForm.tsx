import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ElderListItem, ServiceItemList } from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { ELDERS_KEY, ELDERS_PATH } from '../../modules/elder/elderApi.ts';
import { buildListQuery } from '../../modules/elder/elderHelpers.ts';
import { createOrder, fetchQuote } from '../../modules/order/orderApi.ts';
import { errorText } from '../../app/errorText.ts';
import { formatYuan } from '../../modules/order/orderFormat.ts';
import { mobileSearchFilters } from '../elder/MobileElders.tsx';
import { chinaDayFromNow } from '../../app/chinaDate.ts';
import { MobilePage } from '../MobilePage.tsx';

const SLOTS = [
  { key: 'morning', time: '09:00' },
  { key: 'afternoon', time: '15:00' },
] as const;
const DAYS = [
  { key: 'tomorrow', days: 1 },
  { key: 'dayAfter', days: 2 },
] as const;

/**
 * Book a visit in four big steps on one screen, no pop-ups: for whom (the elder themself, the family's bound
 * elders, or — for the hotline and community workers — an elder found by phone or ID number), which service,
 * when, and the price the elder pays, shown before confirming.
 */
export default function MobileOrderForm() {
  const { t, i18n } = useTranslation();
  const { me, can } = useSession();
  const staff = can('elder:write') || can('alarm:handle');
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [elder, setElder] = useState<ElderListItem | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [callNote, setCallNote] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Personal accounts list their own and bound elders; staff search by phone or ID number first.
  const elders = usePaged<ElderListItem>(
    ELDERS_KEY,
    ELDERS_PATH,
    buildListQuery(mobileSearchFilters(submitted), me?.regionCode ?? null),
    !staff || submitted.length > 0,
  );
  const district = elder ? `${elder.regionCode.slice(0, 6)}000000` : null;
  const items = useQuery({
    queryKey: ['service-items', 'public', district],
    queryFn: ({ signal }) => api.get<ServiceItemList>('/public/service-items', { district }, { signal }),
    enabled: !!district,
  });
  const quoteQuery = useMemo(
    () => (elder && itemId && start ? { elderId: elder.id, itemId, start } : null),
    [elder, itemId, start],
  );
  const quote = useQuery({
    queryKey: ['orders', 'quote', quoteQuery],
    queryFn: ({ signal }) => fetchQuote(quoteQuery!, signal),
    enabled: !!quoteQuery,
  });
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(search);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await createOrder({
        elderId: elder!.id,
        itemId: itemId!,
        plannedStart: start!,
        ...(callNote ? { callNote } : {}),
      });
      setDone(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <MobilePage title={t('order.mobile.confirmTitle')} backTo="/m/services">
        <p className="yy-m-greeting" role="status" data-testid="m-order-done">
          {t('order.mobile.ordered')}
        </p>
        <Link to="/m/services" className="yy-m-action yy-m-big">
          {t('mobile.orders')}
        </Link>
      </MobilePage>
    );
  return (
    <MobilePage
      title={staff ? t('order.mobile.hotlineTitle') : t('order.mobile.orderService')}
      backTo="/m/services"
    >
      <h2 className="yy-m-section-title">{t('order.mobile.forElder')}</h2>
      {staff && (
        <form role="search" onSubmit={submitSearch} className="yy-m-search">
          <div className="yy-m-field">
            <label htmlFor="m-order-elder-q">{t('order.mobile.findElder')}</label>
            <input
              id="m-order-elder-q"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="m-order-elder-search"
            />
          </div>
          <Button type="submit" color="primary" block size="large" className="yy-m-primary">
            {t('common.search')}
          </Button>
        </form>
      )}
      <div className="yy-m-choices" role="group" aria-label={t('order.mobile.forElder')}>
        {elders.items.map((e) => (
          <button
            key={e.id}
            type="button"
            className="yy-m-choice"
            aria-pressed={elder?.id === e.id}
            onClick={() => setElder(e)}
            data-testid="m-order-elder"
          >
            {e.nameMasked} · {e.regionName}
          </button>
        ))}
      </div>
      {elder && (
        <>
          <h2 className="yy-m-section-title">{t('order.mobile.chooseService')}</h2>
          <div className="yy-m-choices" role="group" aria-label={t('order.mobile.chooseService')}>
            {(items.data?.items ?? []).map((it) => (
              <button
                key={it.id}
                type="button"
                className="yy-m-choice"
                aria-pressed={itemId === it.id}
                onClick={() => setItemId(it.id)}
                data-testid="m-order-item"
              >
                {i18n.language === 'en-US' ? it.nameEn : it.name} · {it.durationMinutes} min
              </button>
            ))}
          </div>
        </>
      )}
      {itemId && (
        <>
          <h2 className="yy-m-section-title">{t('order.mobile.chooseTime')}</h2>
          <div className="yy-m-choices" role="group" aria-label={t('order.mobile.chooseTime')}>
            {DAYS.flatMap((d) =>
              SLOTS.map((s) => {
                const value = `${chinaDayFromNow(d.days)}T${s.time}:00+08:00`;
                return (
                  <button
                    key={value}
                    type="button"
                    className="yy-m-choice"
                    aria-pressed={start === value}
                    onClick={() => setStart(value)}
                    data-testid="m-order-slot"
                  >
                    {t(`order.mobile.${d.key}`)} {t(`order.mobile.${s.key}`)}
                  </button>
                );
              }),
            )}
          </div>
        </>
      )}
      {quote.data && (
        <section
          aria-label={t('order.mobile.confirmTitle')}
          className="yy-m-card"
          data-testid="m-order-quote"
        >
          <span className="yy-m-card-title">{t('order.mobile.youPay')}</span>
          <span className="yy-m-price">{formatYuan(quote.data.elderShareCents)}</span>
          <span className="yy-m-card-line">
            {t('order.price')} {formatYuan(quote.data.priceCents)} ·{' '}
            {t(`order.fundingSources.${quote.data.fundingSource}` as never)}
          </span>
          {staff && (
            <div className="yy-m-field">
              <label htmlFor="m-order-call">{t('order.mobile.callNote')}</label>
              <input
                id="m-order-call"
                value={callNote}
                onChange={(e) => setCallNote(e.target.value)}
                data-testid="m-order-call-note"
              />
            </div>
          )}
          {error && (
            <span className="yy-m-error" role="alert" data-testid="m-order-error">
              {error}
            </span>
          )}
          <Button
            block
            size="large"
            color="primary"
            className="yy-m-primary"
            loading={busy}
            onClick={() => void confirm()}
            data-testid="m-order-confirm"
          >
            {t('order.mobile.confirmOrder')}
          </Button>
        </section>
      )}
      {quote.error && (
        <p className="yy-m-error" role="alert">
          {errorText(quote.error)}
        </p>
      )}
    </MobilePage>
  );
}
