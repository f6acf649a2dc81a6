import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { THRESHOLD_KINDS, VITAL_KINDS, type ThresholdKind, type VitalKind } from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { FormError, LoadError } from '../layout/PageErrors.tsx';
import {
  fetchVitals,
  HEALTH_KEY,
  recordVital,
  revealVitals,
  setThreshold,
  type ThresholdView,
  type VitalList,
  type VitalView,
} from './healthApi.ts';

const VitalsChart = lazy(() => import('./VitalsChart.tsx'));

const valueText = (v: VitalView) =>
  v.values === null
    ? null
    : 'value' in v.values
      ? String(v.values.value)
      : `${v.values.systolic}/${v.values.diastolic}`;

/** Thresholds drawn on a kind's chart (blood pressure: both numbers' limits). */
const LIMITS: Record<VitalKind, ThresholdKind[]> = {
  bp: ['bp_systolic', 'bp_diastolic'],
  heart_rate: ['heart_rate'],
  temperature: ['temperature'],
  spo2: ['spo2'],
  glucose: ['glucose'],
  weight: ['weight'],
};

/**
 * 生命体征 on the elder's record (issue 17 §3, §5): readings masked by default — kind, time, source and
 * whether out of range — and, for those allowed, the values on request (audited) as a line chart per kind
 * with the thresholds as mark lines and the same numbers in a table; staff enter readings here.
 */
export default function ElderVitalsTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [kind, setKind] = useState<VitalKind>('bp');
  const [revealed, setRevealed] = useState<VitalList | null>(null);
  const q = useQuery({
    queryKey: [HEALTH_KEY, 'vitals', elderId],
    queryFn: ({ signal }) => fetchVitals(elderId, signal),
  });
  const reveal = useMutation({ mutationFn: () => revealVitals(elderId), onSuccess: setRevealed });
  const data = revealed ?? q.data;
  const rows = useMemo(() => (data?.items ?? []).filter((v) => v.kind === kind), [data, kind]);
  const option = useMemo(() => {
    if (!revealed) return null;
    const asc = [...rows].reverse();
    const series =
      kind === 'bp'
        ? (['systolic', 'diastolic'] as const).map((k, i) => ({
            name: t(`health.${k}`),
            type: 'line',
            data: asc.map((v) => [v.measuredAt, v.values && 'systolic' in v.values ? v.values[k] : null]),
            markLine: markLines(data!.thresholds.filter((x) => x.kind === LIMITS.bp[i])),
          }))
        : [
            {
              name: t(`health.kinds.${kind}`),
              type: 'line',
              data: asc.map((v) => [v.measuredAt, v.values && 'value' in v.values ? v.values.value : null]),
              markLine: markLines(data!.thresholds.filter((x) => LIMITS[kind].includes(x.kind))),
            },
          ];
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true },
      series,
    };
  }, [revealed, rows, kind, data, t]);

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const columns: ColumnsType<VitalView> = [
    {
      key: 'at',
      title: t('health.measuredAt'),
      dataIndex: 'measuredAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      key: 'value',
      title: t('health.value'),
      render: (_: unknown, v) => {
        const text = valueText(v);
        return text === null ? (
          <Typography.Text type="secondary">{t('health.masked')}</Typography.Text>
        ) : (
          `${text} ${v.unit}`
        );
      },
    },
    {
      key: 'flag',
      title: t('health.flag'),
      dataIndex: 'flag',
      render: (f: VitalView['flag']) =>
        f ? <Tag color="error">{t(`health.flags.${f}`)}</Tag> : <Tag>{t('health.normal')}</Tag>,
    },
    {
      key: 'source',
      title: t('health.source'),
      dataIndex: 'source',
      render: (s: VitalView['source']) => t(`health.sources.${s}`),
    },
    {
      key: 'by',
      title: t('health.enteredBy'),
      dataIndex: 'enteredByName',
      render: (n: string | null) => n ?? '—',
    },
  ];
  return (
    <div data-testid="elder-vitals">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('health.kind')}
          value={kind}
          onChange={setKind}
          options={VITAL_KINDS.map((k) => ({ value: k, label: t(`health.kinds.${k}`) }))}
          style={{ width: 140 }}
          data-testid="vitals-kind"
        />
        {can('health:read_sensitive') && !revealed && (
          <Button onClick={() => reveal.mutate()} loading={reveal.isPending} data-testid="vitals-reveal">
            {t('health.reveal')}
          </Button>
        )}
      </Space>
      <Alert
        type={revealed ? 'warning' : 'info'}
        showIcon
        message={revealed ? t('health.revealed') : t('health.revealHint')}
        style={{ marginBottom: 12 }}
      />
      {option ? (
        <Suspense fallback={<Skeleton active />}>
          <VitalsChart option={option} label={t('health.chartLabel', { kind: t(`health.kinds.${kind}`) })} />
        </Suspense>
      ) : (
        <Typography.Paragraph type="secondary">{t('health.chartHidden')}</Typography.Paragraph>
      )}
      <Table<VitalView>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('health.noReadings') }}
        data-testid="vitals-table"
      />
      {can('health:write') && <RecordForm elderId={elderId} onSaved={() => setRevealed(null)} />}
      {data && <Thresholds elderId={elderId} items={data.thresholds} editable={can('health:manage')} />}
    </div>
  );
}

const markLines = (limits: { low: number | null; high: number | null }[]) => ({
  symbol: 'none',
  lineStyle: { type: 'dashed' },
  data: limits.flatMap((l) =>
    [l.low, l.high].filter((x): x is number => x !== null).map((y) => ({ yAxis: y })),
  ),
});

function RecordForm({ elderId, onSaved }: { elderId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const kind = Form.useWatch('kind', form) as VitalKind | undefined;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      // Taken just now (the API also takes an earlier time: a device's or a day-care sheet's).
      recordVital(elderId, { ...v, measuredAt: new Date().toISOString() }),
    onSuccess: () => {
      void message.success(t('health.recorded'));
      setError(null);
      form.resetFields(['value', 'systolic', 'diastolic']);
      onSaved();
      void qc.invalidateQueries({ queryKey: [HEALTH_KEY, 'vitals', elderId] });
    },
    onError: (e) =>
      setError(
        showSubmitError(form, e, t('common.loadFailed'), [
          'kind',
          'value',
          'systolic',
          'diastolic',
          'measuredAt',
        ]).summary,
      ),
  });
  return (
    <section aria-labelledby="vitals-record-title" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="vitals-record-title">
        {t('health.record')}
      </Typography.Title>
      <FormError error={error} />
      <Form
        form={form}
        name="vital-record"
        layout="inline"
        initialValues={{ kind: 'bp' }}
        onFinish={(v: Record<string, unknown>) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="kind" label={t('health.kind')}>
          <Select
            options={VITAL_KINDS.map((k) => ({ value: k, label: t(`health.kinds.${k}`) }))}
            style={{ width: 130 }}
            data-testid="record-kind"
          />
        </Form.Item>
        {kind === 'bp' || kind === undefined ? (
          <>
            <Form.Item name="systolic" label={t('health.systolic')}>
              <InputNumber data-testid="record-systolic" />
            </Form.Item>
            <Form.Item name="diastolic" label={t('health.diastolic')}>
              <InputNumber data-testid="record-diastolic" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="value" label={t('health.value')}>
            <InputNumber step={0.1} data-testid="record-value" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="record-submit">
          {t('common.save')}
        </Button>
      </Form>
    </section>
  );
}

/** The elder's thresholds (own or default) and, for managers, setting one kind's limits (audited). */
function Thresholds({
  elderId,
  items,
  editable,
}: {
  elderId: string;
  items: ThresholdView[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { kind: ThresholdKind; low?: number | null; high?: number | null }) =>
      setThreshold(elderId, v.kind, { low: v.low ?? null, high: v.high ?? null }),
    onSuccess: () => {
      void message.success(t('health.thresholdSaved'));
      setError(null);
      void qc.invalidateQueries({ queryKey: [HEALTH_KEY, 'vitals', elderId] });
    },
    onError: (e) => setError(showSubmitError(form, e, t('common.loadFailed'), ['low', 'high']).summary),
  });
  const range = (l: number | null, h: number | null) => `${l ?? '—'} ~ ${h ?? '—'}`;
  return (
    <section aria-labelledby="vitals-thresholds-title" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="vitals-thresholds-title">
        {t('health.thresholds')}
      </Typography.Title>
      <Table<ThresholdView>
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={items}
        data-testid="vitals-thresholds"
        columns={[
          {
            key: 'kind',
            title: t('health.kind'),
            dataIndex: 'kind',
            render: (k: ThresholdKind) => t(`health.thresholdKinds.${k}`),
          },
          {
            key: 'range',
            title: `${t('health.low')} ~ ${t('health.high')}`,
            render: (_: unknown, x) => range(x.low, x.high),
          },
          {
            key: 'own',
            title: t('health.own'),
            render: (_: unknown, x) =>
              x.own ? <Tag color="processing">{t('health.own')}</Tag> : <Tag>{t('health.default')}</Tag>,
          },
          {
            key: 'default',
            title: t('health.default'),
            render: (_: unknown, x) => range(x.default.low, x.default.high),
          },
        ]}
      />
      {editable && (
        <>
          <FormError error={error} />
          <Form
            form={form}
            name="vital-threshold"
            layout="inline"
            style={{ marginTop: 8 }}
            initialValues={{ kind: 'heart_rate' }}
            onFinish={(v: { kind: ThresholdKind; low?: number | null; high?: number | null }) =>
              save.mutate(v)
            }
          >
            <Form.Item name="kind" label={t('health.kind')}>
              <Select
                options={THRESHOLD_KINDS.map((k) => ({ value: k, label: t(`health.thresholdKinds.${k}`) }))}
                style={{ width: 130 }}
              />
            </Form.Item>
            <Form.Item name="low" label={t('health.low')}>
              <InputNumber step={0.1} data-testid="threshold-low" />
            </Form.Item>
            <Form.Item name="high" label={t('health.high')}>
              <InputNumber step={0.1} data-testid="threshold-high" />
            </Form.Item>
            <Button htmlType="submit" loading={save.isPending} data-testid="threshold-save">
              {t('health.setThreshold')}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
