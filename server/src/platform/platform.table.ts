import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, tamper-evident audit log (PRODUCT.md §4.15): each entry carries
 * the hash of the previous one. Written in the same transaction as the change.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    regionCode: text('region_code'),
    organisationId: uuid('organisation_id'),
    summary: text('summary').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    reason: text('reason'),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_at_idx').on(t.at),
  ],
);

/** Transactional outbox: domain events committed with the change, then fanned out to consoles. */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    regionCode: text('region_code'),
    organisationId: uuid('organisation_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_events_created_idx').on(t.createdAt)],
);

/**
 * "Assigned to me" (PRODUCT.md §2, decision 010): a user assigned to a subject of another module (an order,
 * an incident) for as long as it is theirs. A row is current from `valid_from` until `valid_to` (open-ended
 * when null) unless `released_at` ended it early; `access.ts assignedTo()` is the one condition that reads
 * it. `elder_id` names the elder the subject concerns: while current, the assignee may read that elder's
 * (masked) record. Rows are never deleted (history of who was assigned when).
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    userId: uuid('user_id').notNull(),
    elderId: uuid('elder_id'),
    validFrom: timestamp('valid_from', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true, precision: 3 }),
    releasedAt: timestamp('released_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // The grant lookups: a user's subjects of one type, and the elders of a user's assignments.
    index('assignments_user_idx')
      .on(t.userId, t.subjectType, t.subjectId)
      .where(sql`released_at IS NULL`),
    index('assignments_subject_idx').on(t.subjectType, t.subjectId),
  ],
);
