import type { AssessmentLevelCount } from '@yiyang/contracts';
import { lazy, Suspense, useMemo } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatNumber } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ASSESSMENTS_KEY, fetchAssessmentStats } from './assessmentApi.ts';
import type { AssessmentStats } from './assessmentTypes.ts';
import { levelCountOption, percent } from './assessmentCharts.ts';
import { tableScroll } from '../../app/table.ts';

const AssessmentChart = lazy(() => import('../../app/Chart.tsx'));

type RegionRow = AssessmentStats['children'][number];

/** Counts by level and by child region, and the shares of 失能 / 半失能 (decision 006 `GET /stats/assessments`). */
export default function AssessmentStatsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const q = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'stats', regionCode],
    queryFn: ({ signal }) => fetchAssessmentStats(regionCode, signal),
    enabled: can('stats:read'),
  });
  const s = q.data;
  const option = useMemo(
    () =>
      levelCountOption(
        (s?.byLevel ?? []).map((l) => ({ name: en ? l.nameEn : l.name, count: l.count })),
        t('assessment.statsCount'),
      ),
    [s, t, en],
  );
  if (!can('stats:read')) return <Empty description={t('common.forbidden')} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!s) return <Skeleton active />;

  return (
    <div data-testid="assessment-stats">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('assessment.statsTotal')} value={s.assessed} data-testid="stats-assessed" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('elder.title')} value={s.elders} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('assessment.statsDisabled')}
              value={percent(s.disabledShare)}
              data-testid="stats-disabled-share"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('assessment.statsSemiDisabled')}
              value={percent(s.semiDisabledShare)}
              data-testid="stats-semi-disabled-share"
            />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('assessment.statsHint')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('assessment.statsByLevel')} size="small">
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 240 }} />}>
              <AssessmentChart option={option} height={240} label={t('assessment.statsByLevel')} />
            </Suspense>
            <Table
              rowKey={(r) => `${r.standardCode}-${r.level}`}
              size="small"
              pagination={false}
              dataSource={s.byLevel}
              data-testid="stats-by-level"
              columns={[
                {
                  key: 'name',
                  title: t('assessment.level'),
                  render: (_: unknown, l: AssessmentLevelCount) => (en ? l.nameEn : l.name),
                },
                {
                  key: 'count',
                  title: t('assessment.statsCount'),
                  dataIndex: 'count',
                  render: (n: number) => formatNumber(n),
                },
                {
                  key: 'share',
                  title: t('assessment.statsShare'),
                  dataIndex: 'share',
                  render: (v: number) => percent(v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('assessment.statsByRegion')} size="small">
            <Table<RegionRow>
              rowKey="regionCode"
              size="small"
              pagination={false}
              dataSource={s.children}
              data-testid="stats-by-region"
              scroll={tableScroll(640, s.children)}
              columns={[
                {
                  key: 'name',
                  title: t('assessment.region'),
                  render: (_: unknown, r) => r.regionName ?? r.regionCode,
                },
                {
                  key: 'elders',
                  title: t('elder.title'),
                  dataIndex: 'elders',
                  render: (n: number) => formatNumber(n),
                },
                {
                  key: 'assessed',
                  title: t('assessment.statsTotal'),
                  dataIndex: 'assessed',
                  render: (n: number) => formatNumber(n),
                },
                {
                  key: 'disabled',
                  title: t('assessment.statsDisabled'),
                  render: (_: unknown, r) => `${formatNumber(r.disabled)} (${percent(r.disabledShare)})`,
                },
                {
                  key: 'semi',
                  title: t('assessment.statsSemiDisabled'),
                  render: (_: unknown, r) =>
                    `${formatNumber(r.semiDisabled)} (${percent(r.semiDisabledShare)})`,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
