import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
