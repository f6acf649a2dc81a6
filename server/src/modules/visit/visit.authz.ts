import type { AuthzFixtures } from '../../platform/module.ts';
import { orderFixtureWorld } from '../order/order.authz.ts';
import type { OrderService } from '../order/index.ts';
import { visitRepo } from './visit.repo.ts';
import type { VisitService } from './visit.service.ts';

const HOUR = 3_600_000;

/**
 * Authorization-walk fixtures: orders of a victim-community elder of its own at each step of a visit —
 * assigned (check-in), checked in through the visit service (check-out, checklist, observations, photos, the
 * visit record), checked out (confirm) — and two finished visits with an open anomaly (too short: checked out
 * at once) for the exception queue's resolve and correction.
 */
export const visitAuthz: AuthzFixtures<
  { visits: VisitService },
  { order: { orders: OrderService } }
> = async (w, s, deps) => {
  const f = await orderFixtureWorld(w, deps.order, '65010219530606123', '受害上门老人');
  const checkedIn = async (h: number) => {
    const id = await f.assigned(h);
    await s.visits.checkIn(f.cg, f.actor, id, {});
    return id;
  };
  const checkedOut = async (h: number) => {
    const id = await checkedIn(h);
    await s.visits.checkOut(f.cg, f.actor, id, {});
    return id;
  };
  const finished = await checkedOut(4);
  const edited = await checkedOut(5);
  const repo = visitRepo(w.platform.db);
  const visit = (await repo.byOrder(finished))!;
  const [anomaly] = await repo.anomaliesOf([visit.id]);
  const editVisit = (await repo.byOrder(edited))!;
  const day = new Date().toISOString().slice(0, 10);
  return {
    'victim.visitElderId': f.elder.id,
    'victim.visitAssignedOrderId': await f.assigned(1),
    'victim.visitCheckedInOrderId': await checkedIn(2),
    'victim.visitCheckedOutOrderId': await checkedOut(3),
    'victim.visitId': visit.id,
    'victim.visitAnomalyId': anomaly!.id,
    'victim.visitEditId': editVisit.id,
    'shared.visitEditEnd': new Date(editVisit.startedAt!.getTime() + HOUR).toISOString(),
    'shared.visitFrom': day,
    'shared.visitTo': day,
  };
};
