/**
 * Verified visits (decision 024): the manifest, and what the subsidy module will read — only verified visits
 * (confirmed by the elder or family, and clean or with every anomaly resolved) are paid.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { verifiedOrderIds } from './visit.service.ts';

export { visitModule } from './visit.module.ts';

/** @public Is this order's visit verified? */
export const isVerifiedVisit = async (db: Executor, orderId: string): Promise<boolean> =>
  (await verifiedOrderIds(db, [orderId])).has(orderId);

/** @public Which of these orders' visits are verified. */
export const verifiedVisits = (db: Executor, orderIds: string[]): Promise<Set<string>> =>
  verifiedOrderIds(db, orderIds);

/**
 * @public Caregivers' observations recorded since `since` that name one of `risks` (the health module's
 * visit-observation rule, issue 17): codes and times only, never the values or notes.
 */
export async function riskObservationsSince(
  db: Executor,
  since: Date,
  risks: readonly string[],
  regionPrefix: string,
): Promise<{ elderId: string; regionCode: string; visitId: string; at: Date; risks: string[] }[]> {
  if (risks.length === 0) return [];
  const res =
    await db.execute(sql`SELECT v.elder_id, v.region_code, v.id AS visit_id, ev.at, ev.summary->'risks' AS risks
    FROM visit_events ev JOIN visits v ON v.id = ev.visit_id
    WHERE ev.kind = 'observation' AND ev.at > ${since.toISOString()}::timestamptz
      AND v.region_code LIKE ${`${regionPrefix}%`}
      AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(ev.summary->'risks') r WHERE r = ANY(${sql.param([...risks])}::text[]))
    ORDER BY ev.at`);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    elderId: String(r.elder_id),
    regionCode: String(r.region_code),
    visitId: String(r.visit_id),
    at: new Date(r.at as string),
    risks: (r.risks as string[] | null) ?? [],
  }));
}
