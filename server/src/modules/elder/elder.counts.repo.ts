import { and, eq, lte, notInArray, or, sql } from 'drizzle-orm';
import { inScopeAndRegion, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { elders, elderTags } from './elder.table.ts';
import { INACTIVE_STATUSES } from './elder.vocab.ts';
import { ELDER_SCOPE } from './elder.scope.ts';

/** Served elders (not moved out or deceased) in scope under `regionCode`. */
function served(scope: Scope, regionCode: string | undefined) {
  return and(
    inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
    notInArray(elders.status, [...INACTIVE_STATUSES]),
  );
}

/** Counts of elders in scope under a region, for the home page and the statistics (part of `elderRepo`). */
export function elderCounts(db: Executor) {
  return {
    async countInScope(scope: Scope, regionCode?: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(elders)
        .where(served(scope, regionCode));
      return r?.n ?? 0;
    },
    async countByStatus(scope: Scope, regionCode: string) {
      return db
        .select({ status: elders.status, n: sql<number>`count(*)::int` })
        .from(elders)
        .where(inScopeAndRegion(scope, ELDER_SCOPE, regionCode))
        .groupBy(elders.status);
    },
    /** Served elders per child node: `prefixLength` digits of the region code name the child. */
    async countByChild(scope: Scope, regionCode: string, prefixLength: number) {
      const child = sql<string>`substr(${elders.regionCode}, 1, ${sql.raw(String(prefixLength))})`;
      return db
        .select({
          prefix: child,
          n: sql<number>`count(*)::int`,
          // Centre of the child region's elders for the map; null when nobody has coordinates.
          lat: sql<number | null>`avg(${elders.lat})::float8`,
          lng: sql<number | null>`avg(${elders.lng})::float8`,
        })
        .from(elders)
        .where(served(scope, regionCode))
        .groupBy(child);
    },
    /** Served elders per birth-date band: `bounds` are latest birth dates for ages 60, 70, … ascending by age. */
    async countByBirthBefore(scope: Scope, regionCode: string, limits: Record<string, string>) {
      const cols = Object.fromEntries(
        Object.entries(limits).map(([k, d]) => [
          k,
          sql<number>`count(*) FILTER (WHERE ${elders.birthDate} <= ${d})::int`,
        ]),
      );
      const [r] = await db
        .select({ total: sql<number>`count(*)::int`, ...cols })
        .from(elders)
        .where(served(scope, regionCode));
      return r as Record<string, number>;
    },
    async countByLiving(scope: Scope, regionCode: string) {
      return db
        .select({ living: elders.livingSituation, n: sql<number>`count(*)::int` })
        .from(elders)
        .where(served(scope, regionCode))
        .groupBy(elders.livingSituation);
    },
    async countByStoredTag(scope: Scope, regionCode: string, today: string) {
      return db
        .select({ code: elderTags.code, n: sql<number>`count(DISTINCT ${elderTags.elderId})::int` })
        .from(elderTags)
        .innerJoin(elders, eq(elders.id, elderTags.elderId))
        .where(
          and(
            inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
            notInArray(elders.status, [...INACTIVE_STATUSES]),
            lte(elderTags.validFrom, today),
            or(sql`${elderTags.validTo} IS NULL`, sql`${elderTags.validTo} >= ${today}`),
          ),
        )
        .groupBy(elderTags.code);
    },
  };
}
