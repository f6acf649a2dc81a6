import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AssessmentContext, AssessmentResult } from '@yiyang/contracts';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { staffCertificates } from '../staff/staff.table.ts';
import { users } from '../user/user.table.ts';

/**
 * Ability assessments (decision 006). One row per assessment, never deleted;
 * a published row is immutable (the service refuses changes, and a trigger
 * in the migration refuses updates of its content); a re-review is a new row
 * that `supersedes` the disputed one. Scope: the elder's region, and the
 * agency once assigned.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    regionCode: text('region_code').notNull(),
    // The assessment agency once assigned.
    organisationId: uuid('organisation_id').references(() => organisations.id),
    standardCode: text('standard_code').notNull(),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    status: text('status').notNull().default('applied'),
    note: text('note'),
    appliedBy: uuid('applied_by').references(() => users.id),
    appliedByName: text('applied_by_name'),
    assignedAt: timestamp('assigned_at', { withTimezone: true, precision: 3 }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true, precision: 3 }),
    dueBy: date('due_by', { mode: 'string' }),
    // Draft revision: bumped by every saved form (optimistic concurrency between devices).
    revision: integer('revision').notNull().default(0),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    basicInfo: jsonb('basic_info').$type<Record<string, unknown>>().notNull().default({}),
    context: jsonb('context').$type<AssessmentContext>().notNull().default({}),
    clientSavedAt: timestamp('client_saved_at', { withTimezone: true, precision: 3 }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }),
    result: jsonb('result').$type<AssessmentResult>(),
    total: integer('total'),
    level: integer('level'),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
    supersedesId: uuid('supersedes_id'),
    supersededAt: timestamp('superseded_at', { withTimezone: true, precision: 3 }),
    disputedAt: timestamp('disputed_at', { withTimezone: true, precision: 3 }),
    disputeReason: text('dispute_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, precision: 3 }),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('assessments_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('assessments_org_idx').on(t.organisationId),
    index('assessments_elder_idx').on(t.elderId, t.createdAt),
    index('assessments_status_idx').on(t.status),
    index('assessments_created_idx').on(t.createdAt, t.id),
    // At most one open assessment per elder (decision 006), also across instances.
    uniqueIndex('assessments_open_uq')
      .on(t.elderId)
      .where(sql`status in ('applied', 'assigned', 'in_progress', 'submitted', 'signing')`),
  ],
);

/** The two assessors of an assessment, the certificate checked at assignment, and their signatures. */
export const assessmentAssessors = pgTable(
  'assessment_assessors',
  {
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    certificateId: uuid('certificate_id').references(() => staffCertificates.id),
    position: integer('position').notNull(),
    // Device time of the signature, and when the server recorded it.
    signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }),
    signRecordedAt: timestamp('sign_recorded_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.userId] }),
    index('assessment_assessors_user_idx').on(t.userId),
  ],
);

/** What happened to an assessment, for its timeline (the audit log holds the same with hashes). */
export const assessmentEvents = pgTable(
  'assessment_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    action: text('action').notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('assessment_events_assessment_idx').on(t.assessmentId, t.at)],
);
