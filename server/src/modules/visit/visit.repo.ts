import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { users } from '../user/user.table.ts';
import {
  visitAnomalies,
  visitElderKeys,
  visitEvents,
  visitGeofences,
  visits,
  type VisitAnomalyRow,
  type VisitRow,
} from './visit.table.ts';

/** A caregiver (performs visits, does not dispatch or review) sees only their own visits. */
const caregiverOnly = (auth: AuthContext) =>
  auth.permissions.has('visit:perform') &&
  !auth.permissions.has('order:dispatch') &&
  !auth.permissions.has('visit:review');

/** Visits in the caller's scope: the elder's residence (staff), the provider, the elder, the caregiver. */
export function visitInScope(auth: AuthContext, regionCode?: string): SQL {
  if (caregiverOnly(auth)) return eq(visits.caregiverId, auth.userId);
  const base = inScopeAndRegion(
    auth.scope,
    { region: visits.regionCode, organisation: visits.providerId, elder: visits.elderId },
    regionCode,
  );
  return or(base, eq(visits.caregiverId, auth.userId))!;
}

export interface VisitFilter {
  state?: string | undefined;
  kind?: string | undefined;
  providerId?: string | undefined;
  caregiverId?: string | undefined;
  regionCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}
/** The visit module's SQL, in four parts. */
export function visitRepo(db: Executor) {
  return { ...visitRows(db), ...anomalyRows(db), ...elderKeyRows(db), ...reportRows(db) };
}

/** Visits themselves: by order, scoped reads, the overlap search, the review list. */
function visitRows(db: Executor) {
  return {
    async byOrder(orderId: string): Promise<VisitRow | null> {
      const [r] = await db.select().from(visits).where(eq(visits.orderId, orderId)).limit(1);
      return r ?? null;
    },
    /** The visit row locked for a command (the order's row is locked first by the transition). */
    async insert(v: typeof visits.$inferInsert): Promise<VisitRow> {
      const [r] = await db
        .insert(visits)
        .values(v)
        .onConflictDoUpdate({ target: visits.orderId, set: { ...v, updatedAt: new Date() } })
        .returning();
      return r!;
    },
    async update(id: string, patch: Partial<typeof visits.$inferInsert>): Promise<VisitRow> {
      const [r] = await db
        .update(visits)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(visits.id, id))
        .returning();
      return r!;
    },
    async findInScope(auth: AuthContext, id: string): Promise<VisitRow | null> {
      const [r] = await db
        .select()
        .from(visits)
        .where(and(eq(visits.id, id), visitInScope(auth)))
        .limit(1);
      return r ?? null;
    },
    /** Other visits of the caregiver whose [start, end) meets [from, to] (an open visit has no end yet). */
    /** A transaction lock on the caregiver (released at commit): their visits are written one at a time. */
    async lockCaregiver(caregiverId: string | null): Promise<void> {
      if (caregiverId)
        await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`visit:${caregiverId}`}))`);
    },
    async overlapping(caregiverId: string, orderId: string, from: Date, to: Date): Promise<VisitRow[]> {
      return db
        .select()
        .from(visits)
        .where(
          and(
            eq(visits.caregiverId, caregiverId),
            ne(visits.orderId, orderId),
            lte(visits.startedAt, to),
            or(isNull(visits.endedAt), gt(visits.endedAt, from)),
          ),
        )
        .limit(10);
    },
    async list(auth: AuthContext, f: VisitFilter, limit: number) {
      const conds: (SQL | undefined)[] = [visitInScope(auth, f.regionCode)];
      if (f.state) conds.push(eq(visits.state, f.state));
      if (f.providerId) conds.push(eq(visits.providerId, f.providerId));
      if (f.caregiverId) conds.push(eq(visits.caregiverId, f.caregiverId));
      if (f.from) conds.push(sql`${visits.startedAt} >= ${f.from.toISOString()}::timestamptz`);
      if (f.to) conds.push(lt(visits.startedAt, f.to));
      if (f.kind)
        conds.push(
          sql`EXISTS (SELECT 1 FROM visit_anomalies a WHERE a.visit_id = ${visits.id} AND a.kind = ${f.kind} AND a.resolved_at IS NULL)`,
        );
      return db
        .select({ v: visits, caregiverName: users.displayName })
        .from(visits)
        .leftJoin(users, eq(users.id, visits.caregiverId))
        .where(and(...conds))
        .orderBy(desc(visits.createdAt), desc(visits.id))
        .limit(limit);
    },
  };
}

/** The exception queue and the visit events. */
function anomalyRows(db: Executor) {
  return {
    anomaliesOf: (visitIds: string[]): Promise<VisitAnomalyRow[]> =>
      visitIds.length
        ? db
            .select()
            .from(visitAnomalies)
            .where(inArray(visitAnomalies.visitId, visitIds))
            .orderBy(asc(visitAnomalies.detectedAt))
        : Promise.resolve([]),
    /** Adds the anomaly unless the visit already has one of this kind; true when it was new. */
    async flag(v: VisitRow, kind: string, detail: Record<string, unknown>): Promise<boolean> {
      const rows = await db
        .insert(visitAnomalies)
        .values({
          visitId: v.id,
          orderId: v.orderId,
          regionCode: v.regionCode,
          providerId: v.providerId,
          caregiverId: v.caregiverId,
          kind,
          detail,
        })
        .onConflictDoNothing()
        .returning({ id: visitAnomalies.id });
      return rows.length > 0;
    },
    async openAnomalyCount(visitId: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(visitAnomalies)
        .where(and(eq(visitAnomalies.visitId, visitId), isNull(visitAnomalies.resolvedAt)));
      return r?.n ?? 0;
    },
    async resolve(
      id: string,
      r: { by: string; byName: string; code: string; note: string | null; at: Date },
    ): Promise<VisitAnomalyRow | null> {
      const [row] = await db
        .update(visitAnomalies)
        .set({
          resolvedAt: r.at,
          resolvedBy: r.by,
          resolvedByName: r.byName,
          resolutionCode: r.code,
          resolutionNote: r.note,
        })
        .where(and(eq(visitAnomalies.id, id), isNull(visitAnomalies.resolvedAt)))
        .returning();
      return row ?? null;
    },
    async anomaly(visitId: string, id: string): Promise<VisitAnomalyRow | null> {
      const [r] = await db
        .select()
        .from(visitAnomalies)
        .where(and(eq(visitAnomalies.id, id), eq(visitAnomalies.visitId, visitId)))
        .limit(1);
      return r ?? null;
    },
    async addEvent(e: typeof visitEvents.$inferInsert) {
      await db.insert(visitEvents).values(e);
    },
    eventsOf: (visitId: string) =>
      db.select().from(visitEvents).where(eq(visitEvents.visitId, visitId)).orderBy(asc(visitEvents.at)),
  };
}

/** The elders' PINs and card versions, and the geofences. */
function elderKeyRows(db: Executor) {
  return {
    async keysOf(elderId: string) {
      const [r] = await db.select().from(visitElderKeys).where(eq(visitElderKeys.elderId, elderId)).limit(1);
      return r ?? null;
    },
    async setPin(elderId: string, pinHash: string) {
      await db
        .insert(visitElderKeys)
        .values({ elderId, pinHash })
        .onConflictDoUpdate({ target: visitElderKeys.elderId, set: { pinHash, updatedAt: new Date() } });
    },
    /** A new card version (the old card stops working); returns it. */
    async bumpCard(elderId: string): Promise<number> {
      const [r] = await db
        .insert(visitElderKeys)
        .values({ elderId, cardVersion: 1 })
        .onConflictDoUpdate({
          target: visitElderKeys.elderId,
          set: { cardVersion: sql`${visitElderKeys.cardVersion} + 1`, updatedAt: new Date() },
        })
        .returning({ v: visitElderKeys.cardVersion });
      return r!.v;
    },
    /** The radius of the longest region prefix configured for this region, if any. */
    async geofenceFor(regionCode: string): Promise<number | null> {
      const [r] = await db
        .select({ m: visitGeofences.radiusM })
        .from(visitGeofences)
        .where(sql`${regionCode} LIKE ${visitGeofences.regionCode} || '%'`)
        .orderBy(desc(sql`length(${visitGeofences.regionCode})`))
        .limit(1);
      return r?.m ?? null;
    },
    async setGeofence(regionCode: string, radiusM: number) {
      await db
        .insert(visitGeofences)
        .values({ regionCode, radiusM })
        .onConflictDoUpdate({ target: visitGeofences.regionCode, set: { radiusM, updatedAt: new Date() } });
    },
    /** Checked-out visits still unconfirmed since before `before` with no such anomaly yet. */
  };
}

/** The unconfirmed scan, the compliance counts, the verified visits. */
function reportRows(db: Executor) {
  return {
    unconfirmedSince: (before: Date) =>
      db
        .select()
        .from(visits)
        .where(and(eq(visits.state, 'awaiting_confirmation'), lt(visits.endedAt, before)))
        .limit(500),
    /** Counts for the compliance report: per provider and caregiver, visits by state and anomalies by kind. */
    async compliance(auth: AuthContext, regionCode: string | undefined, from: Date, to: Date) {
      const scope = visitInScope(auth, regionCode);
      const inRange = and(
        scope,
        sql`${visits.endedAt} >= ${from.toISOString()}::timestamptz`,
        lt(visits.endedAt, to),
      );
      const byState = await db
        .select({
          providerId: visits.providerId,
          caregiverId: visits.caregiverId,
          caregiverName: users.displayName,
          state: visits.state,
          n: sql<number>`count(*)::int`,
        })
        .from(visits)
        .leftJoin(users, eq(users.id, visits.caregiverId))
        .where(inRange)
        .groupBy(visits.providerId, visits.caregiverId, users.displayName, visits.state);
      const byKind = await db
        .select({
          providerId: visits.providerId,
          caregiverId: visits.caregiverId,
          kind: visitAnomalies.kind,
          n: sql<number>`count(DISTINCT ${visits.id})::int`,
        })
        .from(visitAnomalies)
        .innerJoin(visits, eq(visits.id, visitAnomalies.visitId))
        .where(inRange)
        .groupBy(visits.providerId, visits.caregiverId, visitAnomalies.kind);
      return { byState, byKind };
    },
    verified: (orderIds: string[]) =>
      orderIds.length
        ? db
            .select({ orderId: visits.orderId })
            .from(visits)
            .where(and(inArray(visits.orderId, orderIds), eq(visits.state, 'verified')))
        : Promise.resolve([]),
  };
}
