import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import './crash.css';

/**
 * One error boundary for the console and the phone app: a render error below
 * it shows a message with 重试 instead of unmounting the whole app (a white
 * screen that lost what the worker typed). 重试 mounts the page again; forms
 * start from their drafts (`drafts.ts`). The data the crashed page had loaded
 * is dropped first, so 重试 fetches it again rather than re-rendering the same
 * bad answer. Moving to another page clears the error too.
 */
export function CrashBoundary({ home, children }: { home: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  return (
    <ErrorBoundary
      resetKeys={[pathname]}
      onReset={() => queryClient.removeQueries({ type: 'inactive' })}
      fallbackRender={(props) => <CrashNotice {...props} home={home} />}
    >
      {children}
    </ErrorBoundary>
  );
}

function CrashNotice({ resetErrorBoundary, home }: FallbackProps & { home: string }) {
  const { t } = useTranslation();
  return (
    <div className="yy-crash" role="alert" data-testid="crash">
      <h1 className="yy-crash-title">{t('crash.title')}</h1>
      <p>{t('crash.body')}</p>
      <div className="yy-crash-actions">
        <button
          type="button"
          className="yy-crash-retry"
          onClick={() => resetErrorBoundary()}
          data-testid="crash-retry"
        >
          {t('common.retry')}
        </button>
        <Link to={home} className="yy-crash-home" data-testid="crash-home">
          {t('common.goHome')}
        </Link>
      </div>
    </div>
  );
}
