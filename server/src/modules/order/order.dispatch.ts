import { and, eq, sql } from 'drizzle-orm';
import type { AuthContext } from '../../platform/access.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { todayIso } from '../../platform/dates.ts';
import { notFound } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { nowOf, type OrderDeps } from './order.deps.ts';
import { rankCaregivers } from './order.rank.ts';
import { orderRepo, type OrderRow } from './order.repo.ts';
import { seams } from './order.seams.ts';
import { orders } from './order.table.ts';

/** Escalation levels: 1 widens the offer to every contracted provider, 2 alerts the street centre. */
const MAX_LEVEL = 2;

/** Street code of a community or village code (its first 9 digits, then 000). */
const streetOf = (regionCode: string) => `${regionCode.slice(0, 9)}000`;

/**
 * Dispatch (issue 14 §6): ranked caregiver suggestions for an accepted order, and the escalation of orders
 * nobody accepts.
 */
export class OrderDispatch {
  constructor(private readonly deps: OrderDeps) {}

  /** The accepting provider's caregivers, ranked with their reasons (rankCaregivers); the best `limit`. */
  async suggestions(auth: AuthContext, id: string, limit = 30) {
    const db = this.deps.db;
    const r = await orderRepo(db).findInScope(auth, id);
    if (!r) throw notFound('order.not_found');
    const o = r.o;
    if (!o.providerId) return { orderId: o.id, total: 0, items: [] };
    const onDate = todayIso(o.plannedStart);
    const [{ caregivers: staff, available: free }, elderAt, { visits, busy }] = await Promise.all([
      seams.dispatchFactsOf(db, [o.providerId], onDate, o.plannedStart, o.plannedEnd),
      seams.elderPosition(db, o.elderId),
      orderRepo(db).caregiverLoad({
        elderId: o.elderId,
        providerId: o.providerId,
        start: o.plannedStart,
        end: o.plannedEnd,
        exceptOrderId: o.id,
      }),
    ]);
    // A caregiver with another assigned visit in this window is not available (issue 14 §6).
    const available = busy.size ? new Set([...free].filter((id) => !busy.has(id))) : free;
    const items = rankCaregivers(
      staff,
      { required: o.requiredCredentials, elderAt, available, visits },
      limit,
    );
    return { orderId: o.id, total: staff.length, items };
  }

  /**
   * Orders still `created` after N minutes go up one level; each step is a conditional update of the row
   * (status and level unchanged since read), so instances running this at once escalate an order once.
   */
  async escalate(): Promise<{ escalated: number }> {
    const now = nowOf(this.deps);
    const minutes = this.deps.escalateAfterMinutes ?? 30;
    let escalated = 0;
    for (let level = 0; level < MAX_LEVEL; level++) {
      const before = new Date(now.getTime() - (level + 1) * minutes * 60_000);
      for (const o of await orderRepo(this.deps.db).unaccepted(level, before, 200))
        if (await this.escalateOne(o, level + 1)) escalated++;
    }
    return { escalated };
  }

  private async escalateOne(o: OrderRow, level: number): Promise<boolean> {
    const offeredTo =
      level === 1
        ? [
            ...new Set([
              ...o.offeredTo,
              ...(
                await seams.contractedProviders(this.deps.db, {
                  regionCode: o.regionCode,
                  itemId: o.itemId,
                  onDate: todayIso(o.plannedStart),
                })
              ).map((p) => p.organisationId),
            ]),
          ]
        : o.offeredTo;
    return transact(this.deps, SYSTEM_ACTOR, async (tx, uow) => {
      const rows = await tx
        .update(orders)
        .set({ escalationLevel: level, offeredTo, updatedAt: sql`now()` })
        .where(and(eq(orders.id, o.id), eq(orders.status, 'created'), eq(orders.escalationLevel, level - 1)))
        .returning({ id: orders.id });
      if (!rows.length) return false;
      await orderRepo(tx).addEvent({
        orderId: o.id,
        action: `escalated_${level}`,
        byName: 'system',
        at: nowOf(this.deps),
      });
      // Level 2 is scoped to the street, so the street centre's consoles see it.
      const scope = level === 2 ? { regionCode: streetOf(o.regionCode) } : { regionCode: o.regionCode };
      uow.audit({
        action: 'order.escalate',
        entityType: 'order',
        entityId: o.id,
        regionCode: o.regionCode,
        organisationId: o.providerId,
        summary: `order not accepted: escalation level ${level}`,
        detail: { level, offeredTo },
      });
      uow.emit('order.escalated', { id: o.id, level, offeredTo }, scope);
      return true;
    });
  }
}
