/**
 * Verified visits (decision 024): the manifest, and what the subsidy module will read — only verified visits
 * (confirmed by the elder or family, and clean or with every anomaly resolved) are paid.
 */
import type { Executor } from '../../platform/db.ts';
import { verifiedOrderIds } from './visit.service.ts';

export { visitModule } from './visit.module.ts';

/** @public Is this order's visit verified? */
export const isVerifiedVisit = async (db: Executor, orderId: string): Promise<boolean> =>
  (await verifiedOrderIds(db, [orderId])).has(orderId);

/** @public Which of these orders' visits are verified. */
export const verifiedVisits = (db: Executor, orderIds: string[]): Promise<Set<string>> =>
  verifiedOrderIds(db, orderIds);
