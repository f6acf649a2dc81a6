import { useCallback, useEffect, useState } from 'react';
import type { RegionView } from '@yiyang/contracts';
import { fetchRegionChildren, isLeafRegion } from './regionApi.ts';

export interface RegionTreeNode {
  key: string;
  value: string;
  title: string;
  level: RegionView['level'] | undefined;
  isLeaf: boolean;
  children?: RegionTreeNode[];
}

function toNode(n: RegionView): RegionTreeNode {
  return { key: n.code, value: n.code, title: n.name, level: n.level, isLeaf: isLeafRegion(n) };
}

function attach(nodes: RegionTreeNode[], code: string, children: RegionTreeNode[]): RegionTreeNode[] {
  return nodes.map((n) => {
    if (n.key === code) return { ...n, children, isLeaf: children.length === 0 };
    if (n.children) return { ...n, children: attach(n.children, code, children) };
    return n;
  });
}

/**
 * Lazily loaded division tree rooted at the user's own region
 * (`GET /regions?parent=CODE` per expanded node). Without a root region the
 * tree starts from the top-level nodes the server returns for the caller.
 */
export function useRegionTree(rootCode: string | null, rootName: string | null) {
  const [treeData, setTreeData] = useState<RegionTreeNode[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    if (rootCode) {
      setTreeData([
        { key: rootCode, value: rootCode, title: rootName ?? rootCode, level: undefined, isLeaf: false },
      ]);
      // The root opens expanded: its children are loaded at once.
      fetchRegionChildren(rootCode)
        .then((items) => !cancelled && setTreeData((prev) => attach(prev, rootCode, items.map(toNode))))
        .catch((e: unknown) => !cancelled && setError(e));
      return () => {
        cancelled = true;
      };
    }
    fetchRegionChildren(null)
      .then((items) => !cancelled && setTreeData(items.map(toNode)))
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [rootCode, rootName]);

  const loadData = useCallback(async (node: { key?: React.Key; value?: React.Key; children?: unknown }) => {
    const code = String(node.key ?? node.value);
    if (node.children) return;
    try {
      const items = await fetchRegionChildren(code);
      setTreeData((prev) => attach(prev, code, items.map(toNode)));
    } catch (e) {
      setError(e);
    }
  }, []);

  return { treeData, loadData, error };
}
