import { api } from '../../api/client.ts';
import type { RegionDetailView, RegionView } from '@yiyang/contracts';

/** Children of a node, or the caller's top-level nodes when `parent` is null. */
export async function fetchRegionChildren(parent: string | null): Promise<RegionView[]> {
  const res = await api.get<{ items: RegionView[] }>('/regions', parent ? { parent } : undefined);
  return res.items;
}

export function fetchRegion(code: string): Promise<RegionDetailView> {
  return api.get<RegionDetailView>(`/regions/${encodeURIComponent(code)}`);
}

export function isLeafRegion(node: RegionView): boolean {
  return !node.hasChildren;
}
