import { useEffect, useMemo, useState } from 'react';
import { Badge, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRealtime } from '../../app/realtime.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { ORDERS_KEY, ORDERS_PATH } from './orderApi.ts';
import { OrderDrawer } from './OrderDrawer.tsx';
import { SuggestionList } from './SuggestionList.tsx';
import type { OrderView } from './orderTypes.ts';

const COLUMNS = [
  { key: 'waiting', statuses: ['created'] },
  { key: 'toAssign', statuses: ['accepted'] },
  { key: 'inService', statuses: ['assigned', 'en_route', 'checked_in'] },
] as const;

/**
 * The provider's dispatch board: open orders in three columns (to accept, to assign, in service), the
 * suggested caregivers beside each order to assign with one click; it reloads as `order.*` events arrive.
 */
export default function DispatchBoard() {
  const { t } = useTranslation();
  const realtime = useRealtime();
  const [open, setOpen] = useState<string | null>(null);
  const query = useMemo(() => ({ status: 'created,accepted,assigned,en_route,checked_in' }), []);
  const list = usePaged<OrderView>(ORDERS_KEY, ORDERS_PATH, query);
  const { refetch } = list;
  useEffect(() => {
    if (!realtime) return;
    const reload = () => void refetch();
    const offs = (
      [
        'order.created',
        'order.accepted',
        'order.assigned',
        'order.reassigned',
        'order.cancelled',
        'order.escalated',
        'order.checked_out',
        'order.rejected',
      ] as const
    ).map((topic) => realtime.on(topic, reload));
    return () => offs.forEach((off) => off());
  }, [realtime, refetch]);
  if (list.error) return <LoadError error={list.error} onRetry={() => void refetch()} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Badge status="processing" text={t('order.boardLive')} />
      </Space>
      <Row gutter={16} data-testid="dispatch-board">
        {COLUMNS.map((c) => {
          const items = list.items.filter((o) => (c.statuses as readonly string[]).includes(o.status));
          return (
            <Col xs={24} lg={8} key={c.key}>
              <Typography.Title level={4}>
                {t(`order.${c.key}`)} <Tag>{items.length}</Tag>
              </Typography.Title>
              {items.length === 0 && <Empty description={t('order.boardEmpty')} />}
              {items.map((o) => (
                <Card
                  key={o.id}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`${formatDateTime(o.plannedStart)} ${o.itemName}`}
                  extra={
                    <a onClick={() => setOpen(o.id)} data-testid="board-open">
                      {t('order.open')}
                    </a>
                  }
                  data-testid={`board-card-${c.key}`}
                  data-order-id={o.id}
                >
                  <div>
                    {o.elderNameMasked} · {o.regionName}{' '}
                    {o.escalationLevel > 0 && <Tag color="red">{t('order.escalated')}</Tag>}
                  </div>
                  <div>{o.caregiverName ?? ''}</div>
                  {o.status === 'accepted' && <SuggestionList order={o} />}
                </Card>
              ))}
            </Col>
          );
        })}
      </Row>
      <OrderDrawer orderId={open} onClose={() => setOpen(null)} />
    </>
  );
}
