import {
  OPEN_ORDER_STATUSES,
  type DomainEvent,
  type ElderStatus,
  type OrderPlanPauseReason,
} from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { transition } from '../../platform/transition.ts';
import { transact } from '../../platform/uow.ts';
import { findElder } from '../elder/index.ts';
import { OrderCommands } from './order.commands.ts';
import { nowOf, type OrderDeps } from './order.deps.ts';
import { ORDER_MACHINE } from './order.machine.ts';
import { assertAgreement, assertOrderable, elderForOrder, placeOrder, termsOf } from './order.place.ts';
import { orderPlanRepo, orderRepo, type OrderPlanRow } from './order.repo.ts';
import type { PlanCreate } from './order.schema.ts';
import { planViewOf } from './order.views.ts';

/** What an elder's new status does to their plans: pause (they come back) or end. */
const ON_STATUS: Partial<Record<ElderStatus, { plan: 'paused' | 'ended'; reason: OrderPlanPauseReason }>> = {
  hospitalised: { plan: 'paused', reason: 'elder_hospitalised' },
  in_institution: { plan: 'paused', reason: 'elder_in_institution' },
  deceased: { plan: 'ended', reason: 'elder_deceased' },
  moved_out: { plan: 'ended', reason: 'elder_moved_out' },
};
const CANCEL_REASON: Record<string, string> = {
  elder_hospitalised: 'elder_hospitalised',
  elder_in_institution: 'elder_hospitalised',
  elder_deceased: 'elder_deceased',
  elder_moved_out: 'elder_moved_out',
};

/** ISO weekday (1 = Monday) of a calendar day. */
const isoWeekday = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * Recurring plans (issue 14 §4): "every Tuesday and Friday at 9:00" generates orders for the next days through
 * the one create command (`placeOrder`), one per occurrence; an elder's hospitalisation pauses them, death or
 * moving out ends them, and their future open orders are cancelled.
 */
export class OrderPlans {
  private readonly cancels: OrderCommands;
  constructor(private readonly deps: OrderDeps) {
    this.cancels = new OrderCommands(deps, async () => null);
  }

  async create(auth: AuthContext, actor: Actor, body: PlanCreate) {
    const { elder, channel } = await elderForOrder(this.deps, auth, body.elderId);
    assertOrderable(elder, '/body/elderId', 'order.plan_elder_inactive');
    const t = await termsOf(this.deps, {
      elder,
      itemId: body.itemId,
      on: new Date(`${body.startsOn}T12:00:00+08:00`),
      providerId: body.providerId,
    });
    assertAgreement(t, body.providerId ? '/body/providerId' : '/body/itemId');
    const plan = await transact(this.deps, actor, async (tx, uow) => {
      const p = await orderPlanRepo(tx).insert({
        regionCode: elder.regionCode,
        elderId: elder.id,
        itemId: t.item.id,
        providerId: t.provider.organisationId,
        weekdays: [...new Set(body.weekdays)].sort(),
        timeOfDay: body.timeOfDay,
        startsOn: body.startsOn,
        endsOn: body.endsOn ?? null,
        channel: channel ?? (auth.roles.includes('hotline_operator') ? 'hotline' : 'community_worker'),
        createdBy: auth.userId,
        createdByName: auth.displayName,
        note: body.note ?? null,
        createdAt: nowOf(this.deps),
      });
      const scope = { regionCode: p.regionCode, organisationId: p.providerId };
      uow.audit({
        action: 'order_plan.create',
        entityType: 'order_plan',
        entityId: p.id,
        ...scope,
        summary: `recurring plan ${t.item.code} on ${p.weekdays.join(',')} at ${p.timeOfDay}`,
      });
      uow.emit('order_plan.created', { id: p.id, elderId: p.elderId }, scope);
      return p;
    });
    await this.generatePlan(plan);
    return this.get(auth, plan.id);
  }

  async get(auth: AuthContext, id: string) {
    const rows = await orderPlanRepo(this.deps.db).list(auth, { id }, null, 1);
    if (!rows[0]) throw notFound('order.plan_not_found');
    return planViewOf(rows[0]);
  }

  async list(
    auth: AuthContext,
    q: {
      elderId?: string | undefined;
      status?: string | undefined;
      limit: number;
      cursor?: string | undefined;
    },
  ) {
    const rows = await orderPlanRepo(this.deps.db).list(auth, q, decodeCursor(q.cursor), q.limit);
    const p = page(rows, q.limit, (r) => ({ createdAt: r.p.createdAt, id: r.p.id }));
    return { items: p.items.map(planViewOf), nextCursor: p.nextCursor };
  }

  /** Ends a plan at the caller's request; its orders already made stay (cancel them one by one). */
  async end(auth: AuthContext, actor: Actor, id: string, note: string | undefined) {
    const cur = await this.get(auth, id);
    if (cur.status === 'ended')
      throw new DomainError('order.plan_invalid_state', { status: 409, params: { status: cur.status } });
    await this.setStatus(id, 'ended', 'requested', actor, note);
    return this.get(auth, id);
  }

  /** Pauses an active plan at the caller's request: no orders are generated until it is resumed. */
  async pause(auth: AuthContext, actor: Actor, id: string, note: string | undefined) {
    const cur = await this.get(auth, id);
    if (cur.status !== 'active')
      throw new DomainError('order.plan_invalid_state', {
        status: 409,
        params: { status: cur.status },
        errors: [{ pointer: '/status', code: 'order.plan_invalid_state', params: { status: cur.status } }],
      });
    await this.setStatus(id, 'paused', 'requested', actor, note);
    return this.get(auth, id);
  }

  /** Resumes a paused plan (the elder must be active again) and generates its orders ahead at once. */
  async resume(auth: AuthContext, actor: Actor, id: string, note: string | undefined) {
    const cur = await this.get(auth, id);
    if (cur.status !== 'paused')
      throw new DomainError('order.plan_invalid_state', {
        status: 409,
        params: { status: cur.status },
        errors: [{ pointer: '/status', code: 'order.plan_invalid_state', params: { status: cur.status } }],
      });
    const elder = await findElder(this.deps.db, cur.elderId);
    if (elder) assertOrderable(elder, '/status', 'order.plan_elder_inactive');
    await this.setStatus(id, 'active', 'resumed', actor, note);
    const plan = await orderPlanRepo(this.deps.db).findById(id);
    if (plan) await this.generatePlan(plan);
    return this.get(auth, id);
  }

  private async setStatus(id: string, status: string, reason: string, actor: Actor, note?: string) {
    await transact(this.deps, actor, async (tx, uow) => {
      const p = await orderPlanRepo(tx).update(id, { status, statusReason: reason });
      const scope = { regionCode: p.regionCode, organisationId: p.providerId };
      uow.audit({
        action: 'order_plan.status',
        entityType: 'order_plan',
        entityId: id,
        ...scope,
        summary: `recurring plan ${status}: ${reason}`,
        ...(note ? { reason: note } : {}),
      });
      uow.emit('order_plan.changed', { id, status, reason }, scope);
    });
  }

  /** The schedule: every active plan's occurrences of the next days (idempotent: one order per occurrence). */
  async generate(): Promise<{ plans: number; orders: number }> {
    let made = 0;
    const plans = await orderPlanRepo(this.deps.db).active();
    for (const p of plans) made += await this.generatePlan(p);
    return { plans: plans.length, orders: made };
  }

  private async generatePlan(p: OrderPlanRow): Promise<number> {
    const now = nowOf(this.deps);
    const today = todayIso(now);
    const until = addDays(today, this.deps.planHorizonDays ?? 7);
    const elder = await findElder(this.deps.db, p.elderId);
    if (!elder || elder.status !== 'active') return 0;
    let made = 0;
    for (let d = p.startsOn > today ? p.startsOn : today; d <= until; d = addDays(d, 1)) {
      if (p.endsOn && d > p.endsOn) break;
      if (!p.weekdays.includes(isoWeekday(d))) continue;
      const start = new Date(`${d}T${p.timeOfDay}:00+08:00`);
      if (start.getTime() <= now.getTime()) continue;
      const row = await placeOrder(
        this.deps,
        { userId: p.createdBy, name: p.createdByName },
        {
          elder,
          itemId: p.itemId,
          plannedStart: start,
          providerId: p.providerId ?? undefined,
          channel: 'recurring_plan',
          orderedBy: p.createdBy,
          orderedByName: p.createdByName,
          plan: { id: p.id, date: d },
        },
      ).catch((err: unknown) => {
        // A plan whose terms lapsed (contract, agreement) makes nothing until they are renewed.
        if (err instanceof DomainError) return null;
        throw err;
      });
      if (row) made++;
    }
    return made;
  }

  /** The events plans follow: the elder's status, and an agreement that ended. */
  async onEvent(e: DomainEvent): Promise<void> {
    if (e.topic === 'elder.status_changed') return this.onElderStatus(e);
    if (e.topic === 'service_agreement.ended') return this.onAgreementEnded(e.payload);
  }

  /** A plan for a funded service ends when the agreement it needs ends (a self-paid one goes on). */
  private async onAgreementEnded(a: { elderId: string; organisationId: string }): Promise<void> {
    const elder = await findElder(this.deps.db, a.elderId);
    if (!elder) return;
    for (const p of await orderPlanRepo(this.deps.db).ofElder(a.elderId)) {
      if (p.status === 'ended' || p.providerId !== a.organisationId) continue;
      try {
        const t = await termsOf(this.deps, {
          elder,
          itemId: p.itemId,
          on: nowOf(this.deps),
          providerId: a.organisationId,
        });
        assertAgreement(t, '/providerId');
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await this.setStatus(p.id, 'ended', 'agreement_ended', SYSTEM_ACTOR);
      }
    }
  }

  /**
   * `elder.status_changed` (every instance receives it): pause or end the elder's plans and cancel their
   * future open orders; back to active resumes plans paused for their status. Idempotent by state.
   */
  private async onElderStatus(e: DomainEvent): Promise<void> {
    if (e.topic !== 'elder.status_changed') return;
    const { id: elderId, to } = e.payload;
    const repo = orderPlanRepo(this.deps.db);
    const plans = await repo.ofElder(elderId);
    if (to === 'active') {
      for (const p of plans)
        if (p.status === 'paused' && p.statusReason?.startsWith('elder_'))
          await this.setStatus(p.id, 'active', 'elder_active', SYSTEM_ACTOR);
      return;
    }
    const rule = ON_STATUS[to];
    if (!rule) return;
    for (const p of plans)
      if (p.status === 'active' || (p.status === 'paused' && rule.plan === 'ended'))
        await this.setStatus(p.id, rule.plan, rule.reason, SYSTEM_ACTOR);
    await this.cancelOpen(elderId, CANCEL_REASON[rule.reason] ?? 'other');
  }

  private async cancelOpen(elderId: string, reason: string): Promise<void> {
    const now = nowOf(this.deps);
    const open = await orderRepo(this.deps.db).openOf(elderId, OPEN_ORDER_STATUSES.slice(0, 4), now);
    for (const { id } of open)
      await transact(this.deps, SYSTEM_ACTOR, (tx, uow) =>
        transition({ tx, uow, actor: SYSTEM_ACTOR, now }, ORDER_MACHINE, id, 'cancel', (locked) =>
          this.cancels.cancelSpec(locked, tx, now, 'system', reason, null),
        ),
      ).catch((err: unknown) => {
        // Another instance cancelled it first (the state no longer allows it).
        if (!(err instanceof DomainError)) throw err;
      });
  }
}
