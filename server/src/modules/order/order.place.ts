import type { OrderChannel } from '@yiyang/contracts';
import { actsFor, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { todayIso } from '../../platform/dates.ts';
import { DomainError, invalidField, isUniqueViolation } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { findElder, findElderInScope, type ElderRow } from '../elder/index.ts';
import { nowOf, type OrderDeps } from './order.deps.ts';
import { orderRepo, type OrderRow } from './order.repo.ts';
import { seams, type OrderItem, type OrderPrice } from './order.seams.ts';

/** What every order is placed with, whoever places it (the API, a recurring plan, the demo seed). */
export interface PlaceInput {
  elder: ElderRow;
  itemId: string;
  plannedStart: Date;
  providerId?: string | undefined;
  channel: OrderChannel;
  orderedBy: string | null;
  orderedByName: string;
  consent?: { basis: string; relation: string; at: string } | null;
  callNote?: string | undefined;
  note?: string | undefined;
  plan?: { id: string; date: string };
}

/** The price, provider and agreement an order would be placed under (the quote shows it before confirming). */
export interface Terms {
  item: OrderItem;
  price: OrderPrice;
  providers: { organisationId: string; name: string; agreementId: string | null }[];
  provider: { organisationId: string; agreementId: string | null };
}

/** The elder an account may order for, and the channel and consent it orders through (decision 010). */
export async function elderForOrder(
  deps: OrderDeps,
  auth: AuthContext,
  elderId: string,
  pointer = '/body/elderId',
): Promise<{ elder: ElderRow; channel: OrderChannel | null; consent: PlaceInput['consent'] }> {
  const outOfScope = () =>
    new DomainError('order.elder_out_of_scope', {
      status: 403,
      errors: [{ pointer, code: 'order.elder_out_of_scope' }],
    });
  const relation = auth.relations.find((r) => r.elderId === elderId);
  if (relation) {
    if (!actsFor(auth, elderId)) throw outOfScope();
    const elder = await findElder(deps.db, elderId);
    if (!elder) throw outOfScope();
    const family = relation.kind === 'family';
    const at = nowOf(deps).toISOString();
    return {
      elder,
      channel: family ? 'family_app' : 'elder_app',
      consent: family ? { basis: 'family_binding_consent', relation: 'family', at } : null,
    };
  }
  const found = await findElderInScope(deps.db, auth.scope, elderId);
  if (!found) throw outOfScope();
  return { elder: found.elder, channel: null, consent: null };
}

export function assertOrderable(elder: ElderRow, pointer = '/body/elderId', code = 'order.elder_inactive') {
  if (elder.status !== 'active')
    throw new DomainError(code, {
      status: 422,
      params: { status: elder.status },
      errors: [{ pointer, code, params: { status: elder.status } }],
    });
}

/** Item, price, contracted providers and the agreement (decision: a funded order needs one). */
export async function termsOf(
  deps: OrderDeps,
  q: { elder: ElderRow; itemId: string; on: Date; providerId?: string | undefined },
): Promise<Terms> {
  const db = deps.db;
  const onDate = todayIso(q.on);
  const item = await seams.item(db, q.itemId, onDate);
  if (!item) throw invalidField('/body/itemId', 'order.item_not_found');
  const [contracted, price] = await Promise.all([
    seams.contractedProviders(db, { regionCode: q.elder.regionCode, item, onDate }),
    seams.price(db, item, q.elder, onDate),
  ]);
  if (!contracted.length) throw invalidField('/body/itemId', 'order.no_provider');
  if (q.providerId && !contracted.some((p) => p.organisationId === q.providerId))
    throw invalidField('/body/providerId', 'order.provider_not_contracted');
  const agreements = await seams.activeAgreements(db, {
    elderId: q.elder.id,
    organisationIds: contracted.map((p) => p.organisationId),
    item,
    onDate,
  });
  const providers = contracted.map((p) => ({ ...p, agreementId: agreements.get(p.organisationId) ?? null }));
  const chosen = q.providerId
    ? providers.find((p) => p.organisationId === q.providerId)!
    : (providers.find((p) => p.agreementId) ?? providers[0]!);
  return { item, price, providers, provider: chosen };
}

/** 422 when a funded order has no agreement with its provider. */
export function assertAgreement(t: Terms, pointer: string): void {
  if (t.price.fundingSource !== 'self_pay' && !t.provider.agreementId)
    throw invalidField(pointer, 'order.agreement_required');
}

/**
 * The one create command: terms, then the row, its first timeline entry, the audit entry and
 * `order.created`, in one transaction. A plan occurrence that exists already returns null (idempotent).
 */
export async function placeOrder(deps: OrderDeps, actor: Actor, input: PlaceInput): Promise<OrderRow | null> {
  const now = nowOf(deps);
  const elder = input.elder;
  assertOrderable(elder);
  if (input.plannedStart.getTime() < now.getTime() - 5 * 60_000)
    throw invalidField('/body/plannedStart', 'order.start_in_past');
  const t = await termsOf(deps, {
    elder,
    itemId: input.itemId,
    on: input.plannedStart,
    providerId: input.providerId,
  });
  assertAgreement(t, input.providerId ? '/body/providerId' : '/body/itemId');
  const plannedEnd = new Date(input.plannedStart.getTime() + t.item.durationMinutes * 60_000);
  try {
    return await transact(deps, actor, async (tx, uow) => {
      const repo = orderRepo(tx);
      const row = await repo.insert({
        regionCode: elder.regionCode,
        elderId: elder.id,
        itemId: t.item.id,
        itemCode: t.item.code,
        itemName: t.item.name,
        requiredCredentials: t.item.requiredCredentials,
        providerId: t.provider.organisationId,
        offeredTo: [t.provider.organisationId],
        channel: input.channel,
        orderedBy: input.orderedBy,
        orderedByName: input.orderedByName,
        consent: input.consent ?? null,
        callNote: input.callNote ?? null,
        note: input.note ?? null,
        plannedStart: input.plannedStart,
        plannedEnd,
        priceCents: t.price.priceCents,
        elderShareCents: t.price.elderShareCents,
        fundingSource: t.price.fundingSource,
        agreementId: t.provider.agreementId,
        planId: input.plan?.id ?? null,
        planDate: input.plan?.date ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await repo.addEvent({
        orderId: row.id,
        action: 'created',
        byUserId: actor.userId,
        byName: actor.name,
        at: now,
      });
      const scope = { regionCode: row.regionCode, organisationId: row.providerId };
      uow.audit({
        action: 'order.create',
        entityType: 'order',
        entityId: row.id,
        ...scope,
        summary: `order ${t.item.code} for elder ${elder.id} via ${input.channel}`,
        detail: { channel: input.channel, itemCode: t.item.code, fundingSource: t.price.fundingSource },
      });
      uow.emit(
        'order.created',
        {
          id: row.id,
          elderId: elder.id,
          providerId: row.providerId,
          channel: input.channel,
          plannedStart: row.plannedStart.toISOString(),
        },
        scope,
      );
      return row;
    });
  } catch (err) {
    if (input.plan && isUniqueViolation(err)) return null;
    throw err;
  }
}
