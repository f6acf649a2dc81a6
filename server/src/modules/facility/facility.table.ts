import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisation/organisation.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Care facilities (养老服务设施, PRODUCT.md §4.8, issue 18): one row per centre, station, mutual-aid point,
 * day-care centre or nursing home. `region_code` is the unit it sits in — a community or village for a
 * station or point, a street or town for a centre, the district for the guidance centre. Facilities are
 * public places: address and coordinates are plain (not personal data).
 *
 * Operating "as of" a date D (facility.rules.ts `operatingOn`): status operating or closed, opened_on null
 * (open since before records) or ≤ D, and closed_on null or > D. `planned_year` is the year a plan
 * (`000_…` 附件2–3) scheduled it for; null when it already existed when the plan was made.
 */
export const facilities = pgTable(
  'facilities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tier: text('tier').notNull(), // FACILITY_TIERS
    name: text('name').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    floorAreaM2: doublePrecision('floor_area_m2'),
    beds: integer('beds').notNull().default(0),
    nursingBeds: integer('nursing_beds').notNull().default(0),
    zones: text('zones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`), // FACILITY_ZONES
    services: text('services')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    operatorOrgId: uuid('operator_org_id').references(() => organisations.id),
    operatingMode: text('operating_mode'), // OPERATING_MODES
    status: text('status').notNull().default('operating'), // FACILITY_STATUSES
    plannedYear: smallint('planned_year'),
    openedOn: date('opened_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    openingHours: text('opening_hours'),
    // File references (object keys), not the files.
    photos: text('photos')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // 中心带站: the street/town centre that runs this station or point.
    parentCentreId: uuid('parent_centre_id').references((): AnyPgColumn => facilities.id),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('facilities_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('facilities_parent_idx').on(t.parentCentreId),
    // Duplicate names in one community are refused (issue 18 "Bad input"); closed ones free the name.
    uniqueIndex('facilities_region_name_uq')
      .on(t.regionCode, t.name)
      .where(sql`status <> 'closed'`),
    check('facilities_beds_ck', sql`beds >= 0 AND nursing_beds >= 0 AND nursing_beds <= beds`),
    check('facilities_area_ck', sql`floor_area_m2 IS NULL OR floor_area_m2 >= 0`),
  ],
);

/**
 * Which communities and villages a facility serves, over time (issue 18 §3): one station may serve two
 * small communities (`000_…` §二(一)). `valid_to` is exclusive; null = still serving. Rates "as of" D use
 * the rows with valid_from ≤ D < valid_to. A station's own community is a row like any other.
 */
export const facilityCoverage = pgTable(
  'facility_coverage',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    facilityId: uuid('facility_id')
      .notNull()
      .references(() => facilities.id),
    regionCode: text('region_code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('facility_coverage_uq').on(t.facilityId, t.regionCode, t.validFrom),
    index('facility_coverage_region_idx').on(t.regionCode.op('text_pattern_ops')),
    check('facility_coverage_period_ck', sql`valid_to IS NULL OR valid_to > valid_from`),
  ],
);
