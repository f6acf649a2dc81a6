import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Menu, Typography } from 'antd';
import { EnvironmentOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/Loading.tsx';
import { REGION_PARAM } from '../region/RegionContext.tsx';
import ElderListPage from './ElderListPage.tsx';

// ECharts is loaded only when the map is opened.
const ElderMapPage = lazy(() => import('./ElderMapPage.tsx'));

/**
 * 老年人信息库 (PRODUCT.md §4.2): list with filters and the detail drawer,
 * and the distribution map.
 * TODO(issue 3+): assessments, services, alarms and subsidies tabs in the
 * detail drawer when those modules land (no empty tabs before that).
 */
export default function ElderRegistryPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const region = new URLSearchParams(location.search).get(REGION_PARAM);
  const withRegion = (path: string) => (region ? `${path}?${REGION_PARAM}=${region}` : path);
  const onMap = location.pathname.replace(/\/$/, '').endsWith('/map');

  return (
    <section aria-labelledby="elders-title">
      <Typography.Title level={1} className="yy-page-title" id="elders-title">
        {t('elder.title')}
      </Typography.Title>
      <nav aria-label={t('elder.title')}>
        <Menu
          mode="horizontal"
          selectedKeys={[onMap ? 'map' : 'list']}
          style={{ marginBottom: 16, background: 'transparent' }}
          items={[
            {
              key: 'list',
              icon: <UnorderedListOutlined aria-hidden />,
              label: (
                <Link to={withRegion('/elders')} data-testid="elder-tab-list">
                  {t('elder.list')}
                </Link>
              ),
            },
            {
              key: 'map',
              icon: <EnvironmentOutlined aria-hidden />,
              label: (
                <Link to={withRegion('/elders/map')} data-testid="elder-tab-map">
                  {t('elder.map')}
                </Link>
              ),
            },
          ]}
        />
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<ElderListPage />} />
          <Route path="map" element={<ElderMapPage />} />
        </Routes>
      </Suspense>
    </section>
  );
}
