import {
  and,
  asc,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { OPEN_ASSESSMENT_STATUSES } from '@yiyang/contracts';
import { inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { Keyset } from '../../platform/pagination.ts';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { regions } from '../region/region.table.ts';
import { userRoles, users } from '../user/user.table.ts';
import { assessmentAssessors, assessmentEvents, assessments } from './assessment.table.ts';
import { INACTIVE_STATUSES } from '../elder/index.ts';

export const ASSESSMENT_SCOPE = { region: assessments.regionCode, organisation: assessments.organisationId };
export type AssessmentRow = typeof assessments.$inferSelect;

/**
 * Assessors (who perform but do not assign) see only the assessments they are
 * assigned to (decision 006): a scope condition here, never a check per handler.
 */
export function assignedOnly(auth: AuthContext): boolean {
  return auth.permissions.has('assessment:perform') && !auth.permissions.has('assessment:assign');
}

const assignedTo = (userId: string): SQL =>
  sql`EXISTS (SELECT 1 FROM ${assessmentAssessors} WHERE ${assessmentAssessors.assessmentId} = ${assessments.id} AND ${assessmentAssessors.userId} = ${userId})`;

/** The scope condition of every assessment read: region/agency, narrowed to own assignments for assessors. */
export function assessmentInScope(auth: AuthContext, regionCode?: string): SQL {
  const base = inScopeAndRegion(auth.scope, ASSESSMENT_SCOPE, regionCode);
  return assignedOnly(auth) ? and(base, assignedTo(auth.userId))! : base;
}

export interface AssessmentFilter {
  regionCode?: string | undefined;
  status?: string | undefined;
  reason?: string | undefined;
  elderId?: string | undefined;
  mine?: boolean | undefined;
  stage?: 'open' | 'all' | undefined;
  q?: string | undefined;
}

const listColumns = {
  a: assessments,
  elderName: elders.name,
  // Masked as in every list: where the assessor goes and whom they call (issue 13 §5).
  elderAddressMasked: elders.addressMasked,
  elderPhoneMasked: elders.phoneMasked,
  regionName: regions.name,
  agencyName: organisations.name,
};

export function assessmentRepo(db: Executor) {
  return { ...assessmentRows(db), ...assessorRows(db), ...elderScans(db) };
}

/** Assessments themselves: scoped reads, the open one, supersession, new applications. */
function assessmentRows(db: Executor) {
  const base = () =>
    db
      .select(listColumns)
      .from(assessments)
      .innerJoin(elders, eq(elders.id, assessments.elderId))
      .leftJoin(regions, eq(regions.code, assessments.regionCode))
      .leftJoin(organisations, eq(organisations.id, assessments.organisationId));
  return {
    async findInScope(auth: AuthContext, id: string) {
      const [r] = await base()
        .where(and(eq(assessments.id, id), assessmentInScope(auth)))
        .limit(1);
      return r;
    },
    async list(auth: AuthContext, f: AssessmentFilter & { limit: number; after: Keyset | null }) {
      const conds: SQL[] = [assessmentInScope(auth, f.regionCode)];
      if (f.status) conds.push(eq(assessments.status, f.status));
      if (f.reason) conds.push(eq(assessments.reason, f.reason));
      if (f.elderId) conds.push(eq(assessments.elderId, f.elderId));
      if (f.mine) conds.push(assignedTo(auth.userId));
      if (f.stage === 'open') conds.push(inArray(assessments.status, [...OPEN_ASSESSMENT_STATUSES]));
      if (f.q) conds.push(ilike(elders.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      if (f.after)
        conds.push(
          or(
            gt(assessments.createdAt, f.after.createdAt),
            and(eq(assessments.createdAt, f.after.createdAt), gt(assessments.id, f.after.id)),
          )!,
        );
      return base()
        .where(and(...conds))
        .orderBy(asc(assessments.createdAt), asc(assessments.id))
        .limit(f.limit + 1);
    },
    async ofElder(auth: AuthContext, elderId: string) {
      return base()
        .where(and(eq(assessments.elderId, elderId), assessmentInScope(auth)))
        .orderBy(asc(assessments.createdAt), asc(assessments.id));
    },
    async openOf(elderId: string): Promise<AssessmentRow | undefined> {
      const [r] = await db
        .select()
        .from(assessments)
        .where(
          and(eq(assessments.elderId, elderId), inArray(assessments.status, [...OPEN_ASSESSMENT_STATUSES])),
        )
        .limit(1);
      return r;
    },
    async supersededBy(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: assessments.id, supersedesId: assessments.supersedesId })
        .from(assessments)
        .where(inArray(assessments.supersedesId, ids));
      return new Map(rows.map((r) => [r.supersedesId!, r.id]));
    },
    async insert(values: typeof assessments.$inferInsert): Promise<AssessmentRow> {
      const [r] = await db.insert(assessments).values(values).returning();
      return r!;
    },
  };
}

/** Assessors, their signatures, the timeline, and the users an agency can assign. */
function assessorRows(db: Executor) {
  return {
    async assessorsOf(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ row: assessmentAssessors, displayName: users.displayName })
        .from(assessmentAssessors)
        .innerJoin(users, eq(users.id, assessmentAssessors.userId))
        .where(inArray(assessmentAssessors.assessmentId, ids))
        .orderBy(asc(assessmentAssessors.position));
    },
    async setAssessors(id: string, rows: (typeof assessmentAssessors.$inferInsert)[]): Promise<void> {
      await db.delete(assessmentAssessors).where(eq(assessmentAssessors.assessmentId, id));
      await db.insert(assessmentAssessors).values(rows);
    },
    async sign(id: string, userId: string, signedAt: Date, recordedAt: Date): Promise<void> {
      await db
        .update(assessmentAssessors)
        .set({ signedAt, signRecordedAt: recordedAt })
        .where(and(eq(assessmentAssessors.assessmentId, id), eq(assessmentAssessors.userId, userId)));
    },
    async addEvent(values: typeof assessmentEvents.$inferInsert): Promise<void> {
      await db.insert(assessmentEvents).values(values);
    },
    async eventsOf(id: string) {
      return db
        .select()
        .from(assessmentEvents)
        .where(eq(assessmentEvents.assessmentId, id))
        .orderBy(asc(assessmentEvents.at), asc(assessmentEvents.id));
    },
    /** Users of an organisation holding a role (assessors of an agency). */
    async usersWithRole(organisationId: string, role: string) {
      return db
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(
          and(
            eq(users.organisationId, organisationId),
            eq(userRoles.roleCode, role),
            eq(users.status, 'active'),
          ),
        )
        .orderBy(asc(users.username));
    },
  };
}

/** Per-elder scans: the due list, statistics and the routine due scan. */
function elderScans(db: Executor) {
  return {
    /**
     * Per active elder in scope: the latest published (not superseded) result and the open assessment.
     * Feeds the due list and the statistics.
     */
    async elderStates(auth: AuthContext, regionCode: string | undefined) {
      const latest = db
        .selectDistinctOn([assessments.elderId], {
          elderId: assessments.elderId,
          publishedAt: assessments.publishedAt,
          level: assessments.level,
          standardCode: assessments.standardCode,
        })
        .from(assessments)
        .where(
          and(isNotNull(assessments.publishedAt), inArray(assessments.status, ['published', 'disputed'])),
        )
        .orderBy(assessments.elderId, desc(assessments.publishedAt))
        .as('latest');
      const open = db
        .select({
          elderId: assessments.elderId,
          id: assessments.id,
          status: assessments.status,
          reason: assessments.reason,
          dueBy: assessments.dueBy,
          createdAt: assessments.createdAt,
        })
        .from(assessments)
        .where(inArray(assessments.status, [...OPEN_ASSESSMENT_STATUSES]))
        .as('open');
      const scopeSql = inScopeAndRegion(
        auth.scope,
        { region: elders.regionCode, organisation: elders.organisationId },
        regionCode,
      );
      return db
        .select({
          elderId: elders.id,
          elderName: elders.name,
          regionCode: elders.regionCode,
          regionName: regions.name,
          publishedAt: latest.publishedAt,
          level: latest.level,
          standardCode: latest.standardCode,
          openId: open.id,
          openStatus: open.status,
          openReason: open.reason,
          openDueBy: open.dueBy,
          openCreatedAt: open.createdAt,
        })
        .from(elders)
        .leftJoin(regions, eq(regions.code, elders.regionCode))
        .leftJoin(latest, eq(latest.elderId, elders.id))
        .leftJoin(open, eq(open.elderId, elders.id))
        .where(and(scopeSql, notInArray(elders.status, [...INACTIVE_STATUSES])));
    },
    /** Elders whose last published result is older than `before` and who have nothing open (routine scan). */
    async routineCandidates(before: Date) {
      const res = await db.execute(sql`
        SELECT e.id AS elder_id, e.region_code, l.published_at
        FROM ${elders} e
        JOIN LATERAL (
          SELECT a.published_at FROM ${assessments} a
          WHERE a.elder_id = e.id AND a.status IN ('published', 'disputed') AND a.published_at IS NOT NULL
          ORDER BY a.published_at DESC LIMIT 1
        ) l ON true
        WHERE l.published_at <= ${before.toISOString()}
          AND e.status NOT IN ('deceased', 'moved_out')
          AND NOT EXISTS (
            SELECT 1 FROM ${assessments} o WHERE o.elder_id = e.id
            AND o.status IN ('applied', 'assigned', 'in_progress', 'submitted', 'signing'))`);
      return (res as unknown as { rows: { elder_id: string; region_code: string; published_at: unknown }[] })
        .rows;
    },
  };
}

/** Published assessments in scope after `after`, oldest first, with names (the level review's scan). */
export async function publishedBatch(
  db: Executor,
  auth: AuthContext,
  regionCode: string | undefined,
  after: Keyset | null,
  limit: number,
) {
  const conds: SQL[] = [assessmentInScope(auth, regionCode), eq(assessments.status, 'published')];
  if (after)
    conds.push(
      or(
        gt(assessments.createdAt, after.createdAt),
        and(eq(assessments.createdAt, after.createdAt), gt(assessments.id, after.id)),
      )!,
    );
  return db
    .select({
      a: assessments,
      elderName: elders.name,
      regionName: regions.name,
      agencyName: organisations.name,
    })
    .from(assessments)
    .innerJoin(elders, eq(elders.id, assessments.elderId))
    .leftJoin(regions, eq(regions.code, assessments.regionCode))
    .leftJoin(organisations, eq(organisations.id, assessments.organisationId))
    .where(and(...conds))
    .orderBy(asc(assessments.createdAt), asc(assessments.id))
    .limit(limit);
}
