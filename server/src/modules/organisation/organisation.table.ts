import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Bureaus, street offices, community committees, providers, hospitals, assessment agencies (PRODUCT.md §4.1). */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    creditCode: text('credit_code'),
    regionCode: text('region_code').notNull(),
    operatingMode: text('operating_mode'),
    contactName: text('contact_name'),
    // Staff contact numbers are personal information: encrypted like elders' phones.
    contactPhoneEnc: text('contact_phone_enc'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('organisations_credit_code_uq').on(t.creditCode),
    index('organisations_region_idx').on(t.regionCode.op('text_pattern_ops')),
  ],
);
