import { api } from '../../api/client.ts';
import type { Page, RegionDetailView, RegionView } from '@yiyang/contracts';

/** Children of a node, or the caller's top-level nodes when `parent` is null. */
export async function fetchRegionChildren(parent: string | null): Promise<RegionView[]> {
  const res = await api.get<Page<RegionView> | RegionView[]>('/regions', parent ? { parent } : undefined);
  return Array.isArray(res) ? res : res.items;
}

export function fetchRegion(code: string): Promise<RegionDetailView> {
  return api.get<RegionDetailView>(`/regions/${encodeURIComponent(code)}`);
}

export function isLeafRegion(node: RegionView): boolean {
  return !node.hasChildren;
}
