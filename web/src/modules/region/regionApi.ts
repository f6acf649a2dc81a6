import { api } from '../../api/client.ts';
import type { Page, RegionDetail, RegionNode } from '../../api/types.ts';

/** Children of a node, or the caller's top-level nodes when `parent` is null. */
export async function fetchRegionChildren(parent: string | null): Promise<RegionNode[]> {
  const res = await api.get<Page<RegionNode> | RegionNode[]>('/regions', parent ? { parent } : undefined);
  return Array.isArray(res) ? res : res.items;
}

export function fetchRegion(code: string): Promise<RegionDetail> {
  return api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`);
}

export function isLeafRegion(node: RegionNode): boolean {
  if (node.hasChildren !== undefined) return !node.hasChildren;
  if (node.childCount !== undefined) return node.childCount === 0;
  return node.level === 'village';
}
