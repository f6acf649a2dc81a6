import { PERMISSIONS } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { elderHomePosition, findElder, someEldersOf } from '../elder/index.ts';
import { countyAuth, OrderService } from '../order/index.ts';
import { serviceItemsOn } from '../service/index.ts';
import { VisitService } from './visit.service.ts';

const HOUR = 3_600_000;
const MIN = 60_000;
// Three days back and more: today's visits are the caregivers' own to make.
const DAYS_BACK = 9;

/** The elder's own account, as the seed's stand-in for the elder confirming on their phone. */
const elderAuth = (elderId: string): AuthContext => ({
  userId: elderId,
  username: 'seed-elder',
  displayName: 'elder',
  roles: ['elder'],
  permissions: new Set(PERMISSIONS.filter((p) => p === 'order:write' || p === 'elder:read')),
  regionCode: null,
  organisationId: null,
  relations: [{ elderId, kind: 'self', mayActFor: true }],
  scope: { regionPrefix: null, organisationId: null, elderIds: [elderId], userId: elderId },
  via: 'token',
});

/**
 * Demo verified visits (issue 15 §9) through the real commands on a clock set back: the last days' visits to
 * the demo community's elders, checked in at the home (a few too far, too short, or with a phone clock off),
 * confirmed by the elder; about half of the anomalies resolved by the county with a reason code.
 */
export async function seedVisits(p: Platform, demo: DemoDistrict): Promise<void> {
  let clock = new Date();
  const now = () => clock;
  const orders = new OrderService({ db: p.db, bus: p.bus, cipher: p.cipher, now });
  const visits = new VisitService({ db: p.db, bus: p.bus, cipher: p.cipher, orders, now });
  const today = todayIso(new Date());
  const items = (await serviceItemsOn(p.db, demo.countyCode, today)).filter((i) =>
    ['visiting_care', 'daily_living'].includes(i.category),
  );
  const elders = await someEldersOf(p.db, demo.communityCode, 3);
  const staffUser = { userId: demo.providerIds[0] ?? 'seed', name: '演示数据' };
  const staff = countyAuth(demo.countyCode, staffUser.userId, staffUser.name);
  let n = 0;
  for (let d = -DAYS_BACK; d < -3; d++)
    for (const e of elders) {
      const elder = await findElder(p.db, e.id);
      const home = elder ? elderHomePosition(p.cipher, elder) : null;
      if (!home || home.lat === null || home.lng === null) continue;
      const start = new Date(`${addDays(today, d)}T${String(9 + (n % 3) * 2).padStart(2, '0')}:30:00+08:00`);
      n++;
      clock = new Date(start.getTime() - 20 * HOUR);
      const item = items[n % items.length];
      if (!item) return;
      const placed = await orders
        .create(staff, staffUser, { elderId: e.id, itemId: item.id, plannedStart: start.toISOString() })
        .catch(() => null);
      if (!placed) continue;
      await orders.commands.accept(staff, staffUser, placed.id);
      const best = (await orders.dispatch.suggestions(staff, placed.id)).items.find((s) => s.eligible);
      if (!best) continue;
      await orders.commands.assign(staff, staffUser, placed.id, best.caregiverId);
      const cg = countyAuth(demo.countyCode, best.caregiverId, best.displayName);
      const actor = { userId: best.caregiverId, name: best.displayName };
      // About one visit in four has something for the exception queue.
      const far = n % 7 === 3;
      const short = n % 7 === 5;
      const skewed = n % 9 === 4;
      const at = { lat: home.lat + (far ? 0.01 : 0.0004), lng: home.lng };
      clock = start;
      await visits.checkIn(cg, actor, placed.id, {
        position: at,
        ...(skewed ? { sentAt: new Date(start.getTime() - 6 * MIN).toISOString() } : {}),
      });
      clock = new Date(start.getTime() + item.durationMinutes * (short ? 0.3 : 1) * MIN);
      await visits.during
        .checklist(cg, actor, placed.id, { done: ['greet_identify', 'task_done'] })
        .catch(() => null);
      await visits.checkOut(cg, actor, placed.id, { position: at });
      clock = new Date(clock.getTime() + HOUR);
      await visits.confirm(elderAuth(e.id), { userId: e.id, name: 'elder' }, placed.id, {});
      if (n % 2 === 0) {
        const v = (await visits.review.list(staff, { limit: 5, state: 'anomalous' })).items.find(
          (x) => x.orderId === placed.id,
        );
        for (const a of v?.anomalies ?? [])
          await visits.review.resolve(staff, staffUser, v!.id, a.id, {
            code: 'verified_by_phone',
            note: '电话回访老人，确认已上门',
          });
      }
    }
}
