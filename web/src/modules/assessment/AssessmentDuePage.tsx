import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Empty, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ASSESSMENTS_KEY, fetchDue } from './assessmentApi.ts';
import type { AssessmentDueItem } from './assessmentTypes.ts';
import { AssessmentStatusTag, LevelTag } from './AssessmentTags.tsx';
import { ApplyModal } from './ApplyModal.tsx';
import { tableScroll } from '../../app/table.ts';

const WITHIN = [0, 7, 30, 90] as const;

/** Elders due or overdue for (re)assessment in the current region (decision 006 `GET /assessments/due`). */
export default function AssessmentDuePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [within, setWithin] = useState<number>(30);
  const [applyFor, setApplyFor] = useState<AssessmentDueItem | null>(null);
  const q = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'due', regionCode, within],
    queryFn: ({ signal }) => fetchDue(regionCode, within, signal),
  });
  const region = regionCode ? `?region=${regionCode}` : '';

  const columns: ColumnsType<AssessmentDueItem> = [
    { key: 'elder', title: t('assessment.elder'), dataIndex: 'elderNameMasked' },
    { key: 'region', title: t('assessment.region'), dataIndex: 'regionName' },
    {
      key: 'kind',
      title: t('assessment.dueKind'),
      dataIndex: 'kind',
      render: (k: AssessmentDueItem['kind']) =>
        t(`assessment.dueKinds.${k === 'never_assessed' ? 'never' : k}`),
    },
    {
      key: 'dueOn',
      title: t('assessment.dueOn'),
      dataIndex: 'dueOn',
      render: (d: string, row) => (
        <span>
          {d}{' '}
          {row.overdue ? (
            <Tag
              style={{ color: '#a51d1d', background: '#fdecec', borderColor: '#f5b5b5' }}
              data-testid="due-overdue"
            >
              {t('assessment.overdue')}
            </Tag>
          ) : (
            <Tag>{t('assessment.dueSoon')}</Tag>
          )}
        </span>
      ),
    },
    {
      key: 'last',
      title: t('assessment.lastLevel'),
      render: (_: unknown, row) => (
        <span>
          <LevelTag code={row.lastLevel} />
          {row.lastPublishedAt ? formatDateTime(row.lastPublishedAt) : '—'}
        </span>
      ),
    },
    {
      key: 'open',
      title: t('assessment.openAssessment'),
      render: (_: unknown, row) =>
        row.openAssessmentId ? (
          <Link
            to={`/assessments/${encodeURIComponent(row.openAssessmentId)}${region}`}
            data-testid="due-open"
          >
            {row.openStatus ? <AssessmentStatusTag status={row.openStatus} /> : t('assessment.open')}
          </Link>
        ) : can('assessment:apply') ? (
          <Button size="small" onClick={() => setApplyFor(row)} data-testid="due-apply">
            {t('assessment.apply')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <div className="yy-toolbar">
        <Select
          aria-label={t('assessment.dueWithin')}
          value={within}
          onChange={setWithin}
          options={WITHIN.map((d) => ({ value: d, label: t('assessment.dueWithinDays', { days: d }) }))}
          style={{ width: 180 }}
          data-testid="due-within"
        />
      </div>
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      <Table<AssessmentDueItem>
        rowKey="elderId"
        data-testid="due-table"
        loading={q.isPending && !q.error}
        dataSource={q.data?.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={tableScroll(900, q.data?.items)}
        columns={columns}
        rowClassName={(r) => (r.overdue ? 'yy-row-overdue' : '')}
        locale={{ emptyText: <Empty description={t('assessment.dueEmpty')} /> }}
      />
      <ApplyModal
        open={!!applyFor}
        elderId={applyFor?.elderId}
        elderLabel={applyFor?.elderNameMasked}
        regionCode={regionCode}
        onClose={() => setApplyFor(null)}
      />
    </>
  );
}
