import type { ReactNode } from 'react';
import { Button, Dropdown, Layout, Menu, Typography } from 'antd';
import { DownOutlined, EnvironmentOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CrashBoundary } from '../../app/CrashBoundary.tsx';
import { useMe, useSession } from '../../app/session.tsx';
import { REGION_PARAM, useCurrentRegion } from '../region/RegionContext.tsx';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { AppLogo } from './AppLogo.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import type { ModuleEntry } from './menu.tsx';

function activeKey(pathname: string, modules: ModuleEntry[]): string | undefined {
  const match = [...modules]
    .sort((a, b) => b.path.length - a.path.length)
    .find((m) =>
      m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`),
    );
  return match?.key;
}

export function ConsoleLayout({ modules, children }: { modules: ModuleEntry[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const { regionCode, regionName, setRegion } = useCurrentRegion();
  const location = useLocation();
  const navigate = useNavigate();

  // Keep the chosen region when moving between modules.
  const regionQuery = new URLSearchParams(location.search).get(REGION_PARAM);
  const withRegion = (path: string) => (regionQuery ? `${path}?${REGION_PARAM}=${regionQuery}` : path);
  const selected = activeKey(location.pathname, modules);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="yy-skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="yy-header">
        <Link to={withRegion('/')} className="yy-brand" aria-label={t('app.fullName')}>
          <AppLogo size={32} />
          <span>{t('app.name')}</span>
        </Link>
        {(me.regionCode || regionCode) && (
          <div className="yy-header-region">
            <EnvironmentOutlined aria-hidden style={{ color: '#0a6b5a' }} />
            <Typography.Text strong data-testid="current-region-name">
              <span className="yy-visually-hidden">{t('region.currentLabel')}</span>
              {regionName ?? regionCode}
            </Typography.Text>
            <RegionTreeSelect
              testId="region-switcher"
              ariaLabel={t('region.switcher')}
              value={regionCode}
              valueLabel={regionName}
              onChange={(code) => setRegion(code)}
              style={{ width: 240 }}
            />
          </div>
        )}
        <div className="yy-header-spacer" />
        <LanguageSwitch />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'who',
                label: t('auth.signedInAs', { name: me.displayName }),
                disabled: true,
              },
              { type: 'divider' },
              {
                key: 'logout',
                icon: <LogoutOutlined />,
                label: <span data-testid="logout">{t('auth.logout')}</span>,
                onClick: () => void logout().then(() => navigate('/login', { replace: true })),
              },
            ],
          }}
        >
          <Button type="text" data-testid="user-menu" aria-label={`${t('nav.userMenu')}: ${me.displayName}`}>
            <UserOutlined aria-hidden />
            <span>{me.displayName}</span>
            <DownOutlined aria-hidden style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={208} className="yy-sider" breakpoint="lg" collapsedWidth={64} theme="light">
          <nav aria-label={t('nav.main')}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              items={modules.map((m) => ({
                key: m.key,
                icon: m.icon,
                label: (
                  <Link to={withRegion(m.path)} data-testid={`menu-${m.key}`}>
                    {t(m.labelKey)}
                  </Link>
                ),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="yy-content" id="main-content" tabIndex={-1}>
          <CrashBoundary home={withRegion('/')}>{children}</CrashBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
