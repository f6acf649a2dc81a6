import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Rate,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ORDER_CANCEL_REASONS, ORDER_REJECT_REASONS } from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { useRequired } from '../../app/rules.ts';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { ORDERS_KEY, fetchOrder, orderCommand } from './orderApi.ts';
import { errorText } from '../../app/errorText.ts';
import { formatYuan, statusColor } from './orderFormat.ts';
import type { OrderCommandName, OrderDetail } from './orderTypes.ts';
import { SuggestionList } from './SuggestionList.tsx';

/** Which permission a command's button needs (the server checks again). */
const NEEDS: Record<OrderCommandName, string> = {
  accept: 'order:dispatch',
  reject: 'order:dispatch',
  assign: 'order:dispatch',
  reassign: 'order:dispatch',
  depart: 'visit:perform',
  'check-in': 'visit:perform',
  'check-out': 'visit:perform',
  confirm: 'order:write',
  rate: 'order:write',
  cancel: 'order:write',
  'no-show': 'order:dispatch',
  dispute: 'order:write',
};
/** Commands that ask for a reason, a note or a rating first. */
const WITH_FORM = new Set<OrderCommandName>(['reject', 'cancel', 'rate', 'dispute', 'no-show']);

/** One order: its terms, who does what, the timeline, and the commands its state allows. */
export function OrderDrawer({ orderId, onClose }: { orderId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<OrderCommandName | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [ORDERS_KEY, 'detail', orderId],
    queryFn: ({ signal }) => fetchOrder(orderId!, signal),
    enabled: !!orderId,
  });
  const o = q.data;
  const run = async (command: OrderCommandName, body: object = {}) => {
    setBusy(true);
    setError(null);
    try {
      const next = await orderCommand(o!.id, command, body);
      qc.setQueryData([ORDERS_KEY, 'detail', o!.id], next);
      void qc.invalidateQueries({ queryKey: [ORDERS_KEY] });
      setAsking(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const commands = (o?.commands ?? []).filter(
    (c) => can(NEEDS[c] as never) && !['assign', 'reassign'].includes(c),
  );
  return (
    <Drawer
      open={!!orderId}
      onClose={onClose}
      size={720}
      title={o ? `${o.itemName} · ${o.elderNameMasked}` : t('order.title')}
      data-testid="order-drawer"
    >
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {!o && !q.error && <Skeleton active />}
      {o && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {error && <Alert type="error" showIcon message={error} data-testid="order-error" />}
          <OrderFacts o={o} />
          {o.contact && (
            <Alert
              type="info"
              showIcon
              message={t('order.contact')}
              description={`${o.contact.address ?? '—'} · ${o.contact.phone ?? '—'}`}
            />
          )}
          <Space wrap>
            {commands.map((c) => (
              <Button
                key={c}
                loading={busy && asking === c}
                danger={['cancel', 'reject', 'dispute', 'no-show'].includes(c)}
                type={c === 'accept' || c === 'confirm' ? 'primary' : 'default'}
                onClick={() => (WITH_FORM.has(c) ? setAsking(c) : void run(c))}
                data-testid={`order-cmd-${c}`}
              >
                {t(`order.commands.${c}`)}
              </Button>
            ))}
          </Space>
          {can('order:dispatch') && (o.commands.includes('assign') || o.commands.includes('reassign')) && (
            <SuggestionList
              order={o}
              onAssigned={(next) => qc.setQueryData([ORDERS_KEY, 'detail', o.id], next)}
            />
          )}
          <section aria-label={t('order.timeline')}>
            <h3>{t('order.timeline')}</h3>
            <Timeline
              data-testid="order-timeline"
              items={o.timeline.map((e, i) => ({
                key: i,
                children: `${formatDateTime(e.at)} ${t(`order.timelineActions.${e.action}` as never, { defaultValue: e.action })} · ${e.byName ?? ''}`,
              }))}
            />
          </section>
          <CommandForm
            command={asking}
            busy={busy}
            onCancel={() => setAsking(null)}
            onSubmit={(b) => run(asking!, b)}
          />
        </Space>
      )}
    </Drawer>
  );
}

function OrderFacts({ o }: { o: OrderDetail }) {
  const { t } = useTranslation();
  const items = [
    {
      key: 'status',
      label: t('order.status'),
      children: (
        <Tag color={statusColor(o.status, o.escalationLevel > 0)}>{t(`order.statuses.${o.status}`)}</Tag>
      ),
    },
    { key: 'time', label: t('order.plannedStart'), children: formatDateTime(o.plannedStart) },
    { key: 'elder', label: t('order.elder'), children: `${o.elderNameMasked} · ${o.regionName ?? ''}` },
    { key: 'item', label: t('order.item'), children: `${o.itemName}（${o.itemCode}）` },
    { key: 'provider', label: t('order.provider'), children: o.providerName ?? '—' },
    { key: 'caregiver', label: t('order.caregiver'), children: o.caregiverName ?? '—' },
    { key: 'price', label: t('order.price'), children: formatYuan(o.priceCents) },
    { key: 'share', label: t('order.elderShare'), children: formatYuan(o.elderShareCents) },
    {
      key: 'funding',
      label: t('order.fundingSource'),
      children: t(`order.fundingSources.${o.fundingSource}` as never, { defaultValue: o.fundingSource }),
    },
    {
      key: 'channel',
      label: t('order.channel'),
      children: `${t(`order.channels.${o.channel}`)} · ${o.orderedByName}`,
    },
    ...(o.callNote ? [{ key: 'call', label: t('order.callNote'), children: o.callNote }] : []),
    ...(o.consent
      ? [{ key: 'consent', label: t('order.consent'), children: formatDateTime(o.consent.at) }]
      : []),
    ...(o.rating
      ? [
          {
            key: 'rating',
            label: t('order.rating'),
            children: (
              <span>
                <Rate disabled value={o.rating} /> {o.ratingComment ?? ''}
              </span>
            ),
          },
        ]
      : []),
    ...(o.cancelReason
      ? [
          {
            key: 'cancel',
            label: t('order.reasonLabel'),
            children: `${t(`order.cancellers.${o.cancelledBy ?? 'staff'}`)} · ${t(`order.cancelReasons.${o.cancelReason}` as never)} ${o.closingNote ?? ''}`,
          },
        ]
      : []),
    ...(o.rejectReason
      ? [
          {
            key: 'reject',
            label: t('order.reasonLabel'),
            children: `${t(`order.rejectReasons.${o.rejectReason}` as never)} ${o.closingNote ?? ''}`,
          },
        ]
      : []),
  ];
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="order-facts" />
  );
}

/** The reason, note or rating a command asks for. */
function CommandForm({
  command,
  busy,
  onCancel,
  onSubmit,
}: {
  command: OrderCommandName | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: object) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { choose, enter } = useRequired();
  if (!command) return null;
  return (
    <Modal
      open
      title={t(`order.commands.${command}`)}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'order-cmd-submit' } }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          onSubmit(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')))
        }
      >
        {command === 'cancel' && (
          <Form.Item name="reason" label={t('order.reasonLabel')} rules={[choose(t('order.reasonLabel'))]}>
            <Select
              options={ORDER_CANCEL_REASONS.map((r) => ({ value: r, label: t(`order.cancelReasons.${r}`) }))}
            />
          </Form.Item>
        )}
        {command === 'reject' && (
          <Form.Item name="reason" label={t('order.reasonLabel')} rules={[choose(t('order.reasonLabel'))]}>
            <Select
              options={ORDER_REJECT_REASONS.map((r) => ({ value: r, label: t(`order.rejectReasons.${r}`) }))}
            />
          </Form.Item>
        )}
        {command === 'rate' && (
          <>
            <Form.Item name="rating" label={t('order.rating')} rules={[choose(t('order.rating'))]}>
              <Rate />
            </Form.Item>
            <Form.Item name="comment" label={t('order.ratingComment')}>
              <Input.TextArea maxLength={500} />
            </Form.Item>
          </>
        )}
        {command !== 'rate' && (
          <Form.Item
            name="note"
            label={t('order.note')}
            rules={command === 'dispute' ? [enter(t('order.note'))] : []}
          >
            <Input.TextArea maxLength={500} placeholder={t('order.notePlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
