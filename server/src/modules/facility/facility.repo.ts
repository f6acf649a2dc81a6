import { and, asc, eq, ilike, inArray, isNull, like, ne, sql, type SQL } from 'drizzle-orm';
import { inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { regions } from '../region/region.table.ts';
import { facilities, facilityCoverage } from './facility.table.ts';

export type FacilityRow = typeof facilities.$inferSelect;
export type FacilityInsert = typeof facilities.$inferInsert;

/** Scope of every facility read: the subtree of the region it sits in, or the operator's organisation. */
export const facilityInScope = (auth: AuthContext, regionCode?: string): SQL =>
  inScopeAndRegion(
    auth.scope,
    { region: facilities.regionCode, organisation: facilities.operatorOrgId },
    regionCode,
  );

export interface FacilityFilter {
  regionCode?: string | undefined;
  tier?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterOf(auth: AuthContext, f: FacilityFilter) {
  const conds: SQL[] = [facilityInScope(auth, f.regionCode)];
  if (f.tier) conds.push(eq(facilities.tier, f.tier));
  if (f.status) conds.push(eq(facilities.status, f.status));
  if (f.q) conds.push(ilike(facilities.name, `%${escapeLike(f.q)}%`));
  return and(...conds);
}

const withNames = {
  f: facilities,
  regionName: regions.name,
  operatorName: organisations.name,
};

export function facilityRepo(db: Executor) {
  const select = () =>
    db
      .select(withNames)
      .from(facilities)
      .leftJoin(regions, eq(regions.code, facilities.regionCode))
      .leftJoin(organisations, eq(organisations.id, facilities.operatorOrgId));
  return {
    async list(auth: AuthContext, f: FacilityFilter, offset: number, limit: number) {
      const where = filterOf(auth, f);
      const [{ n } = { n: 0 }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(facilities)
        .where(where);
      const rows = await select()
        .where(where)
        .orderBy(asc(facilities.regionCode), asc(facilities.tier), asc(facilities.name), asc(facilities.id))
        .offset(offset)
        .limit(limit);
      return { rows, total: n };
    },
    // Every facility in scope matching the filter (the Excel export), ordered like the list.
    async all(auth: AuthContext, f: FacilityFilter) {
      return select()
        .where(filterOf(auth, f))
        .orderBy(asc(facilities.regionCode), asc(facilities.tier), asc(facilities.name), asc(facilities.id));
    },
    async findInScope(auth: AuthContext, id: string) {
      const [r] = await select().where(and(eq(facilities.id, id), facilityInScope(auth)));
      return r;
    },
    /** An open (not closed) facility with this name in this region, other than `exceptId`. */
    async sameName(regionCode: string, name: string, exceptId?: string): Promise<FacilityRow | undefined> {
      const conds = [
        eq(facilities.regionCode, regionCode),
        eq(facilities.name, name),
        ne(facilities.status, 'closed'),
      ];
      if (exceptId) conds.push(ne(facilities.id, exceptId));
      const [r] = await db
        .select()
        .from(facilities)
        .where(and(...conds))
        .limit(1);
      return r;
    },
    async insert(values: FacilityInsert): Promise<FacilityRow> {
      const [r] = await db.insert(facilities).values(values).returning();
      return r!;
    },
    async insertMany(values: FacilityInsert[]): Promise<FacilityRow[]> {
      const out: FacilityRow[] = [];
      for (let i = 0; i < values.length; i += 500)
        out.push(
          ...(await db
            .insert(facilities)
            .values(values.slice(i, i + 500))
            .returning()),
        );
      return out;
    },
    /** Updates when the version matches; undefined when it does not (optimistic concurrency). */
    async update(
      id: string,
      version: number,
      values: Partial<FacilityInsert>,
    ): Promise<FacilityRow | undefined> {
      const [r] = await db
        .update(facilities)
        .set({ ...values, updatedAt: new Date(), version: sql`${facilities.version} + 1` })
        .where(and(eq(facilities.id, id), eq(facilities.version, version)))
        .returning();
      return r;
    },
    ...facilityRepoMore(db),
  };
}

/** Coverage rows, the stations a centre runs, the plan tables' counts, the district box (part of `facilityRepo`). */
function facilityRepoMore(db: Executor) {
  return {
    async findById(id: string): Promise<FacilityRow | undefined> {
      const [r] = await db.select().from(facilities).where(eq(facilities.id, id));
      return r;
    },
    async coverageOf(facilityId: string) {
      return db
        .select({ c: facilityCoverage, regionName: regions.name })
        .from(facilityCoverage)
        .leftJoin(regions, eq(regions.code, facilityCoverage.regionCode))
        .where(eq(facilityCoverage.facilityId, facilityId))
        .orderBy(asc(facilityCoverage.validFrom), asc(facilityCoverage.regionCode));
    },
    async addCoverage(rows: (typeof facilityCoverage.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000)
        await db.insert(facilityCoverage).values(rows.slice(i, i + 1000));
    },
    /** Ends the open coverage rows of a facility (all, or those of `regionCodes`) on `validTo`. */
    async endCoverage(facilityId: string, validTo: string, regionCodes?: string[]): Promise<void> {
      const conds = [eq(facilityCoverage.facilityId, facilityId), isNull(facilityCoverage.validTo)];
      if (regionCodes) {
        if (regionCodes.length === 0) return;
        conds.push(inArray(facilityCoverage.regionCode, regionCodes));
      }
      await db
        .update(facilityCoverage)
        .set({ validTo: sql`GREATEST(${validTo}::date, ${facilityCoverage.validFrom} + 1)` })
        .where(and(...conds));
    },
    /** The stations and points a centre runs (中心带站). */
    async stationsOf(centreId: string) {
      return db
        .select({
          id: facilities.id,
          tier: facilities.tier,
          name: facilities.name,
          regionCode: facilities.regionCode,
          status: facilities.status,
        })
        .from(facilities)
        .where(eq(facilities.parentCentreId, centreId))
        .orderBy(asc(facilities.regionCode), asc(facilities.name));
    },
    /** Facilities under a prefix per (unit = first 9 digits, tier, planned year), not closed: the plan tables. */
    async planCounts(prefix: string) {
      const unit = sql<string>`substr(${facilities.regionCode}, 1, 9)`;
      return db
        .select({
          unit,
          tier: facilities.tier,
          plannedYear: facilities.plannedYear,
          n: sql<number>`count(*)::int`,
        })
        .from(facilities)
        .where(and(like(facilities.regionCode, `${prefix}%`), ne(facilities.status, 'closed')))
        .groupBy(unit, facilities.tier, facilities.plannedYear);
    },
    /** The box around the positioned facilities under a prefix; null when none has a position. */
    async bounds(prefix: string) {
      const [r] = await db
        .select({
          minLat: sql<number | null>`min(${facilities.lat})::float8`,
          maxLat: sql<number | null>`max(${facilities.lat})::float8`,
          minLng: sql<number | null>`min(${facilities.lng})::float8`,
          maxLng: sql<number | null>`max(${facilities.lng})::float8`,
        })
        .from(facilities)
        .where(like(facilities.regionCode, `${prefix}%`));
      if (!r || r.minLat === null || r.maxLat === null || r.minLng === null || r.maxLng === null) return null;
      return { minLat: r.minLat, maxLat: r.maxLat, minLng: r.minLng, maxLng: r.maxLng };
    },
  };
}
