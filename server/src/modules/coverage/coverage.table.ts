import { boolean, doublePrecision, index, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { elders } from '../elder/elder.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The 15-minute service circle of each elder (一刻钟养老服务圈, issue 18 §5, decision 030), written by the
 * recompute job from the exact home positions: the nearest operating facility and the walking time, never
 * the position. `within` null: no known position ("unknown"). `region_code` is the elder's community when
 * computed (the scope column: shares per region are one range scan). `candidates` lists the candidate
 * sites (coverage_candidates.key) that would bring an elder outside the circle within it, so site
 * suggestions need no position either.
 */
export const coverageCircle = pgTable(
  'coverage_circle',
  {
    elderId: uuid('elder_id')
      .primaryKey()
      .references(() => elders.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    // The facility (facilities.id); no foreign key: a facility deleted between two runs leaves a stale
    // row that the next run replaces, not a failed delete.
    facilityId: uuid('facility_id'),
    minutes: real('minutes'),
    within: boolean('within'),
    candidates: text('candidates').array(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [index('coverage_circle_region_idx').on(t.regionCode.op('text_pattern_ops'), t.within)],
);

/**
 * Candidate sites of the last run over their region: the centre of each community
 * (the mean of its elders' ROUNDED positions, ≈1 km: no exact position leaves the job) and every planned or
 * building facility with coordinates. Keys: `c:<community code>`, `f:<facility id>`.
 */
export const coverageCandidates = pgTable(
  'coverage_candidates',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(), // community_centre | planned_facility
    regionCode: text('region_code').notNull(),
    facilityId: uuid('facility_id'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [index('coverage_candidates_region_idx').on(t.regionCode.op('text_pattern_ops'))],
);
