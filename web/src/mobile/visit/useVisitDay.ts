import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { loadDay, pendingVisits, syncVisits, type CachedDay } from './visitOffline.ts';

/**
 * The caregiver's cached day and its queue: loads (the server when online, the device otherwise), sends the
 * queue on load and whenever the browser comes back online, and reports what is still to send.
 */
export function useVisitDay() {
  const { me } = useSession();
  const userId = me?.id ?? '';
  const [day, setDay] = useState<CachedDay | null>(null);
  const [offline, setOffline] = useState(false);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async () => {
    if (!userId) return;
    const sent = await syncVisits(userId);
    const r = await loadDay(userId);
    const left = await pendingVisits(userId);
    setDay(r.day);
    setOffline(r.offline || sent.offline);
    setPending(left.length);
    setError(left.find((a) => a.error)?.error?.detail ?? null);
    setLoaded(true);
  }, [userId]);

  useEffect(() => {
    void refresh();
    const online = () => void refresh();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [refresh]);

  return { userId, day, offline, pending, error, loaded, refresh };
}
