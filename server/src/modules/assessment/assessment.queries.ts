import {
  ASSESSMENT_ROUTINE_MONTHS,
  type AssessmentDueItem,
  type AssessmentReason,
  type AssessmentStatus,
  type StandardCode,
} from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { maskName } from '../../platform/masking.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { addDays, addMonths, todayIso } from '../../platform/dates.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import { levelReview } from './assessment.levelReview.ts';
import { assessmentRepo } from './assessment.repo.ts';
import type { DetailView } from './assessment.schema.ts';
import { assessmentStats } from './assessment.stats.ts';
import { assessorViews, detailView, iso, levelsAvailable, listItems, type Row } from './assessment.views.ts';
import { ASSESSMENT_STANDARDS, DEFAULT_STANDARD_CODE, findStandard } from './standards/index.ts';
import { findElderInScope } from '../elder/index.ts';

type ElderState = Awaited<ReturnType<ReturnType<typeof assessmentRepo>['elderStates']>>[number];

/** Reads: standards, lists, detail, an elder's history, the due list, level review, statistics. */
export class AssessmentQueries {
  constructor(private readonly deps: AssessmentDeps) {}

  standards() {
    return {
      items: Object.values(ASSESSMENT_STANDARDS).map((s) => ({
        code: s.standardCode,
        zh: s.zh,
        en: s.en,
        revision: s.revision,
        isDefault: s.standardCode === DEFAULT_STANDARD_CODE,
        levelsAvailable: levelsAvailable(s),
        reportAvailable: s.report !== null,
      })),
      defaultCode: DEFAULT_STANDARD_CODE,
    };
  }

  standard(code: string) {
    const s = findStandard(code);
    if (!s) throw notFound('assessment.standard_unknown', { standard: code });
    const { deriveInitialLevel: _rule, ...data } = s;
    return data;
  }

  /** The assessment in the caller's scope, or 404. */
  async current(auth: AuthContext, id: string): Promise<Row> {
    const r = await assessmentRepo(this.deps.db).findInScope(auth, id);
    if (!r) throw notFound('assessment.not_found');
    return r;
  }

  async list(
    auth: AuthContext,
    q: {
      regionCode?: string;
      status?: string;
      reason?: string;
      elderId?: string;
      mine?: boolean;
      stage?: 'open' | 'all';
      q?: string;
      limit: number;
      cursor?: string;
    },
  ) {
    const rows = await assessmentRepo(this.deps.db).list(auth, { ...q, after: decodeCursor(q.cursor) });
    const p = page(rows, q.limit, (r) => ({ createdAt: r.a.createdAt, id: r.a.id }));
    const assessors = await assessorViews(
      this.deps.db,
      p.items.map((r) => r.a.id),
    );
    return { items: listItems(p.items, assessors), nextCursor: p.nextCursor };
  }

  async get(auth: AuthContext, id: string): Promise<DetailView> {
    return detailView(this.deps, auth, await this.current(auth, id));
  }

  async history(auth: AuthContext, elderId: string) {
    const elder = await findElderInScope(this.deps.db, auth.scope, elderId);
    if (!elder) throw notFound('elder.not_found');
    const rows = await assessmentRepo(this.deps.db).ofElder(auth, elderId);
    const supersededBy = await assessmentRepo(this.deps.db).supersededBy(rows.map((r) => r.a.id));
    return {
      elderId,
      items: rows.map(({ a }) => ({
        id: a.id,
        status: a.status as AssessmentStatus,
        reason: a.reason as AssessmentReason,
        standardCode: a.standardCode as StandardCode,
        createdAt: a.createdAt.toISOString(),
        publishedAt: iso(a.publishedAt),
        total: a.total,
        level: a.level,
        levelName: a.result?.finalLevel.zhShort ?? null,
        dimensions: (a.result?.dimensions ?? []).map((d) => ({
          code: d.code,
          zh: d.zh,
          score: d.score,
          max: d.max,
        })),
        supersedesId: a.supersedesId,
        supersededById: supersededBy.get(a.id) ?? null,
      })),
    };
  }

  /**
   * Elders due or overdue: never assessed (with an open application), 12 months after the last
   * published result, or a re-review past its 7 days. Overdue ones always; others due within `withinDays`.
   */
  async due(auth: AuthContext, q: { regionCode?: string; withinDays: number }) {
    if (q.regionCode) assertCovers(auth, { regionCode: q.regionCode }, '/query/regionCode');
    const today = todayIso(nowOf(this.deps));
    const horizon = addDays(today, q.withinDays);
    const rows = await assessmentRepo(this.deps.db).elderStates(auth, q.regionCode);
    const items: AssessmentDueItem[] = [];
    for (const r of rows) {
      const due = dueOf(r);
      if (!due || due.dueOn > horizon) continue;
      items.push({
        elderId: r.elderId,
        elderNameMasked: maskName(r.elderName),
        regionCode: r.regionCode,
        regionName: r.regionName,
        kind: due.kind,
        dueOn: due.dueOn,
        overdue: due.dueOn < today,
        lastPublishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
        lastLevel: r.level,
        openAssessmentId: r.openId,
        openStatus: (r.openStatus as AssessmentStatus | null) ?? null,
      });
    }
    items.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.elderId.localeCompare(y.elderId));
    return { asOf: today, items };
  }

  /** Published results whose stored Appendix A gives another level (assessment.levelReview.ts). */
  levelReview(auth: AuthContext, q: { regionCode?: string; limit: number; cursor?: string }) {
    if (q.regionCode) assertCovers(auth, { regionCode: q.regionCode }, '/query/regionCode');
    return levelReview(this.deps.db, auth, q);
  }

  /** Counts by level and child region, shares of 失能/半失能 among the assessed (assessment.stats.ts). */
  stats(auth: AuthContext, regionCode: string | undefined) {
    return assessmentStats(this.deps, auth, regionCode);
  }
}

/** Why and when an elder is due: a pending re-review, the routine 12 months, or a first assessment. */
function dueOf(r: ElderState): { kind: AssessmentDueItem['kind']; dueOn: string } | null {
  const published = r.publishedAt ? todayIso(new Date(r.publishedAt)) : null;
  if (r.openId && r.openReason === 'dispute' && r.openDueBy) return { kind: 're_review', dueOn: r.openDueBy };
  if (published) return { kind: 'routine', dueOn: addMonths(published, ASSESSMENT_ROUTINE_MONTHS) };
  if (r.openId) return { kind: 'never_assessed', dueOn: r.openDueBy ?? todayIso(new Date(r.openCreatedAt!)) };
  return null;
}
