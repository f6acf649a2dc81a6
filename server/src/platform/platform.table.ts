import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id (`pg_current_xact_id()`), as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only, tamper-evident audit log (PRODUCT.md §4.15): each entry carries
 * the hash of the previous entry of its chain (decision 014: one of
 * LEDGER_SHARDS chains, chosen per transaction). Written in the same
 * transaction as the change.
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
    /** Which chain the entry extends; entries before decision 014 are all chain 0. */
    chain: smallint('chain').notNull().default(0),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_at_idx').on(t.at),
  ],
);

/**
 * The deployment's ledger, one row made by migration 0011: its id names the
 * NATS subject (events.ts), so deployments that share a NATS server, or test
 * databases that share one, never take each other's events.
 */
export const ledger = pgTable('ledger', {
  id: uuid('id').primaryKey().defaultRandom(),
});

/**
 * One row per ledger shard (ledger.ts; LEDGER_SHARDS rows, made by migration
 * 0011): its row lock is the shard's lock, and it holds the shard's last audit
 * entry and last event number, so a transaction takes a free shard and reads
 * where to append in one statement. A cache of what audit_events and
 * outbox_events hold: `audit verify` does not trust it.
 */
export const ledgerHeads = pgTable('ledger_heads', {
  shard: smallint('shard').primaryKey(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull(),
  auditHash: text('audit_hash').notNull(),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
});

/**
 * The chain heads at a moment, themselves hash-chained (decision 014): an entry
 * that an anchor names cannot be deleted from the end of its chain unnoticed.
 */
export const auditAnchors = pgTable('audit_anchors', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  /** Chain number → [last entry id, its hash]. */
  heads: jsonb('heads').$type<Record<string, [number, string]>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Transactional outbox: domain events committed with the change, then fanned
 * out to every instance and its consoles. `(shard, seq)` numbers the events of
 * one ledger shard gap-free in commit order, so an instance can tell a lost
 * event from one that never was (decision 014).
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shard: smallint('shard').notNull().default(0),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The writing transaction: consoles resume after a transaction-id horizon (realtime.ts). */
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    topic: text('topic').notNull(),
    regionCode: text('region_code'),
    organisationId: uuid('organisation_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_events_created_idx').on(t.createdAt),
    uniqueIndex('outbox_events_shard_seq_idx').on(t.shard, t.seq),
    index('outbox_events_xid_idx').on(t.xid),
  ],
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

/**
 * Results of commands a client may replay (`Idempotency-Key`, decision 010): the first result of a
 * (user, route, key) is stored in the command's own transaction and returned again to a retry with the
 * same request. `request_hash` is a keyed hash of params, query and body (a body may hold a co-signer's
 * password); `body` is the response, encrypted (it may hold health data). Expired rows are ignored,
 * replaced, and removed when their user next claims a key.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.route, t.key] })],
);
