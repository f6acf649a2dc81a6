import { useState } from 'react';
import { App, Button, Drawer, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrderPlanStatus } from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { showSubmitError } from '../../api/formErrors.ts';
import { DateField } from '../../app/DateField.tsx';
import { formatDate } from '../../app/format.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { useRequired } from '../../app/rules.ts';
import { usePaged } from '../../app/usePaged.ts';
import { tableScroll } from '../../app/table.ts';
import { ElderPicker } from '../assessment/ElderPicker.tsx';
import { FormError, LoadError } from '../layout/PageErrors.tsx';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { ORDERS_KEY } from './orderApi.ts';
import { VISIT_TIMES } from './orderFormat.ts';

/** `GET /order-plans` rows (planView). */
interface PlanView {
  id: string;
  elderId: string;
  elderNameMasked: string;
  itemId: string;
  providerName: string | null;
  weekdays: number[];
  timeOfDay: string;
  startsOn: string;
  endsOn: string | null;
  status: OrderPlanStatus;
  statusReason: string | null;
}
interface PlanValues {
  elderId: string;
  itemId: string;
  weekdays: number[];
  timeOfDay: string;
  startsOn: string;
  endsOn?: string;
  note?: string;
}

const PLANS_PATH = '/order-plans';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const keyed = () => ({ headers: { 'Idempotency-Key': crypto.randomUUID() } });
const STATUS_COLOR: Record<OrderPlanStatus, string> = { active: 'green', paused: 'orange', ended: 'default' };

/**
 * Recurring plans (周期服务计划, issue 14 §4): "every Tuesday and Friday at 9:00" for an elder, made ahead
 * into orders by the server; paused, resumed and ended here (an elder's hospitalisation or death does it by
 * itself, with its reason).
 */
export default function PlansTab() {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = usePaged<PlanView>('order-plans', PLANS_PATH, {});
  const act = useMutation({
    mutationFn: ({ id, name }: { id: string; name: 'pause' | 'resume' | 'end' }) =>
      api.post<PlanView>(`${PLANS_PATH}/${encodeURIComponent(id)}/${name}`, {}, keyed()),
    onSuccess: () => {
      void message.success(t('order.plans.saved'));
      void qc.invalidateQueries({ queryKey: ['order-plans'] });
      void qc.invalidateQueries({ queryKey: [ORDERS_KEY] });
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  const weekdays = (w: number[]) => w.map((d) => t(`staff.weekdays.${d}` as never)).join('、');
  const columns: ColumnsType<PlanView> = [
    { key: 'elder', title: t('order.plans.elder'), dataIndex: 'elderNameMasked' },
    {
      key: 'when',
      title: t('order.plans.weekdays'),
      render: (_, p) => `${weekdays(p.weekdays)} ${p.timeOfDay}`,
    },
    {
      key: 'dates',
      title: t('order.plans.startsOn'),
      render: (_, p) => `${formatDate(p.startsOn)}${p.endsOn ? ` – ${formatDate(p.endsOn)}` : ''}`,
    },
    { key: 'provider', title: t('order.plans.provider'), render: (_, p) => p.providerName ?? '—' },
    {
      key: 'status',
      title: t('order.plans.status'),
      render: (_, p) => (
        <Space>
          <Tag color={STATUS_COLOR[p.status]} data-testid="plan-status">
            {t(`order.plans.statuses.${p.status}`)}
          </Tag>
          {p.status !== 'active' && p.statusReason
            ? t(`order.plans.reasons.${p.statusReason}` as never, { defaultValue: p.statusReason })
            : null}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, p) => (
        <Space>
          {p.status === 'active' && (
            <Button
              size="small"
              onClick={() => act.mutate({ id: p.id, name: 'pause' })}
              data-testid="plan-pause"
            >
              {t('order.plans.pause')}
            </Button>
          )}
          {p.status === 'paused' && (
            <Button
              size="small"
              onClick={() => act.mutate({ id: p.id, name: 'resume' })}
              data-testid="plan-resume"
            >
              {t('order.plans.resume')}
            </Button>
          )}
          {p.status !== 'ended' && (
            <Popconfirm
              title={t('order.plans.endConfirm')}
              onConfirm={() => act.mutate({ id: p.id, name: 'end' })}
            >
              <Button size="small" danger data-testid="plan-end">
                {t('order.plans.end')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <div className="yy-toolbar">
        <Button type="primary" onClick={() => setCreating(true)} data-testid="plan-create">
          {t('order.plans.create')}
        </Button>
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<PlanView>
        rowKey="id"
        data-testid="plan-table"
        loading={list.isPending && !list.error}
        dataSource={list.items}
        pagination={false}
        scroll={tableScroll(900, list.items)}
        columns={columns}
        locale={{ emptyText: <Empty description={t('order.plans.empty')} /> }}
      />
      <LoadMore list={list} testId="plan-more" />
      <PlanDrawer open={creating} onClose={() => setCreating(false)} regionCode={regionCode ?? null} />
    </>
  );
}

function PlanDrawer({
  open,
  onClose,
  regionCode,
}: {
  open: boolean;
  onClose: () => void;
  regionCode: string | null;
}) {
  const { t } = useTranslation();
  const { choose, enter } = useRequired();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<string | null>(null);
  const items = useQuery({
    queryKey: ['service-items', {}],
    queryFn: () => api.get<{ items: { id: string; code: string; name: string }[] }>('/service-items', {}),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (v: PlanValues) =>
      api.post<PlanView>(
        PLANS_PATH,
        { ...v, endsOn: v.endsOn || undefined, note: v.note?.trim() || undefined },
        keyed(),
      ),
    onSuccess: () => {
      void message.success(t('order.plans.saved'));
      void qc.invalidateQueries({ queryKey: ['order-plans'] });
      void qc.invalidateQueries({ queryKey: [ORDERS_KEY] });
      form.resetFields();
      setError(null);
      onClose();
    },
    onError: (e) =>
      setError(
        showSubmitError(form, e, t('common.loadFailed'), [
          'elderId',
          'itemId',
          'weekdays',
          'timeOfDay',
          'startsOn',
          'endsOn',
          'note',
        ]).summary,
      ),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('order.plans.create')}
      size={560}
      destroyOnHidden
      data-testid="plan-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="plan-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={error} />
      <Form<PlanValues> form={form} layout="vertical" name="plan" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="elderId" label={t('order.plans.elder')} rules={[choose(t('order.plans.elder'))]}>
          <ElderPicker regionCode={regionCode} testId="plan-elder" />
        </Form.Item>
        <Form.Item name="itemId" label={t('order.plans.item')} rules={[choose(t('order.plans.item'))]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={items.isPending}
            data-testid="plan-item"
            options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
        <Form.Item
          name="weekdays"
          label={t('order.plans.weekdays')}
          rules={[choose(t('order.plans.weekdays'))]}
        >
          <Select
            mode="multiple"
            data-testid="plan-weekdays"
            options={WEEKDAYS.map((d) => ({ value: d, label: t(`staff.weekdays.${d}` as never) }))}
          />
        </Form.Item>
        <Form.Item
          name="timeOfDay"
          label={t('order.plans.timeOfDay')}
          rules={[choose(t('order.plans.timeOfDay'))]}
        >
          <Select data-testid="plan-time" options={VISIT_TIMES.map((x) => ({ value: x, label: x }))} />
        </Form.Item>
        <Form.Item
          name="startsOn"
          label={t('order.plans.startsOn')}
          rules={[enter(t('order.plans.startsOn'))]}
        >
          <DateFormField label={t('order.plans.startsOn')} testId="plan-starts" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('order.plans.endsOn')}>
          <DateFormField label={t('order.plans.endsOn')} />
        </Form.Item>
        <Form.Item name="note" label={t('order.plans.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** DateField as a Form control (value/onChange injected by Form.Item). */
function DateFormField(props: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  label: string;
  testId?: string;
}) {
  return (
    <DateField
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      ariaLabel={props.label}
      width={200}
      {...(props.testId ? { testId: props.testId } : {})}
    />
  );
}
