import { regionPrefix } from '@yiyang/contracts';

/**
 * Statistics by child region — the one helper every statistic uses. A child counts exactly the
 * rows of its own subtree: those whose region code starts with the child's prefix
 * (`regionPrefix`, the scope rule), so 枣园社区 500110001010 never counts 飞鹅社区 …011, 春光村 …200
 * never 尖山村 …201, and 綦江区 500110 never 大足区 500111. Rows outside every child are left out;
 * each row lands in at most one child.
 */
export function tallyByChildRegion<C extends { code: string }, T, R>(
  children: readonly C[],
  rows: Iterable<T>,
  regionOf: (row: T) => string,
  tally: (child: C, rows: T[]) => R,
): R[] {
  const groups = new Map(children.map((c) => [regionPrefix(c.code), [] as T[]]));
  // Children of one node share a level; the lengths list is a guard, not a loop over many.
  const lengths = [...new Set([...groups.keys()].map((p) => p.length))];
  for (const row of rows) {
    const code = regionOf(row);
    for (const n of lengths) {
      const group = groups.get(code.slice(0, n));
      if (group) {
        group.push(row);
        break;
      }
    }
  }
  return children.map((c) => tally(c, groups.get(regionPrefix(c.code)) ?? []));
}
