import { index, integer, pgTable, text, timestamp, bigserial } from 'drizzle-orm/pg-core';

/** Division tree to village level (STANDARDS.md §5.2); codes are 12-digit strings. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    kind: text('kind').notNull(),
    parentCode: text('parent_code'),
    urbanRuralCode: text('urban_rural_code'),
    // NBS publication year the record comes from; divisions change every year.
    divisionVersion: integer('division_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_code_prefix_idx').on(t.code.op('text_pattern_ops')),
  ],
);

/** History of merges, renames and removals found by successive imports. */
export const regionChanges = pgTable(
  'region_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    change: text('change').notNull(), // created | renamed | moved | retired | restored
    before: text('before'),
    after: text('after'),
    divisionVersion: integer('division_version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('region_changes_code_idx').on(t.code)],
);
