import { and, asc, desc, eq, gte, isNull, lt, ne, notExists, sql, type SQL } from 'drizzle-orm';
import { inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { elders } from '../elder/elder.table.ts';
import { orders } from '../order/order.table.ts';
import { visits } from '../visit/visit.table.ts';
import { complaintEvents, complaints, returnVisits } from './feedback.table.ts';

export type ComplaintRow = typeof complaints.$inferSelect;
export type ReturnVisitRow = typeof returnVisits.$inferSelect;

/** Complaints in scope: the elder's community, the provider concerned or assigned, the elder (own, family). */
export function complaintScope(auth: AuthContext, regionCode?: string): SQL {
  return inScopeAndRegion(
    auth.scope,
    { region: complaints.regionCode, organisation: complaints.organisationId, elder: complaints.elderId },
    regionCode,
  );
}

/** Return visits in scope: the elder's community or the provider whose service was checked. */
const returnScope = (auth: AuthContext, regionCode?: string) =>
  inScopeAndRegion(
    auth.scope,
    { region: returnVisits.regionCode, organisation: returnVisits.providerId },
    regionCode,
  );

export interface ComplaintFilter {
  status?: string | undefined;
  overdue?: boolean | undefined;
  category?: string | undefined;
  regionCode?: string | undefined;
  elderId?: string | undefined;
}

export function feedbackRepo(db: Executor) {
  return {
    /** The complaint when in scope; `lock`: SELECT … FOR UPDATE, so concurrent commands on it serialise. */
    async complaintInScope(auth: AuthContext, id: string, opts: { lock?: boolean } = {}) {
      const q = db
        .select()
        .from(complaints)
        .where(and(eq(complaints.id, id), complaintScope(auth)))
        .limit(1);
      const [r] = opts.lock ? await q.for('update') : await q;
      return r ?? null;
    },
    async insertComplaint(v: typeof complaints.$inferInsert): Promise<ComplaintRow> {
      const [r] = await db.insert(complaints).values(v).returning();
      return r!;
    },
    /** Open first by due time (the most urgent on top), then the closed newest first. */
    listComplaints(auth: AuthContext, f: ComplaintFilter, now: Date, limit: number) {
      const conds: (SQL | undefined)[] = [complaintScope(auth, f.regionCode)];
      if (f.status) conds.push(eq(complaints.status, f.status));
      if (f.category) conds.push(eq(complaints.category, f.category));
      if (f.elderId) conds.push(eq(complaints.elderId, f.elderId));
      if (f.overdue)
        conds.push(
          and(lt(complaints.dueAt, now), isNull(complaints.respondedAt), ne(complaints.status, 'closed')),
        );
      return db
        .select({ c: complaints, elderName: elders.nameMasked })
        .from(complaints)
        .leftJoin(elders, eq(elders.id, complaints.elderId))
        .where(and(...conds))
        .orderBy(sql`(${complaints.status} = 'closed')`, asc(complaints.dueAt), desc(complaints.createdAt))
        .limit(limit);
    },
    events: (complaintId: string) =>
      db
        .select()
        .from(complaintEvents)
        .where(eq(complaintEvents.complaintId, complaintId))
        .orderBy(complaintEvents.at),
    async addEvent(e: typeof complaintEvents.$inferInsert): Promise<void> {
      await db.insert(complaintEvents).values(e);
    },
    /** Open complaints without a response past their due time (level 0) or twice it (level 1), locked. */
    dueForEscalation(now: Date, limit: number) {
      return db
        .select()
        .from(complaints)
        .where(
          and(
            ne(complaints.status, 'closed'),
            isNull(complaints.respondedAt),
            lt(complaints.dueAt, now),
            lt(complaints.escalationLevel, 2),
          ),
        )
        .orderBy(complaints.dueAt)
        .limit(limit)
        .for('update', { skipLocked: true });
    },
    async updateComplaint(id: string, patch: Partial<typeof complaints.$inferInsert>) {
      await db
        .update(complaints)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(complaints.id, id));
    },
    ...returnRows(db),
    ...sampleRows(db),
  };
}

function returnRows(db: Executor) {
  return {
    async returnVisitInScope(auth: AuthContext, id: string): Promise<ReturnVisitRow | null> {
      const [r] = await db
        .select()
        .from(returnVisits)
        .where(and(eq(returnVisits.id, id), returnScope(auth)))
        .limit(1);
      return r ?? null;
    },
    listReturnVisits(
      auth: AuthContext,
      f: { status?: string | undefined; regionCode?: string | undefined; id?: string },
      limit: number,
    ) {
      const conds: (SQL | undefined)[] = [returnScope(auth, f.regionCode)];
      if (f.status) conds.push(eq(returnVisits.status, f.status));
      if (f.id) conds.push(eq(returnVisits.id, f.id));
      return db
        .select({ r: returnVisits, elderName: elders.nameMasked, itemName: orders.itemName })
        .from(returnVisits)
        .innerJoin(elders, eq(elders.id, returnVisits.elderId))
        .innerJoin(orders, eq(orders.id, returnVisits.orderId))
        .where(and(...conds))
        .orderBy(
          sql`(${returnVisits.status} <> 'pending')`,
          desc(returnVisits.sampledAt),
          desc(returnVisits.id),
        )
        .limit(limit);
    },
    /** Inserts the sample; an order sampled meanwhile by another request is skipped. */
    insertReturnVisits(rows: (typeof returnVisits.$inferInsert)[]) {
      if (!rows.length) return Promise.resolve([] as ReturnVisitRow[]);
      return db.insert(returnVisits).values(rows).onConflictDoNothing().returning();
    },
    async updateReturnVisit(id: string, patch: Partial<typeof returnVisits.$inferInsert>) {
      const [r] = await db
        .update(returnVisits)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(returnVisits.id, id), eq(returnVisits.status, 'pending')))
        .returning();
      return r ?? null;
    },
  };
}

/** The population of a return-visit sample. */
function sampleRows(db: Executor) {
  return {
    /**
     * Verified visits that ended in [from, to) under the region and were not sampled before: the population
     * the centre samples from (`ORDER BY random()`: every visit equally likely).
     */
    /** `size` turns the population's count into how many to pick. */
    async sampleCandidates(prefix: string, from: Date, to: Date, size: (total: number) => number) {
      const population = and(
        sql`${visits.regionCode} LIKE ${`${prefix}%`}`,
        eq(visits.state, 'verified'),
        gte(visits.endedAt, from),
        lt(visits.endedAt, to),
        notExists(
          db
            .select({ one: sql`1` })
            .from(returnVisits)
            .where(eq(returnVisits.orderId, visits.orderId)),
        ),
      );
      const [{ total }] = (await db
        .select({ total: sql<number>`count(*)::int` })
        .from(visits)
        .where(population)) as [{ total: number }];
      const rows = await db
        .select({
          orderId: visits.orderId,
          regionCode: visits.regionCode,
          elderId: visits.elderId,
          providerId: visits.providerId,
          caregiverId: visits.caregiverId,
          itemCode: visits.itemCode,
          endedAt: visits.endedAt,
        })
        .from(visits)
        .where(population)
        .orderBy(sql`random()`)
        .limit(size(total));
      return { total, rows };
    },
  };
}
