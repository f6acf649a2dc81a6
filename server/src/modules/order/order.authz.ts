import { todayIso, addDays } from '../../platform/dates.ts';
import type { AuthzFixtures, AuthzWorld } from '../../platform/module.ts';
import { findElder } from '../elder/index.ts';
import { cnIdCheckChar } from '../elder/idNumber.ts';
import { serviceItemsOn } from '../service/index.ts';
import type { OrderService } from './order.service.ts';
import { seams } from './order.seams.ts';
import { countyAuth } from './order.seed.ts';

const HOUR = 3_600_000;
const validIdNumber = (first17: string) => first17 + cnIdCheckChar(first17);

/**
 * The victim elder of the order fixtures (an elder of its own, in the victim community), a self-pay item with
 * two qualified caregivers of a contracted provider, and helpers that take orders to each state through the API
 * (the visit through the service, as the assigned caregiver). Also the visit module's fixtures' start.
 */
export async function orderFixtureWorld(
  w: AuthzWorld,
  s: { orders: OrderService },
  elderIdTail = '65010219520505123',
  elderName = '受害点单老人',
) {
  const db = w.platform.db;
  const today = todayIso(new Date());
  const start = new Date(Date.now() + 72 * HOUR);
  start.setUTCMinutes(0, 0, 0);
  // An elder of its own: the elder module's probes change the victim elder's status (hospitalised).
  const created = await w.owner.post('/api/v1/elders', {
    name: elderName,
    idType: 'resident_id',
    idNumber: validIdNumber(elderIdTail),
    regionCode: w.victim.regionCode,
    householdLocal: true,
  });
  if (created.statusCode !== 201) throw new Error(`order authz elder: ${created.statusCode} ${created.body}`);
  const elder = (await findElder(db, (JSON.parse(created.body) as { id: string }).id))!;
  const county = `${w.victim.regionCode.slice(0, 6)}000000`;
  let pick: { itemId: string; providerId: string; caregivers: string[] } | null = null;
  for (const item of await serviceItemsOn(db, county, today)) {
    const price = await seams.price(db, item, elder, today);
    if (price.fundingSource !== 'self_pay') continue;
    for (const p of await seams.contractedProviders(db, {
      regionCode: elder.regionCode,
      itemId: item.id,
      onDate: today,
    })) {
      const ok = (await seams.caregiversOf(db, [p.organisationId], todayIso(start))).filter((c) =>
        item.requiredCredentials.every((k) => c.validKinds.includes(k)),
      );
      if (ok.length >= 2)
        pick = { itemId: item.id, providerId: p.organisationId, caregivers: ok.map((c) => c.userId) };
      if (pick) break;
    }
    if (pick) break;
  }
  if (!pick) throw new Error('order authz: no self-pay item with two qualified caregivers');
  const { itemId, providerId, caregivers } = pick;
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`order authz ${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  };
  const order = async (hoursLater = 0) =>
    ok(
      await w.owner.post('/api/v1/orders', {
        elderId: elder.id,
        itemId,
        providerId,
        plannedStart: new Date(start.getTime() + hoursLater * HOUR).toISOString(),
      }),
      'create',
    ).id;
  const cmd = async (id: string, c: string, body: object = {}) =>
    ok(await w.owner.post(`/api/v1/orders/${id}/${c}`, body), c);
  const accepted = async (h: number) => {
    const id = await order(h);
    await cmd(id, 'accept');
    return id;
  };
  const assigned = async (h: number) => {
    const id = await accepted(h);
    await cmd(id, 'assign', { caregiverId: caregivers[0] });
    return id;
  };
  const cg = countyAuth(county, caregivers[0]!, 'caregiver');
  const actor = { userId: caregivers[0]!, name: 'caregiver' };
  const checkedOut = async (h: number) => {
    const id = await assigned(h);
    await s.orders.commands.checkIn(cg, actor, id, {});
    await s.orders.commands.checkOut(cg, actor, id, {});
    return id;
  };
  return {
    db,
    today,
    start,
    elder,
    itemId,
    providerId,
    caregivers,
    ok,
    order,
    cmd,
    accepted,
    assigned,
    cg,
    actor,
    checkedOut,
  };
}

/**
 * Authorization-walk fixtures (test/authz.int.test.ts): orders of the victim elder in every state a command
 * starts from, made through the API by the victim community's owner (accept, assign) and through the
 * service by the assigned caregiver (the visit), plus two recurring plans. The item is one the victim
 * elder pays in full (no agreement needed) whose credentials two of the provider's caregivers hold.
 */
export const orderAuthz: AuthzFixtures<{ orders: OrderService }, object> = async (w, s, _deps) => {
  const { today, start, elder, itemId, providerId, caregivers, ok, order, accepted, assigned, checkedOut } =
    await orderFixtureWorld(w, s);
  const confirmed = await checkedOut(9);
  // The confirm route is the elder's or family's (visit module); the fixture confirms through the service.
  await s.orders.commands.confirm(w.victim.auth, { userId: w.victim.userId, name: 'community' }, confirmed);
  const plan = async () =>
    ok(
      await w.owner.post('/api/v1/order-plans', {
        elderId: elder.id,
        itemId,
        providerId,
        weekdays: [1, 3],
        timeOfDay: '10:00',
        startsOn: addDays(today, 1),
      }),
      'plan',
    ).id;
  return {
    'victim.orderElderId': elder.id,
    'shared.orderItemId': itemId,
    'shared.orderStart': new Date(start.getTime() + 12 * HOUR).toISOString(),
    'shared.planStart': addDays(today, 2),
    'shared.orderCaregiverId': caregivers[0]!,
    'shared.orderCaregiver2Id': caregivers[1]!,
    'victim.orderId': await order(1),
    'victim.rejectOrderId': await order(2),
    'victim.cancelOrderId': await order(3),
    'victim.acceptedOrderId': await accepted(4),
    'victim.assignedOrderId': await assigned(5),
    'victim.noShowOrderId': await assigned(6),
    'victim.checkedOutOrderId': await checkedOut(7),
    'victim.disputeOrderId': await checkedOut(8),
    'victim.confirmedOrderId': confirmed,
    'victim.planId': await plan(),
    'victim.endPlanId': await plan(),
    'victim.pausePlanId': await plan(),
    'victim.resumePlanId': ok(await w.owner.post(`/api/v1/order-plans/${await plan()}/pause`, {}), 'pause')
      .id,
  };
};
