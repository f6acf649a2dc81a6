import type { Me } from '@yiyang/contracts';

/**
 * The last signed-in assessor's or caregiver's profile (never the CSRF token or anything
 * secret), so the mobile app opens offline on a tablet and the downloaded
 * assessments stay usable (decision 006 "Offline tablet"). Kept only for users
 * who fill in assessments, removed on sign-out and when the server says the
 * session is gone.
 */
const KEY = 'yiyang.offlineProfile';
// Who works offline: the assessor's tablet, the caregiver's day (decision 024).
const OFFLINE_PERMISSIONS = ['assessment:perform', 'visit:perform'];

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberProfile(me: Me): void {
  const s = storage();
  if (!s) return;
  if (!OFFLINE_PERMISSIONS.some((p) => me.permissions.includes(p))) return s.removeItem(KEY);
  const { csrfToken: _secret, ...profile } = me;
  s.setItem(KEY, JSON.stringify(profile));
}

export function forgetProfile(): void {
  storage()?.removeItem(KEY);
}

/** The remembered profile, without a CSRF token (nothing can be written until the network returns). */
export function offlineProfile(): Me | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Omit<Me, 'csrfToken'>;
    return typeof p.id === 'string' && Array.isArray(p.permissions) ? { ...p, csrfToken: '' } : null;
  } catch {
    return null;
  }
}
