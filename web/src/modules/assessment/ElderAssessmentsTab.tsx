import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { Empty, Skeleton, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { ASSESSMENTS_KEY, fetchElderAssessments } from './assessmentApi.ts';
import type { ElderAssessmentHistoryItem } from './assessmentTypes.ts';
import { AssessmentStatusTag, LevelTag } from './AssessmentTags.tsx';
import { levelPoints, levelTimelineOption } from './assessmentCharts.ts';

const AssessmentChart = lazy(() => import('../../app/Chart.tsx'));

/** 能力评估 tab of the elder drawer: every assessment of the elder and the level over time. */
export default function ElderAssessmentsTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'elder', elderId],
    queryFn: ({ signal }) => fetchElderAssessments(elderId, signal),
  });
  const items = q.data?.items ?? [];
  const points = useMemo(() => levelPoints(items), [items]);
  const option = useMemo(() => levelTimelineOption(points, t('assessment.levelAxis')), [points, t]);

  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  if (items.length === 0) return <Empty description={t('assessment.historyEmpty')} />;

  return (
    <div data-testid="elder-assessments">
      {points.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('assessment.levelOverTime')}
          </Typography.Title>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 220 }} />}>
            <AssessmentChart
              option={option}
              height={220}
              label={t('assessment.levelOverTime')}
              testId="elder-level-chart"
            />
          </Suspense>
        </>
      )}
      <Table<ElderAssessmentHistoryItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          {
            key: 'date',
            title: t('assessment.publishedAt'),
            render: (_: unknown, r) => (
              <Link to={`/assessments/${encodeURIComponent(r.id)}`} data-testid="elder-assessment-open">
                {formatDateTime(r.publishedAt ?? r.createdAt)}
              </Link>
            ),
          },
          {
            key: 'reason',
            title: t('assessment.reason'),
            render: (_: unknown, r) => t(`assessment.reasons.${r.reason}`),
          },
          {
            key: 'status',
            title: t('assessment.status'),
            render: (_: unknown, r) => <AssessmentStatusTag status={r.status} />,
          },
          {
            key: 'total',
            title: t('assessment.total'),
            dataIndex: 'total',
            render: (v: number | null) => v ?? '—',
          },
          {
            key: 'level',
            title: t('assessment.level'),
            render: (_: unknown, r) => <LevelTag code={r.level} name={r.levelName} />,
          },
        ]}
      />
    </div>
  );
}
