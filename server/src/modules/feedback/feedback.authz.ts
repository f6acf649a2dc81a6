import type { AuthzFixtures } from '../../platform/module.ts';
import { orderFixtureWorld } from '../order/order.authz.ts';
import type { OrderService } from '../order/index.ts';
import { returnVisits } from './feedback.table.ts';

/**
 * Authorization-walk fixtures: complaints about an elder of the victim community (one received, one answered
 * and waiting to be closed) and a return visit of one of its orders, pending.
 */
export const feedbackAuthz: AuthzFixtures<object, { order: { orders: OrderService } }> = async (
  w,
  _s,
  deps,
) => {
  const f = await orderFixtureWorld(w, deps.order, '65010219540707123', '受害投诉老人');
  const file = async () => {
    const res = await w.owner.post('/api/v1/complaints', {
      elderId: f.elder.id,
      category: 'attitude',
      channel: 'hotline',
      description: '受害社区的投诉',
    });
    if (res.statusCode !== 201) throw new Error(`feedback authz complaint: ${res.statusCode} ${res.body}`);
    return (JSON.parse(res.body) as { id: string }).id;
  };
  const complaintId = await file();
  const responded = await file();
  const r = await w.owner.post(`/api/v1/complaints/${responded}/respond`, { response: '已处理完毕' });
  if (r.statusCode !== 200) throw new Error(`feedback authz respond: ${r.statusCode} ${r.body}`);
  const orderId = await f.assigned(6);
  const [rv] = await w.platform.db
    .insert(returnVisits)
    .values({ regionCode: f.elder.regionCode, orderId, elderId: f.elder.id, itemCode: 'authz' })
    .returning();
  return {
    'victim.complaintElderId': f.elder.id,
    'victim.complaintId': complaintId,
    'victim.respondedComplaintId': responded,
    'victim.returnVisitId': rv!.id,
  };
};
