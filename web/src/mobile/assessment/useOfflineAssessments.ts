import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ASSESSMENTS_KEY,
  fetchAssessment,
  fetchPrefill,
  fetchStandard,
  syncApi,
} from '../../modules/assessment/assessmentApi.ts';
import { offlineStore } from '../../modules/assessment/offlineStore.ts';
import {
  newLocal,
  refreshLocal,
  syncAll,
  type LocalAssessment,
  type SyncOutcome,
} from '../../modules/assessment/offlineSync.ts';

export { ASSESSMENTS_KEY };

const nowIso = () => new Date().toISOString();

/** `navigator.onLine` with its events; the sync also learns from failed requests. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Downloads an assessment for offline use: the detail, the standard's data and,
 * for a form never saved, Appendix A prefilled from the registry. Unsent local
 * work on the device is kept.
 */
export async function downloadAssessment(id: string, userId: string): Promise<LocalAssessment> {
  const store = offlineStore();
  const detail = await fetchAssessment(id);
  const standard = await fetchStandard(detail.standardCode);
  const prefill = detail.revision === 0 ? await fetchPrefill(id).catch(() => null) : null;
  const prev = await store.get(id);
  const rec =
    prev && prev.userId === userId
      ? refreshLocal(prev, detail, standard, nowIso(), prefill?.basicInfo)
      : newLocal(detail, standard, userId, nowIso(), prefill?.basicInfo);
  await store.put(rec);
  return rec;
}

/** The copies of the signed-in assessor on this device, re-read after every sync. */
export function useLocalAssessments(userId: string) {
  const [items, setItems] = useState<LocalAssessment[] | null>(null);
  const reload = useCallback(async () => {
    const all = await offlineStore().list();
    setItems(all.filter((r) => r.userId === userId));
  }, [userId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, reload };
}

/**
 * Sends unsent work when the network is (back) online and on demand. Returns
 * whether a sync is running and the last outcome per assessment.
 */
export function useAutoSync(userId: string, online: boolean, onDone?: () => void) {
  const [syncing, setSyncing] = useState(false);
  const [last, setLast] = useState<Record<string, SyncOutcome>>({});
  const running = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setSyncing(true);
    try {
      const out = await syncAll(offlineStore(), syncApi, userId, nowIso);
      setLast(out);
    } catch (e) {
      console.warn('sync failed', e);
    } finally {
      running.current = false;
      setSyncing(false);
      done.current?.();
    }
  }, [userId]);

  useEffect(() => {
    if (online) void run();
  }, [online, run]);

  return { syncing, last, run };
}
