import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssessmentListItem } from '@yiyang/contracts';
import { filterRows, sortByDue } from '../src/mobile/assessment/assessmentList.ts';

const item = (id: string, dueBy: string | null, scheduledAt: string | null = null) =>
  ({ id, dueBy, scheduledAt, createdAt: `2026-01-0${id.length}T00:00:00Z` }) as AssessmentListItem;
// 2026-12-06 12:00 China time.
const NOW = Date.parse('2026-12-06T04:00:00Z');

test('the assessor’s list: earliest due first, undated last, then by appointment', () => {
  const rows = [
    item('none', null),
    item('late', '2026-12-01'),
    item('soon-b', '2026-12-08', '2026-12-07T09:00:00+08:00'),
    item('soon-a', '2026-12-08', '2026-12-07T08:00:00+08:00'),
  ];
  assert.deepEqual(
    sortByDue(rows).map((r) => r.id),
    ['late', 'soon-a', 'soon-b', 'none'],
  );
});

test('filters: overdue before today (China time), due within 7 days, with an appointment', () => {
  const rows = [
    item('yesterday', '2026-12-05'),
    item('today', '2026-12-06'),
    item('week', '2026-12-13'),
    item('later', '2026-12-14', '2026-12-10T09:00:00+08:00'),
    item('none', null),
  ];
  const ids = (f: Parameters<typeof filterRows>[1]) => filterRows(rows, f, NOW).map((r) => r.id);
  assert.deepEqual(ids('overdue'), ['yesterday']);
  assert.deepEqual(ids('week'), ['today', 'week']);
  assert.deepEqual(ids('scheduled'), ['later']);
  assert.equal(ids('all').length, 5);
});
