import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { elders } from '../elder/elder.table.ts';
import { orders } from '../order/order.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** One end of a visit (签到 or 签退) as the phone reported it and the server received it. */
export interface VisitPunch {
  /** The action's own time: the device clock when it happened (bounded: not future, not > 7 days old). */
  at: string;
  /** The device clock when the request was sent (a queued action is sent later than it happened). */
  sentAt: string;
  /** The server's clock when the request arrived. */
  receivedAt: string;
  /** receivedAt − sentAt: how far the device clock is off (network time included). */
  skewMs: number;
  proof: string; // VISIT_PROOFS
  lat: number | null;
  lng: number | null;
  /** Metres from the elder's registered home; null without a position or a geocoded home. */
  distanceM: number | null;
  geofenceM: number;
}

export interface VisitConfirmation {
  method: string; // VISIT_CONFIRM_METHODS
  /** 'elder' (own account, PIN or signature) or 'family'. */
  by: string;
  byUserId: string;
  at: string;
  receivedAt: string;
  refusedReason: string | null;
}

/**
 * The verified visit (上门服务记录, STANDARDS.md §4.1; EVV's six elements): one row per order that was
 * checked in (or whose check-out arrived first). The order keeps the state machine; this row keeps the
 * evidence — who, for whom, what, where, when it began and ended — the checklist, the confirmation and a
 * derived `state` for the review queue. Scoped like the order (residence, provider, elder, caregiver).
 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    regionCode: text('region_code').notNull(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    providerId: uuid('provider_id'),
    caregiverId: uuid('caregiver_id'),
    itemCode: text('item_code').notNull(),
    category: text('category').notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    checkIn: jsonb('check_in').$type<VisitPunch | null>(),
    checkOut: jsonb('check_out').$type<VisitPunch | null>(),
    // Denormalised from the punches for the overlap check and the compliance report.
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    /** Checklist codes done (the definition is the item's or its category's default). */
    checklistDone: text('checklist_done')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    confirmation: jsonb('confirmation').$type<VisitConfirmation | null>(),
    /** The elder's signature drawn on the caregiver's phone (PNG data URL), encrypted. */
    signatureEnc: text('signature_enc'),
    state: text('state').notNull().default('in_progress'), // VISIT_STATES
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('visits_order_uq').on(t.orderId),
    index('visits_region_idx').on(t.regionCode.op('text_pattern_ops'), t.createdAt),
    index('visits_provider_idx').on(t.providerId, t.state),
    index('visits_caregiver_idx').on(t.caregiverId, t.startedAt),
  ],
);

/**
 * What happened during a visit besides its two ends: checklist ticks, observations (vital signs, risks) and
 * photos taken with consent. Health values and images are encrypted (`data_enc`); `summary` holds codes only.
 * A replayed queue adds nothing: its actions carry their Idempotency-Keys (decision 015).
 */
export const visitEvents = pgTable(
  'visit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    kind: text('kind').notNull(), // checklist | observation | photo
    at: ts('at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    byUserId: uuid('by_user_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    dataEnc: text('data_enc'),
  },
  (t) => [index('visit_events_visit_idx').on(t.visitId, t.at)],
);

/**
 * The exception queue (EVV): one row per visit and kind, open until a coordinator resolves it with a reason
 * code. A visit is verified only when it has none open (and is confirmed).
 */
export const visitAnomalies = pgTable(
  'visit_anomalies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id),
    orderId: uuid('order_id').notNull(),
    regionCode: text('region_code').notNull(),
    providerId: uuid('provider_id'),
    caregiverId: uuid('caregiver_id'),
    kind: text('kind').notNull(), // VISIT_ANOMALY_KINDS
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    detectedAt: ts('detected_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
    resolvedBy: uuid('resolved_by'),
    resolvedByName: text('resolved_by_name'),
    resolutionCode: text('resolution_code'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    uniqueIndex('visit_anomalies_kind_uq').on(t.visitId, t.kind),
    index('visit_anomalies_open_idx')
      .on(t.regionCode.op('text_pattern_ops'), t.detectedAt)
      .where(sql`${t.resolvedAt} IS NULL`),
  ],
);

/**
 * Per-elder visit secrets: the confirmation PIN (a keyed hash) and the versions of the one-time code and the
 * QR card (a reprinted card revokes the old one). The code and card values are derived from the server key.
 */
export const visitElderKeys = pgTable('visit_elder_keys', {
  elderId: uuid('elder_id')
    .primaryKey()
    .references(() => elders.id),
  pinHash: text('pin_hash'),
  cardVersion: integer('card_version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The geofence radius per region (a district, street or community; the longest matching prefix wins), else
 * the default (VISIT_GEOFENCE_M, 300 m).
 */
export const visitGeofences = pgTable('visit_geofences', {
  regionCode: text('region_code').primaryKey(),
  radiusM: integer('radius_m').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type VisitRow = typeof visits.$inferSelect;
export type VisitAnomalyRow = typeof visitAnomalies.$inferSelect;
