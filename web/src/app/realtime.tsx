import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DomainEvent } from '@yiyang/contracts';
import { RealtimeClient } from '../api/realtime.ts';

/**
 * What an event makes stale: the queries of its module (keys starting with
 * the topic's module: `elder.updated` → 'elders', 'elder-options') and the
 * statistics. They are marked stale, not refetched: what is on screen stays
 * put while someone works on it, and is fetched again when next shown.
 */
function markStale(queryClient: QueryClient, e: DomainEvent | null): void {
  const module = e?.topic.split('.')[0];
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const key = String(q.queryKey[0]);
      return module === undefined || key.startsWith(module) || key.startsWith('stats');
    },
    refetchType: 'none',
  });
}

const RealtimeContext = createContext<RealtimeClient | null>(null);

/** The session's realtime client, for pages that act on events as they come (the dispatch board). */
export function useRealtime(): RealtimeClient | null {
  return useContext(RealtimeContext);
}

/**
 * The signed-in console's realtime connection, one per session. A page that
 * acts on events as they come would get this client from a context here and
 * subscribe with `client.on(topic, handler)` (typed by the EventMap).
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [client] = useState(() => new RealtimeClient());
  useEffect(() => {
    const offAny = client.onAny((e) => markStale(queryClient, e));
    const offReset = client.onReset(() => markStale(queryClient, null));
    client.start();
    return () => {
      offAny();
      offReset();
      client.stop();
    };
  }, [client, queryClient]);
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}
