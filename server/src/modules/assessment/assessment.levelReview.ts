import {
  deriveAssessmentContext,
  type AssessmentLevelReview,
  type AssessmentLevelReviewItem,
} from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { publishedBatch } from './assessment.repo.ts';
import { scoreAssessment } from './assessment.scoring.ts';
import { assessmentHeading } from './assessment.views.ts';
import { findStandard } from './standards/index.ts';

/** Published results read per query, and at most per request (the scan resumes from the cursor). */
const BATCH = 200;
const SCAN_BUDGET = 5_000;

type Published = Awaited<ReturnType<typeof publishedBatch>>[number];

/** The level the stored answers and Appendix A give, where it differs from the published one. */
function recheck(row: Published): AssessmentLevelReviewItem | null {
  const { a } = row;
  const s = findStandard(a.standardCode);
  if (!s || a.level === null || !a.publishedAt) return null;
  const context = deriveAssessmentContext(s.basicInfoForm, a.basicInfo);
  const r = scoreAssessment(s, a.answers, context, a.result?.settings ?? {});
  if (!r.ok || r.finalLevel.code === a.level) return null;
  return {
    ...assessmentHeading(row),
    publishedAt: a.publishedAt.toISOString(),
    publishedLevel: a.level,
    publishedLevelName: s.levels[a.level]?.zhShort ?? String(a.level),
    appendixLevel: r.finalLevel.code,
    appendixLevelName: r.finalLevel.zhShort,
    firedRules: r.firedRules,
  };
}

/**
 * `GET /assessments/level-review` (decision 006 refinements): the published results in scope whose
 * stored Appendix A gives another level under the change rules (STANDARDS.md §1.4, §2.5) — results
 * published while the server trusted the client's `context` — for the agency to re-review (dispute).
 * A scan in creation order: each request checks up to SCAN_BUDGET results and stops at `limit`
 * findings; `nextCursor` continues it.
 */
export async function levelReview(
  db: Db,
  auth: AuthContext,
  q: { regionCode?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<AssessmentLevelReview> {
  let after = decodeCursor(q.cursor);
  const items: AssessmentLevelReviewItem[] = [];
  for (let scanned = 0; ;) {
    const rows = await publishedBatch(db, auth, q.regionCode, after, BATCH);
    let i = 0;
    for (; i < rows.length && items.length < q.limit; i++) {
      const row = rows[i]!;
      after = { createdAt: row.a.createdAt, id: row.a.id };
      const item = recheck(row);
      if (item) items.push(item);
    }
    scanned += i;
    if (i === rows.length && rows.length < BATCH) return { items, nextCursor: null };
    if (items.length >= q.limit || scanned >= SCAN_BUDGET) return { items, nextCursor: encodeCursor(after!) };
  }
}
