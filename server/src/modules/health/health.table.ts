import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { elders } from '../elder/elder.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Vital signs (生命体征): one reading per row. The values are health data (PIPL Art. 28): encrypted
 * (`values_enc`, JSON `{ value }` or `{ systolic, diastolic }`); `flag` (`high` | `low` | null, against the
 * elder's thresholds when recorded) is what lists and rules read without decrypting. Scoped by the elder's
 * community (`region_code`, copied at entry).
 */
export const vitalSigns = pgTable(
  'vital_signs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(), // VITAL_KINDS
    valuesEnc: text('values_enc').notNull(),
    unit: text('unit').notNull(),
    flag: text('flag'), // high | low | null
    measuredAt: ts('measured_at').notNull(),
    source: text('source').notNull(), // VITAL_SOURCES
    deviceId: uuid('device_id'),
    enteredBy: uuid('entered_by'),
    enteredByName: text('entered_by_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('vital_signs_elder_idx').on(t.elderId, t.kind, t.measuredAt),
    index('vital_signs_flag_idx')
      .on(t.regionCode.op('text_pattern_ops'), t.measuredAt)
      .where(sql`${t.flag} IS NOT NULL`),
  ],
);

/** Per-elder thresholds, overriding the defaults (DEFAULT_THRESHOLDS, HEALTH_THRESHOLDS) kind by kind. */
export const healthThresholds = pgTable(
  'health_thresholds',
  {
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    kind: text('kind').notNull(), // THRESHOLD_KINDS
    low: doublePrecision('low'),
    high: doublePrecision('high'),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.elderId, t.kind] })],
);

/**
 * Ambient events the rules read (water flow, movement, bed exit and return), fed by the device ingest in its
 * own transaction, one row per bound elder. No position is kept.
 */
export const healthEvents = pgTable(
  'health_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(), // HEALTH_EVENT_KINDS
    occurredAt: ts('occurred_at').notNull(),
    deviceId: uuid('device_id'),
  },
  (t) => [index('health_events_elder_idx').on(t.elderId, t.kind, t.occurredAt)],
);

/** Rules as data (健康规则): a kind, its parameters (validated per kind), the region it covers. */
export const healthRules = pgTable(
  'health_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(), // HEALTH_RULE_KINDS
    name: text('name').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [index('health_rules_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);

/**
 * Alerts (健康预警): what a rule found, waiting for a person to verify it. `trigger_at` is the fact's time
 * (a reading, a bed exit, the day's deadline): one alert per rule, elder and trigger, and at most one
 * unfinished per rule and elder. `evidence` holds codes and times, never positions or values.
 */
export const healthAlerts = pgTable(
  'health_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => healthRules.id),
    ruleKind: text('rule_kind').notNull(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    regionCode: text('region_code').notNull(),
    triggerAt: ts('trigger_at').notNull(),
    openedAt: ts('opened_at').notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('open'), // HEALTH_ALERT_STATUSES
    verifiedBy: uuid('verified_by'),
    verifiedByName: text('verified_by_name'),
    verifiedAt: ts('verified_at'),
    method: text('method'), // HEALTH_VERIFY_METHODS
    note: text('note'),
    alarmId: uuid('alarm_id'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('health_alerts_trigger_uq').on(t.ruleId, t.elderId, t.triggerAt),
    uniqueIndex('health_alerts_unfinished_uq')
      .on(t.ruleId, t.elderId)
      .where(sql`${t.status} IN ('open', 'verifying')`),
    index('health_alerts_region_idx').on(t.regionCode.op('text_pattern_ops'), t.openedAt),
  ],
);

export type VitalSignRow = typeof vitalSigns.$inferSelect;
export type HealthRuleRow = typeof healthRules.$inferSelect;
export type HealthAlertRow = typeof healthAlerts.$inferSelect;
