import { and, asc, desc, eq, inArray, isNotNull, like, notInArray, sql, type SQL } from 'drizzle-orm';
import { inScope, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { elders } from '../elder/elder.table.ts';
import { facilities } from '../facility/facility.table.ts';
import { regions } from '../region/region.table.ts';
import { coverageCandidates, coverageCircle } from './coverage.table.ts';

type CircleRow = typeof coverageCircle.$inferInsert;
type CandidateRow = typeof coverageCandidates.$inferInsert;

const BATCH = 1000;

/** Rows of the circle in the caller's scope and under a region prefix. */
const scoped = (scope: Scope, prefix: string): SQL =>
  and(inScope(scope, { region: coverageCircle.regionCode }), like(coverageCircle.regionCode, `${prefix}%`))!;

/** SQL of the circle and its candidates; every read is narrowed to the caller's scope and a region prefix. */
export function coverageRepo(db: Executor) {
  return {
    /** The circle of every elder under `prefix` replaced by `rows` (one transaction: the caller's). */
    async replace(prefix: string, rows: CircleRow[], candidates: CandidateRow[]): Promise<void> {
      await db.delete(coverageCircle).where(like(coverageCircle.regionCode, `${prefix}%`));
      await db.delete(coverageCandidates).where(like(coverageCandidates.regionCode, `${prefix}%`));
      for (let i = 0; i < rows.length; i += BATCH)
        await db.insert(coverageCircle).values(rows.slice(i, i + BATCH));
      for (let i = 0; i < candidates.length; i += BATCH)
        await db.insert(coverageCandidates).values(candidates.slice(i, i + BATCH));
    },

    /** Within / outside / unknown per child region (the first `keyLength` digits of the community code). */
    async shares(scope: Scope, prefix: string, keyLength: number) {
      const key = sql<string>`substr(${coverageCircle.regionCode}, 1, ${sql.raw(String(keyLength))})`;
      const rows = await db
        .select({
          key,
          within: sql<number>`count(*) FILTER (WHERE ${coverageCircle.within})`.mapWith(Number),
          outside: sql<number>`count(*) FILTER (WHERE NOT ${coverageCircle.within})`.mapWith(Number),
          unknown: sql<number>`count(*) FILTER (WHERE ${coverageCircle.within} IS NULL)`.mapWith(Number),
          computedAt: sql<string | null>`max(${coverageCircle.computedAt})`,
        })
        .from(coverageCircle)
        .where(scoped(scope, prefix))
        .groupBy(key);
      return rows.map((r) => ({ ...r, computedAt: r.computedAt ? new Date(r.computedAt) : null }));
    },

    /** The candidate sites of elders outside the circle under `prefix` (for the greedy suggestion). */
    async outsideCandidates(scope: Scope, prefix: string): Promise<string[][]> {
      const rows = await db
        .select({ candidates: coverageCircle.candidates })
        .from(coverageCircle)
        .where(and(scoped(scope, prefix), eq(coverageCircle.within, false)));
      return rows.map((r) => r.candidates ?? []);
    },

    async candidates(keys: string[]) {
      if (keys.length === 0) return [];
      return db
        .select({
          key: coverageCandidates.key,
          kind: coverageCandidates.kind,
          regionCode: coverageCandidates.regionCode,
          regionName: regions.name,
          facilityId: coverageCandidates.facilityId,
          facilityName: facilities.name,
          lat: coverageCandidates.lat,
          lng: coverageCandidates.lng,
        })
        .from(coverageCandidates)
        .leftJoin(regions, eq(regions.code, coverageCandidates.regionCode))
        .leftJoin(facilities, eq(facilities.id, coverageCandidates.facilityId))
        .where(inArray(coverageCandidates.key, keys));
    },
  };
}

/** The elders outside the circle: the list and the map (masked names, rounded positions). */
export function outsideRepo(db: Executor) {
  return {
    /**
     * Elders outside the circle, farthest first (keyset on minutes desc, elder id): masked name, community,
     * minutes, nearest facility. `after`: the last row of the previous page.
     */
    async outside(
      scope: Scope,
      prefix: string,
      limit: number,
      after: { minutes: number; elderId: string } | null,
    ) {
      const base = and(scoped(scope, prefix), eq(coverageCircle.within, false));
      // No facility at all: no minutes, the farthest of all.
      const far = sql`coalesce(${coverageCircle.minutes}, 'Infinity'::real)`;
      const [{ total } = { total: 0 }] = await db
        .select({ total: sql<number>`count(*)`.mapWith(Number) })
        .from(coverageCircle)
        .where(base);
      const where = after
        ? and(
            base,
            sql`(${far} < ${String(after.minutes)}::real OR (${far} = ${String(after.minutes)}::real AND ${coverageCircle.elderId} > ${after.elderId}))`,
          )
        : base;
      const items = await db
        .select({
          elderId: coverageCircle.elderId,
          nameMasked: elders.nameMasked,
          regionCode: coverageCircle.regionCode,
          regionName: regions.name,
          minutes: coverageCircle.minutes,
          facilityId: coverageCircle.facilityId,
          facilityName: facilities.name,
          computedAt: coverageCircle.computedAt,
        })
        .from(coverageCircle)
        .innerJoin(elders, eq(elders.id, coverageCircle.elderId))
        .leftJoin(regions, eq(regions.code, coverageCircle.regionCode))
        .leftJoin(facilities, eq(facilities.id, coverageCircle.facilityId))
        .where(where)
        .orderBy(desc(far), asc(coverageCircle.elderId))
        .limit(limit + 1);
      return { total, items };
    },

    /** Elders outside the circle on the map: counts per ROUNDED position (the registry's ≈1 km columns). */
    async outsideCells(scope: Scope, prefix: string) {
      return db
        .select({ lat: elders.lat, lng: elders.lng, count: sql<number>`count(*)`.mapWith(Number) })
        .from(coverageCircle)
        .innerJoin(elders, eq(elders.id, coverageCircle.elderId))
        .where(
          and(
            scoped(scope, prefix),
            eq(coverageCircle.within, false),
            isNotNull(elders.lat),
            isNotNull(elders.lng),
          ),
        )
        .groupBy(elders.lat, elders.lng)
        .orderBy(asc(elders.lat), asc(elders.lng));
    },
  };
}

/** What the rates and the job read besides the circle: elders per region, planned sites. */
export function siteRepo(db: Executor) {
  return {
    /** Active elders per child region (first `keyLength` digits), for beds per 1,000 elders. */
    async elderCounts(scope: Scope, prefix: string, keyLength: number, inactive: readonly string[]) {
      const key = sql<string>`substr(${elders.regionCode}, 1, ${sql.raw(String(keyLength))})`;
      return db
        .select({ key, n: sql<number>`count(*)`.mapWith(Number) })
        .from(elders)
        .where(
          and(
            inScope(scope, { region: elders.regionCode }),
            like(elders.regionCode, `${prefix}%`),
            notInArray(elders.status, [...inactive]),
          ),
        )
        .groupBy(key);
    },

    /** Planned or building facilities with coordinates under `prefix`: candidate sites. */
    async plannedSites(prefix: string) {
      return db
        .select({
          id: facilities.id,
          regionCode: facilities.regionCode,
          lat: facilities.lat,
          lng: facilities.lng,
        })
        .from(facilities)
        .where(
          and(
            like(facilities.regionCode, `${prefix}%`),
            inArray(facilities.status, ['planned', 'building']),
            isNotNull(facilities.lat),
            isNotNull(facilities.lng),
          ),
        )
        .orderBy(asc(facilities.regionCode), asc(facilities.id));
    },
  };
}
