import { and, eq, inArray, isNull, like, lte, or, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { facilities, facilityCoverage } from './facility.table.ts';

/** A facility operating on a date, with the communities and villages it serves on that date. */
export interface OperatingFacility {
  id: string;
  tier: string;
  name: string;
  regionCode: string;
  lat: number | null;
  lng: number | null;
  floorAreaM2: number | null;
  beds: number;
  nursingBeds: number;
  operatingMode: string | null;
  operatorOrgId: string | null;
  parentCentreId: string | null;
  /** Region codes (communities/villages) served on the date, from facility_coverage; sorted. */
  serves: string[];
}

/**
 * Facilities operating on `asOf` (facility.rules.ts `operatingOn`, the same condition in SQL) whose own
 * region or any served region starts with `regionPrefix` ('' = everywhere), with their coverage on that
 * date. Ordered by region code then name. Public place data: no audit, no masking.
 *
 * @public (the coverage module's read)
 */
export async function operatingFacilitiesIn(
  db: Executor,
  regionPrefix: string,
  asOf: string,
): Promise<OperatingFacility[]> {
  const pattern = `${regionPrefix}%`;
  const operating = and(
    or(
      eq(facilities.status, 'operating'),
      and(eq(facilities.status, 'closed'), sql`${facilities.closedOn} IS NOT NULL`),
    ),
    or(isNull(facilities.openedOn), lte(facilities.openedOn, asOf)),
    or(isNull(facilities.closedOn), gt(facilities.closedOn, asOf)),
  );
  const servesHere = sql`EXISTS (SELECT 1 FROM ${facilityCoverage} c WHERE c.facility_id = ${facilities.id}
    AND c.region_code LIKE ${pattern} AND c.valid_from <= ${asOf} AND (c.valid_to IS NULL OR c.valid_to > ${asOf}))`;
  const rows = await db
    .select({
      id: facilities.id,
      tier: facilities.tier,
      name: facilities.name,
      regionCode: facilities.regionCode,
      lat: facilities.lat,
      lng: facilities.lng,
      floorAreaM2: facilities.floorAreaM2,
      beds: facilities.beds,
      nursingBeds: facilities.nursingBeds,
      operatingMode: facilities.operatingMode,
      operatorOrgId: facilities.operatorOrgId,
      parentCentreId: facilities.parentCentreId,
    })
    .from(facilities)
    .where(and(operating, or(like(facilities.regionCode, pattern), servesHere)))
    .orderBy(facilities.regionCode, facilities.name);
  const served = await coverageOn(
    db,
    rows.map((r) => r.id),
    asOf,
  );
  return rows.map((r) => ({ ...r, serves: served.get(r.id) ?? [] }));
}

/** The regions each of these facilities serves on `asOf`, sorted. */
export async function coverageOn(
  db: Executor,
  facilityIds: string[],
  asOf: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (facilityIds.length === 0) return out;
  const rows = await db
    .select({ facilityId: facilityCoverage.facilityId, regionCode: facilityCoverage.regionCode })
    .from(facilityCoverage)
    .where(
      and(
        inArray(facilityCoverage.facilityId, facilityIds),
        lte(facilityCoverage.validFrom, asOf),
        or(isNull(facilityCoverage.validTo), gt(facilityCoverage.validTo, asOf)),
      ),
    )
    .orderBy(facilityCoverage.regionCode);
  for (const r of rows) {
    const list = out.get(r.facilityId) ?? [];
    list.push(r.regionCode);
    out.set(r.facilityId, list);
  }
  return out;
}
