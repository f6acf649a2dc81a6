import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { Loading } from '../../app/Loading.tsx';
import { RealtimeProvider } from '../../app/realtime.tsx';
import { useMe } from '../../app/session.tsx';
import { RegionProvider } from '../region/RegionContext.tsx';
import { ConsoleProviders } from './ConsoleProviders.tsx';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { landingPath, MODULES, visibleModules } from './menu.tsx';

function NotFound({ forbidden }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  return (
    <Result
      status={forbidden ? '403' : '404'}
      title={forbidden ? t('common.forbiddenTitle') : t('common.notFoundTitle')}
      subTitle={forbidden ? t('common.forbidden') : t('common.notFound')}
      extra={
        <Button type="primary" href="/">
          {t('common.goHome')}
        </Button>
      }
    />
  );
}

function ConsoleRoutes() {
  const me = useMe();
  const visible = visibleModules(me.permissions);
  const landing = landingPath(me.roles, visible);
  const signedIn = (useLocation().state as { signedIn?: boolean } | null)?.signedIn === true;
  return (
    <RegionProvider>
      <RealtimeProvider>
        <ConsoleLayout modules={visible}>
          <Suspense fallback={<Loading />}>
            <Routes>
              {MODULES.filter((m) => m.available).map((m) => {
                const allowed = visible.includes(m);
                // Home: phone-only roles go to /m; right after sign-in, or without the overview, an account goes
                // where its role works; the menu's 首页 still opens the overview for those who may read it.
                const element =
                  m.path === '/' && landing !== '/' && (landing === '/m' || signedIn || !allowed) ? (
                    <Navigate to={landing} replace />
                  ) : allowed ? (
                    <m.page />
                  ) : (
                    <NotFound forbidden />
                  );
                return <Route key={m.key} path={m.path === '/' ? '/' : `${m.path}/*`} element={element} />;
              })}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </ConsoleLayout>
      </RealtimeProvider>
    </RegionProvider>
  );
}

export default function ConsoleApp() {
  return (
    <ConsoleProviders>
      <RequireAuth loginPath="/login" fallback={<Loading />}>
        <ConsoleRoutes />
      </RequireAuth>
    </ConsoleProviders>
  );
}
