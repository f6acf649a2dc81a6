import { useState } from 'react';
import { Button, Segmented, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, buildUrl } from '../../api/client.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import type { PlanTable } from './facilityTypes.ts';

type Row = PlanTable['rows'][number] | (PlanTable['total'] & { seq: null; code: 'total'; name: string });

/**
 * 全覆盖计划表 (issue 18 §4): `000_…` 附件2 (streets and communities) and 附件3 (rural) generated from the
 * live registry — existing, planned per year, the number of communities or villages, totals — and the same
 * table as a workbook in the plan's layout.
 */
export default function PlanTablesPage() {
  const { t } = useTranslation();
  const [table, setTable] = useState<'2' | '3'>('2');
  const q = useQuery({
    queryKey: ['facilities', 'plan', table],
    queryFn: ({ signal }) => api.get<PlanTable>('/facilities/plan-tables', { table }, { signal }),
  });
  const p = q.data;
  const cell = (v: number) => (v === 0 ? '' : v);
  const group = (key: 'centres' | 'points', title: string) => ({
    key,
    title,
    children: [
      {
        key: `${key}-e`,
        title: t('facility.plan.existing'),
        render: (_: unknown, r: Row) => cell(r[key].existing),
      },
      ...(p?.years ?? []).map((y, j) => ({
        key: `${key}-${y}`,
        title: t('facility.plan.year', { year: y }),
        render: (_: unknown, r: Row) => cell(r[key].planned[j] ?? 0),
      })),
    ],
  });
  const rows: Row[] = p
    ? [...p.rows, { ...p.total, seq: null, code: 'total', name: t('facility.plan.total') }]
    : [];
  return (
    <section aria-labelledby="plan-title">
      <Typography.Title level={1} className="yy-page-title" id="plan-title">
        {t('facility.planTitle')}
      </Typography.Title>
      <div className="yy-toolbar">
        <Segmented
          aria-label={t('facility.planTable')}
          value={table}
          onChange={(v) => setTable(v as '2' | '3')}
          options={[
            { value: '2', label: t('facility.planTable2') },
            { value: '3', label: t('facility.planTable3') },
          ]}
          data-testid="plan-switch"
        />
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={buildUrl('/facilities/plan-tables.xlsx', { table })}
          download
          data-testid="plan-download"
        >
          {t('facility.planDownload')}
        </Button>
      </div>
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {p && (
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {p.title}
        </Typography.Title>
      )}
      <Table<Row>
        rowKey="code"
        size="small"
        bordered
        pagination={false}
        loading={q.isPending && !q.error}
        data-testid="plan-table"
        dataSource={rows}
        columns={[
          { key: 'seq', title: t('facility.plan.seq'), dataIndex: 'seq', width: 60 },
          { key: 'name', title: t('facility.plan.unit'), dataIndex: 'name', width: 120 },
          group('centres', table === '2' ? t('facility.plan.centres2') : t('facility.plan.centres3')),
          {
            key: 'units',
            title: table === '2' ? t('facility.plan.units2') : t('facility.plan.units3'),
            dataIndex: 'units',
          },
          group('points', table === '2' ? t('facility.plan.points2') : t('facility.plan.points3')),
        ]}
      />
    </section>
  );
}
