import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Query } from '../api/client.ts';
import type { Page } from '@yiyang/contracts';

export const PAGE_SIZE = 20;

/** Cursor pagination (`?limit=&cursor=` → `{ items, nextCursor }`) with a "load more" button. */
export function usePaged<T>(key: string, path: string, query: Query, enabled = true) {
  const q = useInfiniteQuery({
    queryKey: [key, path, query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(path, { ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    enabled,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  // What a table shows: nothing until the first page is in, so a loading table shows its spinner and
  // not 暂无数据 under it (antd draws the empty placeholder for `[]` even while loading).
  const rows = q.data ? items : undefined;
  return { ...q, items, rows };
}
