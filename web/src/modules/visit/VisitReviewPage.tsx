import { useState } from 'react';
import { Button, Empty, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  VISIT_ANOMALY_KINDS,
  VISIT_RESOLUTION_CODES,
  VISIT_STATES,
  type VisitAnomalyKind,
  type VisitResolutionCode,
  type VisitState,
} from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { chinaDay } from '../../app/chinaDate.ts';

interface Anomaly {
  id: string;
  kind: VisitAnomalyKind;
  detectedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolutionCode: string | null;
}
interface ReviewItem {
  id: string;
  orderId: string;
  itemCode: string;
  caregiverName: string | null;
  startedAt: string | null;
  endedAt: string | null;
  state: VisitState;
  anomalies: Anomaly[];
}
interface ShareRow {
  providerId: string | null;
  caregiverId?: string | null;
  caregiverName?: string | null;
  visits: number;
  verifiedShare: number;
  kindShare: Record<string, number>;
}

const KEY = 'visits';
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** Visit verification (decision 024): the exception queue and EVV compliance per provider and caregiver. */
export default function VisitReviewPage() {
  const { t } = useTranslation();
  return (
    <Tabs
      data-testid="visit-tabs"
      items={[
        { key: 'queue', label: t('visit.review.queue'), children: <Queue /> },
        { key: 'compliance', label: t('visit.review.compliance'), children: <Compliance /> },
      ]}
    />
  );
}

function Queue() {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const qc = useQueryClient();
  const [state, setState] = useState<VisitState | undefined>('anomalous');
  const [kind, setKind] = useState<VisitAnomalyKind | undefined>();
  const [code, setCode] = useState<VisitResolutionCode>('verified_by_phone');
  const [note, setNote] = useState('');
  const q = useQuery({
    queryKey: [KEY, regionCode, state, kind],
    queryFn: ({ signal }) =>
      api.get<{ items: ReviewItem[] }>('/visits', { regionCode, state, kind, limit: 100 }, { signal }),
  });
  const resolve = async (v: ReviewItem, a: Anomaly) => {
    await api.post(
      `/visits/${v.id}/anomalies/${a.id}/resolve`,
      { code, ...(note ? { note } : {}) },
      { headers: { 'Idempotency-Key': crypto.randomUUID() } },
    );
    await qc.invalidateQueries({ queryKey: [KEY] });
  };
  const columns: ColumnsType<ReviewItem> = [
    { title: t('visit.review.caregiver'), dataIndex: 'caregiverName' },
    {
      title: t('visit.review.startedAt'),
      render: (_, v) => (v.startedAt ? formatDateTime(v.startedAt) : '—'),
    },
    { title: t('visit.review.endedAt'), render: (_, v) => (v.endedAt ? formatDateTime(v.endedAt) : '—') },
    { title: t('visit.review.state'), render: (_, v) => <Tag>{t(`visit.review.states.${v.state}`)}</Tag> },
    {
      title: t('visit.review.kind'),
      render: (_, v) => (
        <Space direction="vertical">
          {v.anomalies.map((a) => (
            <Space key={a.id} data-testid="visit-anomaly" data-kind={a.kind}>
              <Tag color={a.resolvedAt ? 'green' : 'red'}>{t(`visit.review.kinds.${a.kind}`)}</Tag>
              {a.resolvedAt ? (
                <span>{t(`visit.review.codes.${a.resolutionCode as VisitResolutionCode}`)}</span>
              ) : (
                <Button size="small" onClick={() => void resolve(v, a)} data-testid="visit-resolve">
                  {t('visit.review.resolve')}
                </Button>
              )}
            </Space>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('visit.review.state')}
          allowClear
          value={state}
          onChange={setState}
          style={{ minWidth: 140 }}
          options={VISIT_STATES.map((s) => ({ value: s, label: t(`visit.review.states.${s}`) }))}
        />
        <Select
          aria-label={t('visit.review.kind')}
          allowClear
          value={kind}
          onChange={setKind}
          style={{ minWidth: 180 }}
          options={VISIT_ANOMALY_KINDS.map((k) => ({ value: k, label: t(`visit.review.kinds.${k}`) }))}
        />
        <Select
          aria-label={t('visit.review.reason')}
          value={code}
          onChange={setCode}
          style={{ minWidth: 200 }}
          options={VISIT_RESOLUTION_CODES.map((c) => ({ value: c, label: t(`visit.review.codes.${c}`) }))}
        />
        <Input
          aria-label={t('visit.review.note')}
          placeholder={t('visit.review.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Space>
      {q.isError ? (
        <LoadError error={q.error} />
      ) : (
        <Table
          rowKey="id"
          data-testid="visit-queue"
          loading={q.isLoading}
          columns={columns}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('visit.review.empty')} /> }}
        />
      )}
    </>
  );
}

function Compliance() {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const to = chinaDay(Date.now());
  const from = chinaDay(Date.now() - 29 * 86_400_000);
  const q = useQuery({
    queryKey: [KEY, 'compliance', regionCode, from, to],
    queryFn: ({ signal }) =>
      api.get<{ providers: ShareRow[]; caregivers: ShareRow[] }>(
        '/visits/compliance',
        { regionCode, from, to },
        { signal },
      ),
  });
  const shareColumns = (first: ColumnsType<ShareRow>): ColumnsType<ShareRow> => [
    ...first,
    { title: t('visit.review.visits'), dataIndex: 'visits' },
    { title: t('visit.review.verifiedShare'), render: (_, r) => pct(r.verifiedShare) },
    {
      title: t('visit.review.anomalyShare'),
      render: (_, r) =>
        Object.entries(r.kindShare)
          .map(([k, v]) => `${t(`visit.review.kinds.${k as VisitAnomalyKind}`)} ${pct(v)}`)
          .join('；') || '—',
    },
  ];
  if (q.isError) return <LoadError error={q.error} />;
  return (
    <>
      <Table
        rowKey={(r) => String(r.providerId)}
        data-testid="visit-compliance-providers"
        loading={q.isLoading}
        columns={shareColumns([{ title: t('visit.review.provider'), render: (_, r) => r.providerId ?? '—' }])}
        dataSource={q.data?.providers ?? []}
        pagination={false}
      />
      <Table
        rowKey={(r) => `${r.providerId}|${r.caregiverId}`}
        data-testid="visit-compliance-caregivers"
        loading={q.isLoading}
        columns={shareColumns([{ title: t('visit.review.caregiver'), dataIndex: 'caregiverName' }])}
        dataSource={q.data?.caregivers ?? []}
        pagination={false}
        style={{ marginTop: 24 }}
      />
    </>
  );
}
