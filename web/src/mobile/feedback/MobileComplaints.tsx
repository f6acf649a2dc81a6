import { useState, type FormEvent } from 'react';
import { Button } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '@yiyang/contracts';
import type { ElderListItem } from '@yiyang/contracts';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { usePaged } from '../../app/usePaged.ts';
import { ELDERS_KEY, ELDERS_PATH } from '../../modules/elder/elderApi.ts';
import { FEEDBACK_KEY, fetchComplaints, fileComplaint } from '../../modules/feedback/feedbackApi.ts';
import { ORDERS_KEY, ORDERS_PATH } from '../../modules/order/orderApi.ts';
import type { OrderView } from '../../modules/order/orderTypes.ts';
import { MobilePage } from '../MobilePage.tsx';

/**
 * 投诉建议 for the elder and the family (issue 15 §7, STANDARDS.md §6: big targets, no pop-ups): say what went
 * wrong — about which elder, optionally which recent visit, what kind of problem — and follow the answer.
 */
export default function MobileComplaints() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const elders = usePaged<ElderListItem>(ELDERS_KEY, ELDERS_PATH, {});
  const orders = usePaged<OrderView>(ORDERS_KEY, ORDERS_PATH, { status: 'checked_out,confirmed' });
  const mine = useQuery({
    queryKey: [FEEDBACK_KEY, 'mine'],
    queryFn: ({ signal }) => fetchComplaints({}, signal),
  });
  const [elderId, setElderId] = useState<string | null>(null);
  const [orderId, setOrderId] = useState<string | null>(null);
  const [category, setCategory] = useState<ComplaintCategory | null>(null);
  const [text, setText] = useState('');
  const [state, setState] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const elder = elderId ?? (elders.items.length === 1 ? elders.items[0]!.id : null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setState(null);
    try {
      await fileComplaint({
        ...(orderId ? { orderId } : { elderId: elder }),
        category: category ?? 'other',
        description: text,
      });
      setText('');
      setOrderId(null);
      setCategory(null);
      setState({ text: t('feedback.mobileSent') });
      await qc.invalidateQueries({ queryKey: [FEEDBACK_KEY] });
    } catch (err) {
      setState({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <MobilePage title={t('feedback.mobileTitle')}>
      <form onSubmit={(e) => void submit(e)} className="yy-m-stack" data-testid="m-complaint-form">
        <h2 className="yy-m-section-title">{t('feedback.mobileNew')}</h2>
        {elders.items.length > 1 && (
          <div className="yy-m-choices" role="group" aria-label={t('feedback.elder')}>
            {elders.items.map((x) => (
              <button
                key={x.id}
                type="button"
                className="yy-m-choice"
                aria-pressed={elder === x.id}
                onClick={() => setElderId(x.id)}
              >
                {x.nameMasked}
              </button>
            ))}
          </div>
        )}
        <div className="yy-m-choices" role="group" aria-label={t('feedback.category')}>
          {COMPLAINT_CATEGORIES.map((c) => (
            <button
              key={c}
              type="button"
              className="yy-m-choice"
              aria-pressed={category === c}
              onClick={() => setCategory(c)}
              data-testid={`m-complaint-category-${c}`}
            >
              {t(`feedback.categories.${c}`)}
            </button>
          ))}
        </div>
        {orders.items.length > 0 && (
          <>
            <h3 className="yy-m-section-title">{t('feedback.mobileAbout')}</h3>
            <div className="yy-m-choices" role="group" aria-label={t('feedback.mobileAbout')}>
              {orders.items.slice(0, 5).map((o) => (
                <button
                  key={o.id}
                  type="button"
                  className="yy-m-choice"
                  aria-pressed={orderId === o.id}
                  onClick={() => setOrderId(orderId === o.id ? null : o.id)}
                  data-testid="m-complaint-order"
                >
                  {formatDateTime(o.plannedStart)} {o.itemName}
                </button>
              ))}
            </div>
          </>
        )}
        <div className="yy-m-field">
          <label htmlFor="m-complaint-text">{t('feedback.description')}</label>
          <textarea
            id="m-complaint-text"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="m-complaint-text"
          />
        </div>
        {state && (
          <p className="yy-m-status" role={state.error ? 'alert' : 'status'} data-testid="m-complaint-status">
            {state.text}
          </p>
        )}
        <Button
          type="submit"
          color="primary"
          block
          size="large"
          className="yy-m-primary"
          loading={busy}
          disabled={!category || (!orderId && !elder)}
          data-testid="m-complaint-submit"
        >
          {t('feedback.submit')}
        </Button>
      </form>
      <h2 className="yy-m-section-title">{t('feedback.mobileTitle')}</h2>
      {(mine.data?.items ?? []).length === 0 ? (
        <p className="yy-m-status">{t('feedback.mobileNone')}</p>
      ) : (
        <ul className="yy-m-cards" data-testid="m-complaints">
          {mine.data!.items.map((c) => (
            <li key={c.id}>
              <div className="yy-m-card">
                <span className="yy-m-card-title">
                  {t(`feedback.categories.${c.category}`)} · {t(`feedback.statuses.${c.status}`)}
                </span>
                <span className="yy-m-card-line">{formatDateTime(c.createdAt)}</span>
                <span className="yy-m-card-line">{c.description}</span>
                {c.response && (
                  <span className="yy-m-card-line">
                    {t('feedback.response')}：{c.response}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </MobilePage>
  );
}
