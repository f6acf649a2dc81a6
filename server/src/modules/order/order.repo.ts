import { aliasedTable, and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { assignedTo, inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import { queryText, type Executor } from '../../platform/db.ts';
import type { Keyset } from '../../platform/pagination.ts';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { regions } from '../region/region.table.ts';
import { users } from '../user/user.table.ts';
import { orderEvents, orderPlans, orders } from './order.table.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderInsert = typeof orders.$inferInsert;
export type OrderPlanRow = typeof orderPlans.$inferSelect;

/** The assignment subject type of an order (platform/assignments.ts). */
export const ORDER_SUBJECT = 'order';

/**
 * A caregiver (performs visits, does not dispatch) sees the orders assigned to them and those they served —
 * their own tasks (PRODUCT.md §2), never their provider's whole book.
 */
export function caregiverOnly(auth: AuthContext): boolean {
  return auth.permissions.has('visit:perform') && !auth.permissions.has('order:dispatch');
}

/**
 * The scope condition of every order read (decision 010): the elder's residence for staff, the provider
 * (and the providers it is offered to while nobody accepted it), the elder's own and family accounts, the
 * caregiver's assignments.
 */
export function orderInScope(auth: AuthContext, regionCode?: string): SQL {
  const s = auth.scope;
  if (caregiverOnly(auth))
    return or(eq(orders.caregiverId, auth.userId), assignedTo(s, ORDER_SUBJECT, orders.id))!;
  const base = inScopeAndRegion(
    s,
    {
      region: orders.regionCode,
      organisation: orders.providerId,
      elder: orders.elderId,
      assigned: { subjectType: ORDER_SUBJECT, id: orders.id },
    },
    regionCode,
  );
  if (!s.organisationId) return base;
  return or(base, and(eq(orders.status, 'created'), sql`${s.organisationId} = ANY(${orders.offeredTo})`))!;
}

export interface OrderFilter {
  status?: string[] | undefined;
  elderId?: string | undefined;
  providerId?: string | undefined;
  caregiverId?: string | undefined;
  channel?: string | undefined;
  planId?: string | undefined;
  regionCode?: string | undefined;
  /** Planned start in [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
}

const caregivers = aliasedTable(users, 'caregiver');

const listColumns = {
  o: orders,
  elderName: elders.nameMasked,
  regionName: regions.name,
  providerName: organisations.name,
  caregiverName: caregivers.displayName,
};
export type OrderListRow = { o: OrderRow; elderName: string | null; regionName: string | null } & {
  providerName: string | null;
  caregiverName: string | null;
};

/** The order's timeline, oldest first, as a JSON column (its `at` is PostgreSQL's timestamp text). */
const TIMELINE = sql<{ action: string; byName: string; at: string }[]>`(SELECT coalesce(json_agg(
  json_build_object('action', e.action, 'byName', e.by_name, 'at', e.at) ORDER BY e.at), '[]'::json)
  FROM ${orderEvents} e WHERE e.order_id = ${orders.id})`;

export function orderRepo(db: Executor) {
  return { ...orderRows(db), ...orderScans(db) };
}

/** Orders themselves: scoped reads, the timeline. */
function orderRows(db: Executor) {
  const base = () =>
    db
      .select(listColumns)
      .from(orders)
      .innerJoin(elders, eq(elders.id, orders.elderId))
      .leftJoin(regions, eq(regions.code, orders.regionCode))
      .leftJoin(organisations, eq(organisations.id, orders.providerId))
      .leftJoin(caregivers, eq(caregivers.id, orders.caregiverId));
  return {
    async insert(v: OrderInsert): Promise<OrderRow> {
      const [row] = await db.insert(orders).values(v).returning();
      return row!;
    },
    async findById(id: string): Promise<OrderRow | null> {
      const [row] = await db.select().from(orders).where(eq(orders.id, id)).limit(1);
      return row ?? null;
    },
    async findInScope(auth: AuthContext, id: string): Promise<OrderListRow | null> {
      const [row] = await base()
        .where(and(eq(orders.id, id), orderInScope(auth)))
        .limit(1);
      return row ?? null;
    },
    /** The order in scope with its timeline (oldest first), in one statement: what `GET /orders/{id}` shows. */
    async findInScopeWithTimeline(
      auth: AuthContext,
      id: string,
    ): Promise<(OrderListRow & { timeline: { action: string; byName: string; at: string }[] }) | null> {
      const [row] = await db
        .select({ ...listColumns, timeline: TIMELINE })
        .from(orders)
        .innerJoin(elders, eq(elders.id, orders.elderId))
        .leftJoin(regions, eq(regions.code, orders.regionCode))
        .leftJoin(organisations, eq(organisations.id, orders.providerId))
        .leftJoin(caregivers, eq(caregivers.id, orders.caregiverId))
        .where(and(eq(orders.id, id), orderInScope(auth)))
        .limit(1);
      return row ?? null;
    },
    async list(auth: AuthContext, f: OrderFilter, after: Keyset | null, limit: number) {
      const conds: (SQL | undefined)[] = [orderInScope(auth, f.regionCode)];
      if (f.status?.length) conds.push(inArray(orders.status, f.status));
      if (f.elderId) conds.push(eq(orders.elderId, f.elderId));
      if (f.providerId) conds.push(eq(orders.providerId, f.providerId));
      if (f.caregiverId) conds.push(eq(orders.caregiverId, f.caregiverId));
      if (f.channel) conds.push(eq(orders.channel, f.channel));
      if (f.planId) conds.push(eq(orders.planId, f.planId));
      if (f.from) conds.push(gte(orders.plannedStart, f.from));
      if (f.to) conds.push(lt(orders.plannedStart, f.to));
      if (after)
        conds.push(
          sql`(${orders.createdAt}, ${orders.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
        );
      return base()
        .where(and(...conds))
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(limit + 1);
    },
    /** Is the order assigned to this account right now (platform/assignments.ts)? */
    async isAssigned(auth: AuthContext, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, id), assignedTo(auth.scope, ORDER_SUBJECT, orders.id)))
        .limit(1);
      return !!row;
    },
    async addEvent(v: typeof orderEvents.$inferInsert): Promise<void> {
      await db.insert(orderEvents).values(v);
    },
  };
}

/** Reads of dispatch, escalation and plans. */
function orderScans(db: Executor) {
  return {
    /**
     * For dispatch, in one statement: how many visits each caregiver made to this elder (continuity;
     * orders_elder_idx), and which of the provider's caregivers already has another assigned, open visit
     * overlapping [start, end) (not available then; orders_caregiver_idx).
     */
    async caregiverLoad(q: {
      elderId: string;
      providerId: string;
      start: Date;
      end: Date;
      exceptOrderId: string;
    }): Promise<{ visits: Map<string, number>; busy: Set<string> }> {
      const visits = new Map<string, number>();
      const busy = new Set<string>();
      const rows = await queryText<{ id: string; n: number; busy: boolean }>(db, CAREGIVER_LOAD, [
        q.providerId,
        q.elderId,
        q.start.toISOString(),
        q.end.toISOString(),
        q.exceptOrderId,
      ]);
      for (const r of rows) {
        if (r.n) visits.set(r.id, r.n);
        if (r.busy) busy.add(r.id);
      }
      return { visits, busy };
    },
    /** Orders nobody accepted, created before `before`, still at `level` (escalation). */
    unaccepted: (level: number, before: Date, limit: number) =>
      db
        .select()
        .from(orders)
        .where(
          and(eq(orders.status, 'created'), eq(orders.escalationLevel, level), lt(orders.createdAt, before)),
        )
        .orderBy(asc(orders.createdAt))
        .limit(limit),
    /** Open orders of an elder planned to start after `after` (cancelled when the elder leaves). */
    openOf: (elderId: string, statuses: readonly string[], after: Date) =>
      db
        .select({ id: orders.id })
        .from(orders)
        .where(
          and(
            eq(orders.elderId, elderId),
            inArray(orders.status, [...statuses]),
            gte(orders.plannedStart, after),
          ),
        ),
  };
}

const SERVED = `o.status IN ('checked_out', 'confirmed', 'disputed')`;
const BUSY = `o.status IN ('assigned', 'en_route', 'checked_in') AND o.planned_start < $4::timestamptz
  AND o.planned_end > $3::timestamptz AND o.id <> $5::uuid`;
const CAREGIVER_LOAD = `SELECT o.caregiver_id AS id,
  (count(*) FILTER (WHERE o.elder_id = $2::uuid AND ${SERVED}))::int AS n, bool_or(${BUSY}) AS busy
FROM orders o
WHERE o.caregiver_id IS NOT NULL AND ((o.elder_id = $2::uuid AND ${SERVED})
  OR (${BUSY} AND o.caregiver_id IN (SELECT u.id FROM users u WHERE u.organisation_id = $1::uuid)))
GROUP BY o.caregiver_id`;

export function orderPlanRepo(db: Executor) {
  return {
    async insert(v: typeof orderPlans.$inferInsert): Promise<OrderPlanRow> {
      const [row] = await db.insert(orderPlans).values(v).returning();
      return row!;
    },
    async findById(id: string): Promise<OrderPlanRow | null> {
      const [row] = await db.select().from(orderPlans).where(eq(orderPlans.id, id)).limit(1);
      return row ?? null;
    },
    async list(
      auth: AuthContext,
      f: { id?: string; elderId?: string | undefined; status?: string | undefined },
      after: Keyset | null,
      limit: number,
    ) {
      const conds: (SQL | undefined)[] = [
        inScopeAndRegion(auth.scope, {
          region: orderPlans.regionCode,
          organisation: orderPlans.providerId,
          elder: orderPlans.elderId,
        }),
      ];
      if (f.id) conds.push(eq(orderPlans.id, f.id));
      if (f.elderId) conds.push(eq(orderPlans.elderId, f.elderId));
      if (f.status) conds.push(eq(orderPlans.status, f.status));
      if (after)
        conds.push(
          sql`(${orderPlans.createdAt}, ${orderPlans.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
        );
      return db
        .select({ p: orderPlans, elderName: elders.nameMasked, providerName: organisations.name })
        .from(orderPlans)
        .innerJoin(elders, eq(elders.id, orderPlans.elderId))
        .leftJoin(organisations, eq(organisations.id, orderPlans.providerId))
        .where(and(...conds))
        .orderBy(desc(orderPlans.createdAt), desc(orderPlans.id))
        .limit(limit + 1);
    },
    active: () => db.select().from(orderPlans).where(eq(orderPlans.status, 'active')),
    ofElder: (elderId: string) => db.select().from(orderPlans).where(eq(orderPlans.elderId, elderId)),
    async update(id: string, v: Partial<typeof orderPlans.$inferInsert>): Promise<OrderPlanRow> {
      const [row] = await db
        .update(orderPlans)
        .set({ ...v, updatedAt: new Date() })
        .where(eq(orderPlans.id, id))
        .returning();
      return row!;
    },
  };
}
