import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { regionLevel } from '@yiyang/contracts';
import { fetchRegion } from './regionApi.ts';
import { useMe } from '../../app/session.tsx';
import { useRegionTree, type RegionTreeNode } from './useRegionTree.ts';

function findTitle(nodes: RegionTreeNode[], code: string): string | undefined {
  for (const n of nodes) {
    if (n.key === code) return n.title;
    const hit = n.children && findTitle(n.children, code);
    if (hit) return hit;
  }
  return undefined;
}

/** Only village-level nodes (村/社区) stay selectable; the others just open. */
function villagesOnly(nodes: RegionTreeNode[]): (RegionTreeNode & { selectable: boolean })[] {
  return nodes.map((n) => ({
    ...n,
    selectable: (n.level ?? regionLevel(n.key)) === 'village',
    ...(n.children ? { children: villagesOnly(n.children) } : {}),
  }));
}

/**
 * Division picker with lazy children. `value`/`onChange` make it usable both
 * as the header switcher and as an antd Form control.
 */
export function RegionTreeSelect({
  value,
  valueLabel,
  onChange,
  id,
  ariaLabel,
  testId,
  style,
  allowClear,
  placeholder,
  leafOnly,
}: {
  value?: string | null;
  /** Name to show when the selected node is not loaded in the tree yet. */
  valueLabel?: string | null;
  onChange?: (code: string | null) => void;
  id?: string;
  ariaLabel?: string;
  testId?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  placeholder?: string;
  /** Allow choosing village-level nodes only (an elder's residence). */
  leafOnly?: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { treeData, loadData } = useRegionTree(me.regionCode, me.regionName);
  const inTree = value ? findTitle(treeData, value) : undefined;
  // A value deeper than the loaded tree is named from GET /regions/{code} (cached, shared key).
  const { data: detail } = useQuery({
    queryKey: ['region', value],
    queryFn: () => fetchRegion(value!),
    enabled: !!value && !inTree && !valueLabel,
    staleTime: 10 * 60_000,
  });

  return (
    <TreeSelect<{ value: string; label: React.ReactNode } | undefined>
      id={id}
      data-testid={testId}
      aria-label={ariaLabel ?? t('region.switcher')}
      style={{ minWidth: 220, ...style }}
      treeData={leafOnly ? villagesOnly(treeData) : treeData}
      loadData={loadData}
      labelInValue
      value={value ? { value, label: inTree ?? valueLabel ?? detail?.name ?? value } : undefined}
      onChange={(v) => onChange?.(v?.value ?? null)}
      treeDefaultExpandedKeys={me.regionCode ? [me.regionCode] : []}
      placeholder={placeholder ?? t('region.switcherPlaceholder')}
      allowClear={allowClear}
      showSearch={false}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
      treeNodeFilterProp="title"
    />
  );
}
