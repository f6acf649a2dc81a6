import type { AssessmentListItem } from '@yiyang/contracts';
import { chinaDay } from '../../app/chinaDate.ts';

/** The assessor's phone list (issue 13 §5): sorted by due date, filtered by what is urgent. */
export const FILTERS = ['all', 'overdue', 'week', 'scheduled'] as const;
export type Filter = (typeof FILTERS)[number];

/** Due first (the earliest due date on top, none last), then by appointment, then the oldest. */
export function sortByDue(rows: readonly AssessmentListItem[]): AssessmentListItem[] {
  const key = (a: AssessmentListItem) => [a.dueBy ?? '9999-12-31', a.scheduledAt ?? '9999', a.createdAt];
  return [...rows].sort((x, y) => {
    const [a, b] = [key(x), key(y)];
    return a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!) || a[2]!.localeCompare(b[2]!);
  });
}

/** The list's filters: overdue, due within a week, with an appointment. */
export function filterRows(
  rows: readonly AssessmentListItem[],
  f: Filter,
  now: number,
): AssessmentListItem[] {
  const today = chinaDay(now);
  const week = chinaDay(now + 7 * 86_400_000);
  if (f === 'overdue') return rows.filter((a) => a.dueBy !== null && a.dueBy < today);
  if (f === 'week') return rows.filter((a) => a.dueBy !== null && a.dueBy >= today && a.dueBy <= week);
  if (f === 'scheduled') return rows.filter((a) => a.scheduledAt !== null);
  return [...rows];
}
