import { ORDER_COMMANDS, type OrderCanceller, type OrderChannel, type OrderStatus } from '@yiyang/contracts';
import { canTransition } from '../../platform/transition.ts';
import { COMMAND_NAMES, ORDER_TRANSITIONS, type OrderCommand } from './order.machine.ts';
import type { OrderListRow, OrderPlanRow } from './order.repo.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const ROUTE_TO_COMMAND = Object.fromEntries(
  Object.entries(COMMAND_NAMES).map(([k, v]) => [v, k as OrderCommand]),
) as Record<(typeof ORDER_COMMANDS)[number], OrderCommand>;

/** The route names of the commands the order's state allows (`rate` only while unrated). */
export function commandsOf(status: string, rated: boolean): string[] {
  return ORDER_COMMANDS.filter((name) => {
    const c = ROUTE_TO_COMMAND[name];
    if (c === 'rate' && rated) return false;
    return canTransition({ transitions: ORDER_TRANSITIONS }, status, c);
  });
}

export function orderViewOf(r: OrderListRow) {
  const o = r.o;
  return {
    id: o.id,
    status: o.status as OrderStatus,
    elderId: o.elderId,
    elderNameMasked: r.elderName ?? '***',
    regionCode: o.regionCode,
    regionName: r.regionName,
    itemId: o.itemId,
    itemCode: o.itemCode,
    itemName: o.itemName,
    providerId: o.providerId,
    providerName: r.providerName,
    caregiverId: o.caregiverId,
    caregiverName: r.caregiverName,
    channel: o.channel as OrderChannel,
    orderedByName: o.orderedByName,
    plannedStart: o.plannedStart.toISOString(),
    plannedEnd: o.plannedEnd.toISOString(),
    priceCents: o.priceCents,
    elderShareCents: o.elderShareCents,
    fundingSource: o.fundingSource,
    agreementId: o.agreementId,
    planId: o.planId,
    escalationLevel: o.escalationLevel,
    rating: o.rating,
    ratingComment: o.ratingComment,
    cancelledBy: o.cancelledBy as OrderCanceller | null,
    cancelReason: o.cancelReason,
    rejectReason: o.rejectReason,
    closingNote: o.closingNote,
    checkInAt: iso(o.checkInAt),
    checkOutAt: iso(o.checkOutAt),
    createdAt: o.createdAt.toISOString(),
    commands: commandsOf(o.status, o.rating !== null),
  };
}

export function planViewOf(r: { p: OrderPlanRow; elderName: string | null; providerName: string | null }) {
  const p = r.p;
  return {
    id: p.id,
    elderId: p.elderId,
    elderNameMasked: r.elderName ?? '***',
    regionCode: p.regionCode,
    itemId: p.itemId,
    providerId: p.providerId,
    providerName: r.providerName,
    weekdays: p.weekdays,
    timeOfDay: p.timeOfDay,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: p.status as 'active' | 'paused' | 'ended',
    statusReason: p.statusReason,
    channel: p.channel,
    createdByName: p.createdByName,
    note: p.note,
    createdAt: p.createdAt.toISOString(),
  };
}
