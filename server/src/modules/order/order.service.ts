import { OPEN_ORDER_STATUSES, type OrderStatus } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { addDays, chinaDayStart } from '../../platform/dates.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { elderContact, findElder } from '../elder/index.ts';
import { OrderCommands } from './order.commands.ts';
import { nowOf, type OrderDeps } from './order.deps.ts';
import { OrderDispatch } from './order.dispatch.ts';
import { elderForOrder, placeOrder, termsOf } from './order.place.ts';
import { OrderPlans } from './order.plans.ts';
import { orderRepo } from './order.repo.ts';
import type { OrderCreate, OrderListQuery } from './order.schema.ts';
import { orderViewOf } from './order.views.ts';

/** China-time midnight of a calendar day, as an instant. */

/**
 * Service orders (issue 14 §4–6): ordering by every channel, the state machine's commands, dispatch,
 * recurring plans. The routes and other modules use this surface; the work is in the files it delegates to.
 */
export class OrderService {
  readonly commands: OrderCommands;
  readonly dispatch: OrderDispatch;
  readonly plans: OrderPlans;

  constructor(private readonly deps: OrderDeps) {
    this.commands = new OrderCommands(deps, (auth, id) => this.get(auth, id));
    this.dispatch = new OrderDispatch(deps);
    this.plans = new OrderPlans(deps);
  }

  /** The price the elder would pay and who would serve, before confirming. */
  async quote(auth: AuthContext, q: { elderId: string; itemId: string; start?: string | undefined }) {
    const { elder } = await elderForOrder(this.deps, auth, q.elderId, '/query/elderId');
    const t = await termsOf(this.deps, {
      elder,
      itemId: q.itemId,
      on: q.start ? new Date(q.start) : nowOf(this.deps),
    });
    return {
      elderId: elder.id,
      itemId: t.item.id,
      itemCode: t.item.code,
      itemName: t.item.name,
      durationMinutes: t.item.durationMinutes,
      ...t.price,
      agreementRequired: t.price.fundingSource !== 'self_pay',
      providers: t.providers,
    };
  }

  /** POST /orders: the elder or family on the phone, the hotline, a community worker. */
  async create(auth: AuthContext, actor: Actor, body: OrderCreate) {
    const { elder, channel, consent } = await elderForOrder(this.deps, auth, body.elderId);
    const staffChannel = auth.roles.includes('hotline_operator') ? 'hotline' : 'community_worker';
    const row = await placeOrder(this.deps, actor, {
      elder,
      itemId: body.itemId,
      plannedStart: new Date(body.plannedStart),
      providerId: body.providerId,
      channel: channel ?? body.channel ?? staffChannel,
      orderedBy: auth.userId,
      orderedByName: auth.displayName,
      consent,
      callNote: body.callNote,
      note: body.note,
    });
    return this.get(auth, row!.id);
  }

  async list(auth: AuthContext, q: OrderListQuery) {
    const after = decodeCursor(q.cursor);
    const rows = await orderRepo(this.deps.db).list(
      auth,
      {
        status: q.status,
        elderId: q.elderId,
        providerId: q.providerId,
        caregiverId: q.caregiverId,
        channel: q.channel,
        planId: q.planId,
        regionCode: q.regionCode,
        from: q.from ? chinaDayStart(q.from) : undefined,
        to: q.to ? chinaDayStart(addDays(q.to, 1)) : undefined,
      },
      after,
      q.limit,
    );
    const p = page(rows, q.limit, (r) => ({ createdAt: r.o.createdAt, id: r.o.id }));
    return { items: p.items.map(orderViewOf), nextCursor: p.nextCursor };
  }

  /** One order with its timeline; the elder's contact only for the assigned caregiver of an open order. */
  async get(auth: AuthContext, id: string) {
    const repo = orderRepo(this.deps.db);
    const r = await repo.findInScopeWithTimeline(auth, id);
    if (!r) throw notFound('order.not_found');
    const o = r.o;
    const open = (OPEN_ORDER_STATUSES as readonly string[]).includes(o.status as OrderStatus);
    let contact = null;
    if (open && o.caregiverId === auth.userId && (await repo.isAssigned(auth, o.id))) {
      const elder = await findElder(this.deps.db, o.elderId);
      if (elder) contact = elderContact(this.deps.cipher, elder);
    }
    // JSON carries PostgreSQL's timestamp text: the API's is ISO 8601 in UTC.
    const timeline = r.timeline.map((e) => ({
      action: e.action,
      byName: e.byName,
      at: new Date(e.at).toISOString(),
    }));
    return {
      ...orderViewOf(r),
      callNote: o.callNote,
      note: o.note,
      consent: o.consent ?? null,
      timeline,
      contact,
    };
  }
}
