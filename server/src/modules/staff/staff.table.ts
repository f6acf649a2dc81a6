import {
  bigint,
  date,
  doublePrecision,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisation/organisation.table.ts';
import { users } from '../user/user.table.ts';

/**
 * Qualifications of staff (评估员证书, 护理员职业技能等级 …), PRODUCT.md §4.3
 * and the later providers/staff module. Scoped like the holder: the
 * organisation they worked for when the certificate was recorded.
 */
export const staffCertificates = pgTable(
  'staff_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    kind: text('kind').notNull(), // CERTIFICATE_KINDS
    // 职业技能等级 1–5 of a `caregiver` certificate (CAREGIVER_LEVELS); null for other kinds.
    level: smallint('level'),
    number: text('number').notNull(),
    issuer: text('issuer'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    // Null: no expiry printed on the certificate.
    expiresOn: date('expires_on', { mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('staff_certificates_user_idx').on(t.userId, t.kind),
    index('staff_certificates_org_idx').on(t.organisationId),
  ],
);

/** Training records of staff (岗前培训 / 在岗培训): what, by whom, when and how many hours. */
export const staffTrainings = pgTable(
  'staff_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    kind: text('kind').notNull(), // TRAINING_KINDS
    topic: text('topic').notNull(),
    provider: text('provider'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }).notNull(),
    hours: doublePrecision('hours').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('staff_trainings_user_idx').on(t.userId, t.kind)],
);

/** Weekly shifts: on ISO weekday `weekday` (1 = Monday), from `start` to `end` (HH:MM, China Standard Time). */
export const staffShifts = pgTable(
  'staff_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    weekday: smallint('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('staff_shifts_user_idx').on(t.userId, t.weekday)],
);

/** Leave: calendar dates `from` … `to`, both inclusive (China Standard Time). */
export const staffLeaves = pgTable(
  'staff_leaves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('staff_leaves_user_idx').on(t.userId, t.toDate)],
);

/**
 * A caregiver's work base (服务站点/驻点) for distance in dispatch: the place they start from, never their
 * home address, rounded to BASE_POSITION_DECIMALS (≈110 m) when stored. One per user.
 */
export const staffBases = pgTable('staff_bases', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * A counter per provider organisation, bumped by triggers (migration 0018) whenever what dispatch reads of
 * its caregivers changes: their accounts (status, name, organisation, roles), certificates, shifts, leave and
 * bases. Dispatch caches a provider's caregivers per instance and re-reads them when this moves (decision
 * 023), whoever wrote — another instance, a seed, a bulk load.
 */
export const staffDispatchVersions = pgTable('staff_dispatch_versions', {
  organisationId: uuid('organisation_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
