/**
 * Service orders (服务工单, issue 14, PRODUCT.md §4.4): one order is one visit. Codes only; the console's
 * labels are in web/src/i18n/<locale>/order.ts.
 */

/** The order state machine (server/src/modules/order/order.machine.ts, decision 9xx-orders). */
export const ORDER_STATUSES = [
  'created',
  'accepted',
  'assigned',
  'en_route',
  'checked_in',
  'checked_out',
  'confirmed',
  'cancelled',
  'rejected',
  'no_show',
  'disputed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Orders still to be served: cancellable, and the caregiver's contact grant holds while one is open. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  'created',
  'accepted',
  'assigned',
  'en_route',
  'checked_in',
];

/** Commands after creation, as in the route names `POST /orders/{id}/{command}`. */
export const ORDER_COMMANDS = [
  'accept',
  'reject',
  'assign',
  'reassign',
  'depart',
  'check-in',
  'check-out',
  'confirm',
  'rate',
  'cancel',
  'no-show',
  'dispute',
] as const;
export type OrderCommandName = (typeof ORDER_COMMANDS)[number];

/** How the order was placed (点单渠道). */
export const ORDER_CHANNELS = [
  'elder_app',
  'family_app',
  'hotline',
  'community_worker',
  'recurring_plan',
] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const ORDER_CANCEL_REASONS = [
  'elder_request',
  'elder_hospitalised',
  'elder_deceased',
  'elder_moved_out',
  'provider_unable',
  'duplicate',
  'weather',
  'other',
] as const;
export type OrderCancelReason = (typeof ORDER_CANCEL_REASONS)[number];

/** Who cancelled: the elder or family themselves, the provider, staff, or the platform (an elder's status). */
export const ORDER_CANCELLERS = ['elder', 'family', 'provider', 'staff', 'system'] as const;
export type OrderCanceller = (typeof ORDER_CANCELLERS)[number];

export const ORDER_REJECT_REASONS = ['no_capacity', 'out_of_area', 'no_qualified_staff', 'other'] as const;
export type OrderRejectReason = (typeof ORDER_REJECT_REASONS)[number];

/** An elder or family member cancels up to this many hours before the planned start; staff later, with a reason. */
export const ORDER_CANCEL_CUTOFF_HOURS = 2;
/** A visit can be disputed this many days after check-out. */
export const ORDER_DISPUTE_DAYS = 7;

/** Recurring plans (周期服务计划). */
export const ORDER_PLAN_STATUSES = ['active', 'paused', 'ended'] as const;
export type OrderPlanStatus = (typeof ORDER_PLAN_STATUSES)[number];
export const ORDER_PLAN_PAUSE_REASONS = [
  'elder_hospitalised',
  'elder_in_institution',
  'elder_deceased',
  'elder_moved_out',
  'requested',
  'agreement_ended',
] as const;
export type OrderPlanPauseReason = (typeof ORDER_PLAN_PAUSE_REASONS)[number];

/** Why a caregiver is suggested (or not) for an order: each a code with optional params. */
export const DISPATCH_REASONS = [
  'credentials_valid',
  'credentials_missing',
  'available',
  'unavailable',
  'distance',
  'no_position',
  'served_before',
  'new_to_elder',
] as const;
export type DispatchReason = (typeof DISPATCH_REASONS)[number];
