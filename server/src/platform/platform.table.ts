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
