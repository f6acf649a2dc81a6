import { Suspense, lazy, useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../app/RequireAuth.tsx';
import { Loading } from '../app/Loading.tsx';
import { CrashBoundary } from '../app/CrashBoundary.tsx';
import { useSession } from '../app/session.tsx';
import { applyElderMode, deviceElderMode } from './elderMode.ts';
import { setupPwa } from './pwa.ts';
import './mobile.css';

const MobileLogin = lazy(() => import('./MobileLogin.tsx'));
const MobileHome = lazy(() => import('./MobileHome.tsx'));
const MobileProfile = lazy(() => import('./MobileProfile.tsx'));
const MobileSettings = lazy(() => import('./MobileSettings.tsx'));
const MobileLanguage = lazy(() => import('./MobileLanguage.tsx'));
const MobileElders = lazy(() => import('./elder/MobileElders.tsx'));
const MobileElderDetail = lazy(() => import('./elder/MobileElderDetail.tsx'));
const MobileElderForm = lazy(() => import('./elder/MobileElderForm.tsx'));
const MobileMyRecord = lazy(() => import('./elder/MobileMyRecord.tsx'));
const MobileAssessments = lazy(() => import('./assessment/MobileAssessments.tsx'));
const MobileAssessmentForm = lazy(() => import('./assessment/MobileAssessmentForm.tsx'));
const MobileServices = lazy(() => import('./order/MobileServices.tsx'));
const MobileOrderForm = lazy(() => import('./order/MobileOrderForm.tsx'));
const MobileAlarms = lazy(() => import('./alarm/MobileAlarms.tsx'));
const MobileVisits = lazy(() => import('./visit/MobileVisits.tsx'));
const MobileVisit = lazy(() => import('./visit/MobileVisit.tsx'));
const MobileComplaints = lazy(() => import('./feedback/MobileComplaints.tsx'));

function Guarded({ children }: { children: React.ReactNode }) {
  return (
    <RequireAuth loginPath="/m/login" fallback={<Loading />}>
      {children}
    </RequireAuth>
  );
}

/** The mobile web app for caregivers, volunteers, elders and families, under /m. */
export default function MobileApp() {
  const { i18n } = useTranslation();
  const { me } = useSession();

  useEffect(() => {
    setupPwa();
    document.documentElement.classList.add('yy-mobile');
    return () => {
      document.documentElement.classList.remove('yy-mobile', 'yy-elder');
    };
  }, []);

  useEffect(() => {
    applyElderMode(me ? me.preferences.elderMode : deviceElderMode());
  }, [me]);

  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN}>
      <CrashBoundary home="/m/">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="login" element={<MobileLogin />} />
            <Route
              index
              element={
                <Guarded>
                  <MobileHome />
                </Guarded>
              }
            />
            <Route
              path="profile"
              element={
                <Guarded>
                  <MobileProfile />
                </Guarded>
              }
            />
            <Route
              path="settings"
              element={
                <Guarded>
                  <MobileSettings />
                </Guarded>
              }
            />
            <Route
              path="language"
              element={
                <Guarded>
                  <MobileLanguage />
                </Guarded>
              }
            />
            <Route
              path="visits"
              element={
                <Guarded>
                  <MobileVisits />
                </Guarded>
              }
            />
            <Route
              path="visits/:orderId"
              element={
                <Guarded>
                  <MobileVisit />
                </Guarded>
              }
            />
            <Route
              path="complaints"
              element={
                <Guarded>
                  <MobileComplaints />
                </Guarded>
              }
            />
            <Route
              path="elders"
              element={
                <Guarded>
                  <MobileElders />
                </Guarded>
              }
            />
            <Route
              path="my-record"
              element={
                <Guarded>
                  <MobileMyRecord />
                </Guarded>
              }
            />
            <Route
              path="elders/new"
              element={
                <Guarded>
                  <MobileElderForm />
                </Guarded>
              }
            />
            <Route
              path="elders/:id"
              element={
                <Guarded>
                  <MobileElderDetail />
                </Guarded>
              }
            />
            <Route
              path="elders/:id/edit"
              element={
                <Guarded>
                  <MobileElderForm />
                </Guarded>
              }
            />
            <Route
              path="assessments"
              element={
                <Guarded>
                  <MobileAssessments />
                </Guarded>
              }
            />
            <Route
              path="assessments/:id"
              element={
                <Guarded>
                  <MobileAssessmentForm />
                </Guarded>
              }
            />
            <Route
              path="services"
              element={
                <Guarded>
                  <MobileServices />
                </Guarded>
              }
            />
            <Route
              path="services/new"
              element={
                <Guarded>
                  <MobileOrderForm />
                </Guarded>
              }
            />
            <Route
              path="alarms"
              element={
                <Guarded>
                  <MobileAlarms />
                </Guarded>
              }
            />
            <Route path="*" element={<Navigate to="/m/" replace />} />
          </Routes>
        </Suspense>
      </CrashBoundary>
    </ConfigProvider>
  );
}
