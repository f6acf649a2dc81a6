/**
 * Service orders (服务工单): its manifest, the follow-up visit other modules place (alarms), and what the
 * visit module (decision 024) builds on.
 */
import type { AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { orderRepo, type OrderFilter } from './order.repo.ts';

export { orderModule } from './order.module.ts';
export { placeFollowUpOrder } from './order.followup.ts';
/** The order service the visit module drives check-in, check-out and confirm through (and its demo seed). */
export { OrderService } from './order.service.ts';
/** A demo-county account with every permission: the seeds' stand-in for each role. */
export { countyAuth } from './order.seed.ts';
export type { OrderRow } from './order.repo.ts';
export { orderDetail } from './order.schema.ts';
export { invalidState } from './order.machine.ts';

/** The order with this id when it lies in the caller's scope (null otherwise). */
export const findOrderInScope = async (db: Executor, auth: AuthContext, id: string) =>
  (await orderRepo(db).findInScope(auth, id))?.o ?? null;

/** Orders in the caller's scope matching `f` (newest first), with the elder's masked name: a caregiver's day. */
export const listOrdersInScope = (db: Executor, auth: AuthContext, f: OrderFilter, limit: number) =>
  orderRepo(db).list(auth, f, null, limit);
