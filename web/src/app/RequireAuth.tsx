import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session.tsx';

/** Sends signed-out users to `loginPath?next=<where they were>`. */
export function RequireAuth({
  loginPath,
  fallback,
  children,
}: {
  loginPath: string;
  fallback: ReactNode;
  children: ReactNode;
}) {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <>{fallback}</>;
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`${loginPath}?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Only same-app relative paths are followed after sign-in. */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback;
  return next;
}
