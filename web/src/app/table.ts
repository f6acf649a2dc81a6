/**
 * Horizontal scroll for a wide table, but only when it has rows: an empty
 * antd table with `scroll.x` is a scrollable region with nothing focusable
 * in it, which axe reports as `scrollable-region-focusable` (serious).
 */
export function tableScroll(x: number, rows: readonly unknown[] | undefined): { x: number } | undefined {
  return rows && rows.length > 0 ? { x } : undefined;
}
