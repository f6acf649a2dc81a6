import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Locale } from '@yiyang/contracts';
import { api, isApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import type { Me, Preferences, PreferencesBody } from '@yiyang/contracts';
import { changeLocale, currentLocale } from '../i18n/index.ts';
import { clearOfflineData } from './offline/store.ts';
import { draftsBelongTo } from './drafts.ts';
import { forgetProfile, offlineProfile, rememberProfile } from './offline/profile.ts';

/**
 * The signed-in user (`GET /api/v1/me`), shared by the console and the mobile
 * app. `undefined` while the first probe runs, `null` when signed out.
 */
export interface Session {
  me: Me | null | undefined;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  setLocale: (locale: Locale) => Promise<void>;
  setElderMode: (on: boolean) => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const queryClient = useQueryClient();

  const adopt = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMe(next);
    if (next) {
      rememberProfile(next);
      draftsBelongTo(next.id);
    }
    // The saved preference wins after sign-in (PRODUCT.md §8: language persisted per user).
    if (next && next.preferences.locale !== currentLocale()) void changeLocale(next.preferences.locale);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const probe = () =>
      api
        .get<Me>('/me', undefined, { allowUnauthorized: true, signal: controller.signal })
        .then(adopt)
        .catch((e: unknown) => {
          if (e instanceof DOMException && e.name === 'AbortError') return;
          // Offline tablet (decision 006): the mobile app opens with the remembered
          // profile and asks again when the network returns.
          const offline = isApiError(e) && e.status === 0 ? offlineProfile() : null;
          if (offline && window.location.pathname.startsWith('/m')) {
            setCsrfToken(null);
            setMe(offline);
            window.addEventListener('online', () => void probe(), { once: true });
          } else adopt(null);
        });
    void probe();
    return () => controller.abort();
  }, [adopt]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      forgetProfile();
      setCsrfToken(null);
      setMe(null);
      queryClient.clear();
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const next = await api.post<Me>('/auth/login', { username, password }, { allowUnauthorized: true });
      queryClient.clear();
      adopt(next);
      return next;
    },
    [adopt, queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/auth/logout', undefined, { allowUnauthorized: true });
    } finally {
      // Downloaded assessments and drafts never outlive the sign-in (decision 006).
      await clearOfflineData();
      forgetProfile();
      queryClient.clear();
      draftsBelongTo(null);
      adopt(null);
    }
  }, [adopt, queryClient]);

  const patchPreferences = useCallback(async (patch: PreferencesBody) => {
    await api.patch<Preferences>('/me/preferences', patch);
    setMe((prev) => (prev ? { ...prev, preferences: { ...prev.preferences, ...patch } } : prev));
  }, []);

  const setLocale = useCallback(
    async (locale: Locale) => {
      await changeLocale(locale);
      if (me) await patchPreferences({ locale });
    },
    [me, patchPreferences],
  );

  const setElderMode = useCallback(
    async (on: boolean) => {
      // Optimistic: the switch reacts at once; a failure reverts it.
      setMe((prev) => (prev ? { ...prev, preferences: { ...prev.preferences, elderMode: on } } : prev));
      try {
        await patchPreferences({ elderMode: on });
      } catch (e) {
        setMe((prev) => (prev ? { ...prev, preferences: { ...prev.preferences, elderMode: !on } } : prev));
        throw e;
      }
    },
    [patchPreferences],
  );

  const value = useMemo<Session>(
    () => ({
      me,
      login,
      logout,
      setLocale,
      setElderMode,
      can: (permission: string) => !!me?.permissions.includes(permission),
    }),
    [me, login, logout, setLocale, setElderMode],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only inside routes guarded by RequireAuth. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
