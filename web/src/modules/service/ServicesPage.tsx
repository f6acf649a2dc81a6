import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Menu, Typography } from 'antd';
import { AuditOutlined, FileProtectOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/Loading.tsx';
import CataloguePage from './CataloguePage.tsx';

const ContractsPage = lazy(() => import('./ContractsPage.tsx'));
const AgreementsPage = lazy(() => import('./AgreementsPage.tsx'));

/**
 * 居家上门服务 (PRODUCT.md §4.5): the district catalogue (服务清单) with what each elder category pays, the
 * providers' contracts and the service agreements (服务协议) with elders.
 */
export default function ServicesPage() {
  const { t } = useTranslation();
  const path = useLocation().pathname.replace(/\/$/, '');
  const selected = (['contracts', 'agreements'] as const).find((k) => path.endsWith(`/${k}`)) ?? 'catalogue';
  const tabs = [
    { key: 'catalogue', to: '/services', icon: <UnorderedListOutlined aria-hidden /> },
    { key: 'contracts', to: '/services/contracts', icon: <AuditOutlined aria-hidden /> },
    { key: 'agreements', to: '/services/agreements', icon: <FileProtectOutlined aria-hidden /> },
  ] as const;
  return (
    <section aria-labelledby="services-title">
      <Typography.Title level={1} className="yy-page-title" id="services-title">
        {t('service.title')}
      </Typography.Title>
      <nav aria-label={t('service.title')}>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ marginBottom: 16, background: 'transparent' }}
          items={tabs.map((tab) => ({
            key: tab.key,
            icon: tab.icon,
            label: (
              <Link to={tab.to} data-testid={`service-tab-${tab.key}`}>
                {t(`service.tabs.${tab.key}`)}
              </Link>
            ),
          }))}
        />
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<CataloguePage />} />
          <Route path="contracts" element={<ContractsPage />} />
          <Route path="agreements" element={<AgreementsPage />} />
        </Routes>
      </Suspense>
    </section>
  );
}
