import { lazy, Suspense, useMemo, useState } from 'react';
import { DatePicker, Empty, Select, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ORDER_CHANNELS, ORDER_STATUSES } from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { Loading } from '../../app/Loading.tsx';
import { formatDateTime } from '../../app/format.ts';
import { tableScroll } from '../../app/table.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ORDERS_KEY, ORDERS_PATH } from './orderApi.ts';
import { OrderDrawer } from './OrderDrawer.tsx';
import { formatYuan, statusColor } from './orderFormat.ts';
import type { OrderChannel, OrderStatus, OrderView } from './orderTypes.ts';

const DispatchBoard = lazy(() => import('./DispatchBoard.tsx'));
const PlansTab = lazy(() => import('./PlansTab.tsx'));
const HotlineTab = lazy(() => import('./HotlineTab.tsx'));

/** Orders of the current region (or the provider's), filtered; the dispatch board for dispatchers. */
export default function OrdersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <Tabs
      data-testid="orders-tabs"
      items={[
        { key: 'list', label: t('order.list'), children: <OrderList /> },
        ...(can('order:dispatch')
          ? [
              {
                key: 'board',
                label: t('order.board'),
                children: (
                  <Suspense fallback={<Loading />}>
                    <DispatchBoard />
                  </Suspense>
                ),
              },
            ]
          : []),
        ...(can('order:write')
          ? [
              {
                key: 'hotline',
                label: t('order.hotline.tab'),
                children: (
                  <Suspense fallback={<Loading />}>
                    <HotlineTab />
                  </Suspense>
                ),
              },
              {
                key: 'plans',
                label: t('order.plans.tab'),
                children: (
                  <Suspense fallback={<Loading />}>
                    <PlansTab />
                  </Suspense>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The order list with its filters (every filter is the server's); the elder's service tab uses it too. */
export function OrderList({ elderId }: { elderId?: string }) {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const [status, setStatus] = useState<OrderStatus[]>([]);
  const [channel, setChannel] = useState<OrderChannel | null>(null);
  const [dates, setDates] = useState<[string, string] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const query = useMemo(
    () => ({
      regionCode: elderId ? undefined : (regionCode ?? undefined),
      elderId,
      status: status.length ? status.join(',') : undefined,
      channel: channel ?? undefined,
      from: dates?.[0] || undefined,
      to: dates?.[1] || undefined,
    }),
    [regionCode, elderId, status, channel, dates],
  );
  const list = usePaged<OrderView>(ORDERS_KEY, ORDERS_PATH, query);
  const columns: ColumnsType<OrderView> = [
    {
      key: 'start',
      title: t('order.plannedStart'),
      dataIndex: 'plannedStart',
      render: (v: string, o) => (
        <a onClick={() => setOpen(o.id)} data-testid="order-open">
          {formatDateTime(v)}
        </a>
      ),
    },
    { key: 'elder', title: t('order.elder'), dataIndex: 'elderNameMasked' },
    { key: 'item', title: t('order.item'), dataIndex: 'itemName' },
    {
      key: 'status',
      title: t('order.status'),
      dataIndex: 'status',
      render: (s: OrderStatus, o) => (
        <Tag color={statusColor(s, o.escalationLevel > 0)}>{t(`order.statuses.${s}`)}</Tag>
      ),
    },
    {
      key: 'provider',
      title: t('order.provider'),
      dataIndex: 'providerName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'caregiver',
      title: t('order.caregiver'),
      dataIndex: 'caregiverName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'channel',
      title: t('order.channel'),
      dataIndex: 'channel',
      render: (c: OrderChannel) => t(`order.channels.${c}`),
    },
    {
      key: 'share',
      title: t('order.elderShare'),
      dataIndex: 'elderShareCents',
      render: (c: number) => formatYuan(c),
    },
    {
      key: 'rating',
      title: t('order.rating'),
      dataIndex: 'rating',
      render: (r: number | null) => (r ? '★'.repeat(r) : '—'),
    },
  ];
  return (
    <>
      <div className="yy-toolbar" role="search" aria-label={t('common.search')}>
        <Select
          mode="multiple"
          allowClear
          aria-label={t('order.filterStatus')}
          placeholder={t('order.filterStatus')}
          value={status}
          onChange={(v: OrderStatus[]) => setStatus(v)}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`order.statuses.${s}`) }))}
          style={{ minWidth: 200 }}
          data-testid="order-status-filter"
        />
        <Select
          allowClear
          aria-label={t('order.filterChannel')}
          placeholder={t('order.filterChannel')}
          value={channel}
          onChange={(v: OrderChannel | undefined) => setChannel(v ?? null)}
          options={ORDER_CHANNELS.map((c) => ({ value: c, label: t(`order.channels.${c}`) }))}
          style={{ width: 160 }}
          data-testid="order-channel-filter"
        />
        <DatePicker.RangePicker
          aria-label={t('order.filterDates')}
          onChange={(_, s) => setDates(s[0] && s[1] ? [s[0], s[1]] : null)}
          data-testid="order-dates-filter"
        />
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<OrderView>
        rowKey="id"
        data-testid="order-table"
        loading={list.isPending && !list.error}
        dataSource={list.items}
        pagination={false}
        scroll={tableScroll(1100, list.items)}
        columns={columns}
        locale={{ emptyText: <Empty description={t('order.empty')} /> }}
      />
      <LoadMore list={list} testId="order-load-more" />
      <OrderDrawer orderId={open} onClose={() => setOpen(null)} />
    </>
  );
}
