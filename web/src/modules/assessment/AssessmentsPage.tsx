import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Menu, Typography } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/Loading.tsx';
import { useSession } from '../../app/session.tsx';
import { REGION_PARAM } from '../region/RegionContext.tsx';
import AssessmentQueuePage from './AssessmentQueuePage.tsx';

// The detail page and the statistics pull ECharts; both load on demand.
const AssessmentDuePage = lazy(() => import('./AssessmentDuePage.tsx'));
const AssessmentDetailPage = lazy(() => import('./AssessmentDetailPage.tsx'));
const AssessmentStatsPage = lazy(() => import('./AssessmentStatsPage.tsx'));
const AssessmentLevelReviewPage = lazy(() => import('./AssessmentLevelReviewPage.tsx'));

/**
 * 老年人能力评估 (PRODUCT.md §4.3, decision 006): the queue, the due/overdue
 * list per region, one assessment's detail, statistics, and the published results that their
 * Appendix A contradicts (for the agency lead and the bureau).
 */
export default function AssessmentsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const location = useLocation();
  const region = new URLSearchParams(location.search).get(REGION_PARAM);
  const withRegion = (path: string) => (region ? `${path}?${REGION_PARAM}=${region}` : path);
  const path = location.pathname.replace(/\/$/, '');
  const selected = (['due', 'stats', 'level-review'] as const).find((k) => path.endsWith(`/${k}`)) ?? 'queue';
  const tabs = [
    {
      key: 'queue',
      to: '/assessments',
      icon: <UnorderedListOutlined aria-hidden />,
      label: t('assessment.queue'),
    },
    {
      key: 'due',
      to: '/assessments/due',
      icon: <ClockCircleOutlined aria-hidden />,
      label: t('assessment.due'),
    },
    {
      key: 'stats',
      to: '/assessments/stats',
      icon: <BarChartOutlined aria-hidden />,
      label: t('assessment.stats'),
    },
    ...(can('assessment:review')
      ? [
          {
            key: 'level-review',
            to: '/assessments/level-review',
            icon: <AuditOutlined aria-hidden />,
            label: t('assessment.levelReview'),
          },
        ]
      : []),
  ];

  return (
    <section aria-labelledby="assessments-title">
      <Typography.Title level={1} className="yy-page-title" id="assessments-title">
        {t('assessment.title')}
      </Typography.Title>
      <nav aria-label={t('assessment.title')}>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ marginBottom: 16, background: 'transparent' }}
          items={tabs.map((tab) => ({
            key: tab.key,
            icon: tab.icon,
            label: (
              <Link to={withRegion(tab.to)} data-testid={`assessment-tab-${tab.key}`}>
                {tab.label}
              </Link>
            ),
          }))}
        />
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<AssessmentQueuePage />} />
          <Route path="due" element={<AssessmentDuePage />} />
          <Route path="stats" element={<AssessmentStatsPage />} />
          <Route path="level-review" element={<AssessmentLevelReviewPage />} />
          <Route path=":id" element={<AssessmentDetailPage />} />
        </Routes>
      </Suspense>
    </section>
  );
}
