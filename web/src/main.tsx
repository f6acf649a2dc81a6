import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './i18n/index.ts';
import { SessionProvider } from './app/session.tsx';
import { Loading } from './app/Loading.tsx';
import { CrashBoundary } from './app/CrashBoundary.tsx';
import { isApiError } from './api/client.ts';

// Each top-level area is its own chunk: the login page must not pull the
// console layout, tables or the mobile app (PRODUCT.md §6: ≤ 500 KB gz first page).
const LoginPage = lazy(() => import('./modules/auth/LoginPage.tsx'));
const ConsoleApp = lazy(() => import('./modules/layout/ConsoleApp.tsx'));
const MobileApp = lazy(() => import('./mobile/MobileApp.tsx'));
const PublicCataloguePage = lazy(() => import('./modules/service/PublicCataloguePage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx will not get better by retrying.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          {/* The last resort; the console layout and the phone app have their own, closer ones. */}
          <CrashBoundary home={window.location.pathname.startsWith('/m') ? '/m/' : '/'}>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/public/catalogue" element={<PublicCataloguePage />} />
                <Route path="/m/*" element={<MobileApp />} />
                <Route path="/*" element={<ConsoleApp />} />
              </Routes>
            </Suspense>
          </CrashBoundary>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
