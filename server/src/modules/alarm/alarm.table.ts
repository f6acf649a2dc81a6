import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { users } from '../user/user.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Alarms (紧急呼叫, PRODUCT.md §4.6): one incident a seat works through, from open to a coded outcome. Repeats
 * of one device (or one elder's phone) fold into its open alarm (`fold_key`, one open alarm per key). Scoped by
 * the address's community (`region_code`; the deployment root for an unknown device) and, for responders, by
 * the assignment (subject `alarm`) while the alarm is open. `device_id` is the device registry's id (no foreign
 * key: the registry is the device module's, and an alarm outlives a device's removal).
 */
export const alarms = pgTable(
  'alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    source: text('source').notNull(), // ALARM_SOURCES
    kind: text('kind').notNull(), // ALARM_KINDS
    status: text('status').notNull().default('open'), // ALARM_STATUSES
    deviceId: uuid('device_id'),
    deviceSerial: text('device_serial'),
    elderIds: uuid('elder_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // 'd:<deviceId>', 's:<serial>' (unknown device), 'p:<elderId>' (phone SOS); null: never folds (hotline).
    foldKey: text('fold_key'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    // Device/phone time of the first message; the server's receipt time is `received_at`.
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    repeatCount: integer('repeat_count').notNull().default(1),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    openedBy: uuid('opened_by'),
    openedByName: text('opened_by_name'),
    // The claim: the seat that acknowledged it.
    seatUserId: uuid('seat_user_id').references(() => users.id),
    seatName: text('seat_name'),
    acknowledgedAt: ts('acknowledged_at'),
    dispatchKind: text('dispatch_kind'), // ALARM_DISPATCH_KINDS
    externalService: text('external_service'), // ALARM_EXTERNAL_SERVICES
    responderId: uuid('responder_id').references(() => users.id),
    responderName: text('responder_name'),
    // Responders asked before (declined or timed out): the ladder offers the next one.
    triedResponders: uuid('tried_responders')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    dispatchedAt: ts('dispatched_at'),
    acceptedAt: ts('accepted_at'),
    arrivedAt: ts('arrived_at'),
    arriveLat: doublePrecision('arrive_lat'),
    arriveLng: doublePrecision('arrive_lng'),
    // Metres from the elder's address (or the alarm's position) to where arrival was recorded.
    arriveDistanceM: integer('arrive_distance_m'),
    closedAt: ts('closed_at'),
    outcome: text('outcome'), // ALARM_OUTCOMES
    closeNote: text('close_note'),
    followUpOrderId: uuid('follow_up_order_id'),
    escalationLevel: smallint('escalation_level').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('alarms_region_keyset_idx').on(t.regionCode.op('text_pattern_ops'), t.receivedAt, t.id),
    uniqueIndex('alarms_open_fold_uq')
      .on(t.foldKey)
      .where(sql`${t.status} <> 'closed' AND ${t.foldKey} IS NOT NULL`),
    index('alarms_open_idx')
      .on(t.receivedAt)
      .where(sql`${t.status} <> 'closed'`),
    index('alarms_elder_idx').using('gin', t.elderIds),
    index('alarms_responder_idx').on(t.responderId, t.status),
  ],
);

/** Every message that opened or folded into an alarm: idempotency by (source, message id). */
export const alarmSignals = pgTable(
  'alarm_signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(),
    messageId: text('message_id').notNull(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alarm_signals_message_uq').on(t.source, t.messageId),
    index('alarm_signals_alarm_idx').on(t.alarmId),
  ],
);

/** The alarm's timeline: one row per transition and ladder step. */
export const alarmEvents = pgTable(
  'alarm_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    action: text('action').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('alarm_events_alarm_idx').on(t.alarmId, t.at)],
);

/**
 * The escalation ladder's durable timers: a schedule takes due rows (`FOR UPDATE SKIP LOCKED`, so instances
 * split them and none fires twice) and marks them fired in the same transaction as what the step does. A timer
 * due while the server was down fires when it comes back. `attempt` numbers repeats of one step (the next
 * responder after each that did not accept).
 */
export const alarmTimers = pgTable(
  'alarm_timers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    step: text('step').notNull(), // ALARM_LADDER_STEPS
    attempt: smallint('attempt').notNull().default(0),
    dueAt: ts('due_at').notNull(),
    firedAt: ts('fired_at'),
    // What the step did (who was told), or why it did nothing (the alarm had moved on).
    result: text('result'),
  },
  (t) => [
    uniqueIndex('alarm_timers_step_uq').on(t.alarmId, t.step, t.attempt),
    index('alarm_timers_due_idx')
      .on(t.dueAt)
      .where(sql`${t.firedAt} IS NULL`),
  ],
);

/** Call notes (通话记录): a free note or a call-back; the number dialled is encrypted, its masked form listed. */
export const alarmNotes = pgTable(
  'alarm_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alarmId: uuid('alarm_id')
      .notNull()
      .references(() => alarms.id),
    kind: text('kind').notNull(), // ALARM_NOTE_KINDS
    body: text('body').notNull(),
    numberEnc: text('number_enc'),
    numberMasked: text('number_masked'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('alarm_notes_alarm_idx').on(t.alarmId, t.at)],
);

/**
 * The duty rota (值班表): who sits a seat, supervises or is the duty officer, from when to when. Signing on
 * opens a shift (no end), signing off ends it. "On duty now": started and not ended.
 */
export const alarmDutyShifts = pgTable(
  'alarm_duty_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(), // ALARM_DUTY_ROLES
    regionCode: text('region_code').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('alarm_duty_shifts_region_idx').on(t.regionCode.op('text_pattern_ops'), t.role, t.startsAt),
    index('alarm_duty_shifts_user_idx').on(t.userId, t.startsAt),
  ],
);

/** Responders (响应人员) and where they start from: distance ranks them for dispatch. One row per user. */
export const alarmResponders = pgTable(
  'alarm_responders',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    regionCode: text('region_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    available: boolean('available').notNull().default(true),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('alarm_responders_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

/** What the notifier sent (the logging driver's record; a real SMS/app driver records here too). */
export const alarmNotifications = pgTable(
  'alarm_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alarmId: uuid('alarm_id').references(() => alarms.id),
    toUserId: uuid('to_user_id'),
    channel: text('channel').notNull(), // 'sms' | 'app'
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [index('alarm_notifications_alarm_idx').on(t.alarmId, t.sentAt)],
);
