import { useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Input, List, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ElderListItem, ServiceItemList } from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { DateField } from '../../app/DateField.tsx';
import { ELDERS_KEY, ELDERS_PATH } from '../elder/elderApi.ts';
import { buildListQuery, classifyExactSearch, EMPTY_FILTERS } from '../elder/elderHelpers.ts';
import { createOrder, fetchQuote, ORDERS_KEY } from './orderApi.ts';
import { errorText } from '../../app/errorText.ts';
import { formatYuan, VISIT_TIMES } from './orderFormat.ts';
import { chinaDayFromNow } from '../../app/chinaDate.ts';

/** Tomorrow's date in China. */

/**
 * The hotline's order desk (热线代下单, issue 14 §4): the operator finds the elder who called by phone number
 * (the elder registry's blind index), ID number or name, picks the service and time, sees the price the
 * elder will pay, notes the call and orders on their behalf (channel `hotline`).
 */
export default function HotlineTab() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [elder, setElder] = useState<ElderListItem | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [date, setDate] = useState<string | undefined>(chinaDayFromNow(1));
  const [time, setTime] = useState('09:00');
  const [callNote, setCallNote] = useState('');
  const query = useMemo(() => {
    const s = search.trim();
    const exact = /\d{5,}/.test(s) ? classifyExactSearch(s) : null;
    return buildListQuery(
      exact ? { ...EMPTY_FILTERS, exact: s } : { ...EMPTY_FILTERS, q: s },
      me?.regionCode ?? null,
    );
  }, [search, me?.regionCode]);
  const elders = usePaged<ElderListItem>(ELDERS_KEY, ELDERS_PATH, query, search.trim().length > 0);
  const district = elder ? `${elder.regionCode.slice(0, 6)}000000` : null;
  const items = useQuery({
    queryKey: ['service-items', 'public', district],
    queryFn: ({ signal }) => api.get<ServiceItemList>('/public/service-items', { district }, { signal }),
    enabled: !!district,
  });
  const start = date ? new Date(`${date}T${time}:00+08:00`).toISOString() : null;
  const quoteQuery = elder && itemId && start ? { elderId: elder.id, itemId, start } : null;
  const quote = useQuery({
    queryKey: [ORDERS_KEY, 'quote', quoteQuery],
    queryFn: ({ signal }) => fetchQuote(quoteQuery!, signal),
    enabled: !!quoteQuery,
  });
  const place = useMutation({
    mutationFn: () =>
      createOrder({
        elderId: elder!.id,
        itemId: itemId!,
        plannedStart: start!,
        channel: 'hotline',
        ...(callNote.trim() ? { callNote: callNote.trim() } : {}),
      }),
    onSuccess: () => {
      void message.success(t('order.hotline.placed'));
      void qc.invalidateQueries({ queryKey: [ORDERS_KEY] });
      setElder(null);
      setItemId(null);
      setCallNote('');
    },
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="hotline-desk">
      <div role="search" aria-label={t('order.hotline.search')}>
        <Input.Search
          aria-label={t('order.hotline.search')}
          placeholder={t('order.hotline.search')}
          enterButton={t('common.search')}
          allowClear
          onSearch={(v) => {
            setSearch(v);
            setElder(null);
          }}
          style={{ maxWidth: 520 }}
          data-testid="hotline-search"
        />
      </div>
      {search.trim() && !elder && (
        <List<ElderListItem>
          data-testid="hotline-results"
          loading={elders.isPending && !elders.error}
          dataSource={elders.items}
          locale={{ emptyText: <Empty description={t('order.hotline.noElder')} /> }}
          renderItem={(e) => (
            <List.Item
              data-testid="hotline-elder"
              actions={[
                <Button key="pick" type="primary" onClick={() => setElder(e)} data-testid="hotline-pick">
                  {t('order.hotline.pick')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${e.nameMasked} · ${e.age}`}
                description={`${e.regionName ?? ''} · ${e.idNumberMasked} · ${e.phoneMasked ?? '—'}`}
              />
            </List.Item>
          )}
        />
      )}
      {elder && (
        <div data-testid="hotline-form">
          <Typography.Title level={4}>
            {t('order.hotline.orderFor', { name: elder.nameMasked })}
          </Typography.Title>
          <Space wrap>
            <Select
              aria-label={t('order.item')}
              placeholder={t('order.item')}
              showSearch
              optionFilterProp="label"
              value={itemId}
              onChange={setItemId}
              loading={items.isPending}
              style={{ width: 260 }}
              data-testid="hotline-item"
              options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
            />
            <DateField
              ariaLabel={t('order.hotline.date')}
              value={date}
              onChange={setDate}
              testId="hotline-date"
            />
            <Select
              aria-label={t('order.hotline.time')}
              value={time}
              onChange={setTime}
              style={{ width: 120 }}
              data-testid="hotline-time"
              options={VISIT_TIMES.map((x) => ({ value: x, label: x }))}
            />
          </Space>
          <Input.TextArea
            aria-label={t('order.callNote')}
            placeholder={t('order.callNote')}
            value={callNote}
            onChange={(e) => setCallNote(e.target.value)}
            maxLength={500}
            rows={2}
            style={{ marginTop: 12, maxWidth: 520 }}
            data-testid="hotline-call-note"
          />
          {quote.data && (
            <p style={{ marginTop: 12 }} data-testid="hotline-quote">
              {t('order.price')}：{formatYuan(quote.data.priceCents)} · {t('order.elderShare')}：
              <strong>{formatYuan(quote.data.elderShareCents)}</strong>
            </p>
          )}
          {(quote.error ?? place.error) && (
            <Alert
              type="error"
              showIcon
              message={errorText(quote.error ?? place.error)}
              style={{ marginTop: 12 }}
            />
          )}
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => setElder(null)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              disabled={!quote.data}
              loading={place.isPending}
              onClick={() => place.mutate()}
              data-testid="hotline-place"
            >
              {t('order.hotline.place')}
            </Button>
          </Space>
        </div>
      )}
    </Space>
  );
}
