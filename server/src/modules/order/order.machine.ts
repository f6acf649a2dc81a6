import { ORDER_DISPUTE_DAYS, type OrderStatus } from '@yiyang/contracts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { StateMachine, TransitionRule } from '../../platform/transition.ts';
import { orderRepo, type OrderRow } from './order.repo.ts';
import { orders } from './order.table.ts';

type Rule = TransitionRule<OrderStatus, OrderRow>;

/** The route's name of each command (`POST /orders/{id}/{name}`), for messages. */
export const COMMAND_NAMES = {
  accept: 'accept',
  reject: 'reject',
  assign: 'assign',
  reassign: 'reassign',
  depart: 'depart',
  checkIn: 'check-in',
  checkOut: 'check-out',
  confirm: 'confirm',
  rate: 'rate',
  cancel: 'cancel',
  noShow: 'no-show',
  dispute: 'dispute',
} as const;

/** 409 for a command the order's state does not allow; nothing is changed. */
export function invalidState(o: Pick<OrderRow, 'status'>, command: OrderCommand): DomainError {
  return new DomainError('order.invalid_state', {
    status: 409,
    params: { status: o.status, command: COMMAND_NAMES[command] },
    errors: [
      {
        pointer: '/status',
        code: 'order.invalid_state',
        params: { status: o.status, command: COMMAND_NAMES[command] },
      },
    ],
  });
}

const DAY = 86_400_000;
const disputeWindow = (o: OrderRow, now: Date): DomainError | null =>
  o.checkOutAt && now.getTime() - o.checkOutAt.getTime() > ORDER_DISPUTE_DAYS * DAY
    ? new DomainError('order.dispute_window_closed', { status: 422, params: { days: ORDER_DISPUTE_DAYS } })
    : null;

const alreadyRated = (o: OrderRow): DomainError | null =>
  o.rating !== null ? new DomainError('order.already_rated', { status: 409 }) : null;

/**
 * The order workflow (issue 14 §5) as data: created → accepted → assigned → en_route → checked_in →
 * checked_out → confirmed, with reject, reassign, cancel, no-show and dispute. A rating is an attribute of a
 * confirmed order (`rate` keeps the state); "settled" is the subsidy module's, later.
 */
export const ORDER_TRANSITIONS = {
  accept: {
    from: ['created'],
    to: 'accepted',
    timeline: 'accepted',
    audit: 'order.accept',
    topic: 'order.accepted',
  },
  reject: {
    from: ['created'],
    to: 'rejected',
    timeline: 'rejected',
    audit: 'order.reject',
    topic: 'order.rejected',
  },
  assign: {
    from: ['accepted'],
    to: 'assigned',
    timeline: 'assigned',
    audit: 'order.assign',
    topic: 'order.assigned',
  },
  reassign: {
    from: ['assigned', 'en_route'],
    to: 'assigned',
    timeline: 'reassigned',
    audit: 'order.reassign',
    topic: 'order.reassigned',
  },
  depart: {
    from: ['assigned'],
    to: 'en_route',
    timeline: 'departed',
    audit: 'order.depart',
    topic: 'order.departed',
  },
  // Setting off is not required: a caregiver may check in straight from `assigned`.
  checkIn: {
    from: ['assigned', 'en_route'],
    to: 'checked_in',
    timeline: 'checked_in',
    audit: 'order.check_in',
    topic: 'order.checked_in',
  },
  checkOut: {
    from: ['checked_in'],
    to: 'checked_out',
    timeline: 'checked_out',
    audit: 'order.check_out',
    topic: 'order.checked_out',
  },
  confirm: {
    from: ['checked_out'],
    to: 'confirmed',
    timeline: 'confirmed',
    audit: 'order.confirm',
    topic: 'order.confirmed',
  },
  rate: {
    from: ['confirmed'],
    to: 'confirmed',
    guard: alreadyRated,
    timeline: 'rated',
    audit: 'order.rate',
    topic: 'order.rated',
  },
  cancel: {
    from: ['created', 'accepted', 'assigned', 'en_route'],
    to: 'cancelled',
    timeline: 'cancelled',
    audit: 'order.cancel',
    topic: 'order.cancelled',
  },
  // The caregiver came and nobody was home (or the elder refused the visit at the door).
  noShow: {
    from: ['assigned', 'en_route'],
    to: 'no_show',
    timeline: 'no_show',
    audit: 'order.no_show',
    topic: 'order.no_show',
  },
  dispute: {
    from: ['checked_out', 'confirmed'],
    to: 'disputed',
    guard: disputeWindow,
    timeline: 'disputed',
    audit: 'order.dispute',
    topic: 'order.disputed',
  },
} as const satisfies Record<string, Rule>;

export type OrderCommand = keyof typeof ORDER_TRANSITIONS;

export const ORDER_MACHINE: StateMachine<typeof orders, OrderStatus, OrderCommand> = {
  entityType: 'order',
  table: orders,
  transitions: ORDER_TRANSITIONS,
  refused: (row, command) => invalidState(row, command),
  missing: () => notFound('order.not_found'),
  scope: (row) => ({ regionCode: row.regionCode, organisationId: row.providerId }),
  timeline: (tx, e) =>
    orderRepo(tx).addEvent({
      orderId: e.entityId,
      action: e.action,
      byUserId: e.actor.userId,
      byName: e.actor.name,
      at: e.at,
    }),
};
