import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { users } from '../user/user.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Service orders (服务工单, PRODUCT.md §4.4): one order is one visit. An order keeps what later modules need
 * as it was ordered — the price, the elder's share, the funding source and the agreement — so subsidies, family
 * beds and the time bank read the order, never today's catalogue. Scoped by the elder's residence
 * (`region_code`), the provider (`provider_id`), the elder (relationships) and the assignment (caregiver).
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    // The catalogue item (service module); its code and name are copied as ordered.
    itemId: uuid('item_id').notNull(),
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    requiredCredentials: text('required_credentials')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // The provider the order is with: chosen at creation, confirmed by `accept` (one of `offered_to`).
    providerId: uuid('provider_id').references(() => organisations.id),
    // Providers that may accept it; escalation widens this to every contracted provider.
    offeredTo: uuid('offered_to')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    caregiverId: uuid('caregiver_id').references(() => users.id),
    channel: text('channel').notNull(), // ORDER_CHANNELS
    orderedBy: uuid('ordered_by'),
    orderedByName: text('ordered_by_name').notNull(),
    // Family orders: the relationship and consent the order was placed under (decision 010).
    consent: jsonb('consent').$type<{ basis: string; relation: string; at: string } | null>(),
    // Hotline: what the caller said (no personal data beyond the order's).
    callNote: text('call_note'),
    note: text('note'),
    plannedStart: ts('planned_start').notNull(),
    plannedEnd: ts('planned_end').notNull(),
    // As ordered (priceFor at ordering time).
    priceCents: integer('price_cents').notNull(),
    elderShareCents: integer('elder_share_cents').notNull(),
    fundingSource: text('funding_source').notNull(),
    agreementId: uuid('agreement_id'),
    planId: uuid('plan_id'),
    // The plan occurrence (day) this order serves; unique per plan, so generation is idempotent.
    planDate: date('plan_date', { mode: 'string' }),
    status: text('status').notNull().default('created'),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    acceptedAt: ts('accepted_at'),
    assignedAt: ts('assigned_at'),
    departedAt: ts('departed_at'),
    // Check-in/out as plain transitions with time and an optional position. The verified visit ("Home
    // services II") adds its evidence (geofence result, codes, anomalies) in `visit_evidence`.
    checkInAt: ts('check_in_at'),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkOutAt: ts('check_out_at'),
    checkOutLat: doublePrecision('check_out_lat'),
    checkOutLng: doublePrecision('check_out_lng'),
    visitEvidence: jsonb('visit_evidence').$type<Record<string, unknown> | null>(),
    confirmedAt: ts('confirmed_at'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: ts('rated_at'),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: text('cancelled_by'), // ORDER_CANCELLERS
    cancelReason: text('cancel_reason'),
    rejectReason: text('reject_reason'),
    // The note of a cancellation, rejection, no-show or dispute.
    closingNote: text('closing_note'),
    disputedAt: ts('disputed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('orders_region_keyset_idx').on(t.regionCode.op('text_pattern_ops'), t.createdAt, t.id),
    index('orders_provider_idx').on(t.providerId, t.status, t.plannedStart),
    index('orders_elder_idx').on(t.elderId, t.plannedStart),
    index('orders_caregiver_idx').on(t.caregiverId, t.plannedStart),
    index('orders_open_created_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'created'`),
    uniqueIndex('orders_plan_occurrence_uq').on(t.planId, t.planDate),
  ],
);

/** The order's timeline: one row per transition (platform/transition.ts), with its reason or note. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    action: text('action').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

/**
 * Recurring plans (周期服务计划): "every Tuesday and Friday at 9:00". A schedule generates the orders of the
 * next days through the order's create command, one per occurrence (`orders_plan_occurrence_uq`).
 */
export const orderPlans = pgTable(
  'order_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    itemId: uuid('item_id').notNull(),
    providerId: uuid('provider_id').references(() => organisations.id),
    // ISO weekdays, 1 = Monday … 7 = Sunday.
    weekdays: smallint('weekdays').array().notNull(),
    // China time of day, HH:MM.
    timeOfDay: text('time_of_day').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    channel: text('channel').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    note: text('note'),
    // The last day generated up to (a cache; generation is idempotent by the occurrence key).
    generatedUntil: date('generated_until', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('order_plans_region_keyset_idx').on(t.regionCode.op('text_pattern_ops'), t.createdAt, t.id),
    index('order_plans_elder_idx').on(t.elderId),
  ],
);
