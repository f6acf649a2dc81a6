import { PERMISSIONS, regionPrefix, type OrderChannel } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { demoProviders, type DemoDistrict } from '../../platform/module.ts';
import { findElder, someEldersOf } from '../elder/index.ts';
import { organisationsOfType } from '../organisation/index.ts';
import { serviceItemsOn } from '../service/index.ts';
import { findUserByUsername } from '../user/index.ts';
import { OrderCommands } from './order.commands.ts';
import type { OrderDeps } from './order.deps.ts';
import { OrderDispatch } from './order.dispatch.ts';
import { placeOrder } from './order.place.ts';
import { OrderPlans } from './order.plans.ts';

const HOUR = 3_600_000;
const DAYS_BACK = 14;
const CHANNELS: OrderChannel[] = ['elder_app', 'family_app', 'hotline', 'community_worker'];
const COMMENTS = ['阿姨很细心，饭菜热乎', '准时上门，态度很好', '服务周到', null];

/** An account acting in the demo county with every permission: the seed's stand-in for each role. */
export function countyAuth(countyCode: string, userId: string, displayName: string): AuthContext {
  return {
    userId,
    username: 'seed',
    displayName,
    roles: ['bureau_admin'],
    permissions: new Set(PERMISSIONS),
    regionCode: countyCode,
    organisationId: null,
    relations: [],
    scope: { regionPrefix: regionPrefix(countyCode), organisationId: null, userId },
    via: 'token',
  };
}

/** A caregiver (or anyone) acting in the county, for the seed's visits. */
const asUser = (countyCode: string) => (userId: string, name: string) => ({
  auth: countyAuth(countyCode, userId, name),
  actor: { userId, name },
});

/**
 * Demo orders made through the real commands on a clock set back (issue 14 §8): two weeks of visits to the
 * demo community's elders who signed agreements — placed by every channel, accepted, assigned to the
 * suggested caregiver, visited, confirmed and mostly rated, a cancellation and a no-show among them — a
 * few open ones today, and a recurring plan (every Tuesday and Friday at 9:00) for the demo elder.
 */
export async function seedOrders(p: Platform, demo: DemoDistrict): Promise<void> {
  let clock = new Date();
  const deps: OrderDeps = { db: p.db, bus: p.bus, cipher: p.cipher, now: () => clock };
  const today = todayIso(new Date());
  const providers = demoProviders(await organisationsOfType(p.db, demo.countyCode, 'provider'), demo);
  // The county hotline places, confirms and rates (its name is in the audit of elders county-wide).
  const community = await findUserByUsername(p.db, 'hotline');
  const admins = await Promise.all(
    ['provider', 'provider2', 'provider3'].map((u) => findUserByUsername(p.db, u)),
  );
  if (!providers.length || !community) return;
  const items = (await serviceItemsOn(p.db, demo.countyCode, today)).filter((i) =>
    ['daily_living', 'visiting_care', 'basic_care'].includes(i.category),
  );
  const elders = (await someEldersOf(p.db, demo.communityCode, 3)).map((e) => e.id);
  if (!items.length || !elders.length) return;
  const staff = countyAuth(demo.countyCode, community.id, community.displayName);
  const commands = new OrderCommands(deps, async () => null);
  const dispatch = new OrderDispatch(deps);
  const as = asUser(demo.countyCode);
  const system = { userId: community.id, name: community.displayName };
  let n = 0;
  // Each provider's admin accepts and assigns its orders (named in the timeline).
  const dispatcher = (orgId: string | null) => {
    const a = admins.find((x) => x?.organisationId === orgId);
    return a ? { userId: a.id, name: a.displayName } : system;
  };
  // Open ones go to the demo provider account's organisation where its contract allows (its board).
  const preferred = admins[0]?.organisationId ?? null;
  const serving: Serving = {
    ...{ commands, dispatch, staff, system, dispatcher, as },
    setClock: (d) => (clock = d),
    get n() {
      return n;
    },
  };
  const visit = async (elderId: string, start: Date, outcome: 'open' | 'accepted' | 'assigned' | 'done') => {
    const elder = await findElder(p.db, elderId);
    if (!elder) return;
    const item = items[n % items.length]!;
    const channel = CHANNELS[n % CHANNELS.length]!;
    n++;
    clock = new Date(Math.min(start.getTime() - 20 * HOUR, Date.now() - 3 * HOUR)); // never in the future
    const input = {
      elder,
      itemId: item.id,
      plannedStart: start,
      channel,
      orderedBy: community.id,
      orderedByName: community.displayName,
      ...(channel === 'hotline' ? { callNote: '老人来电预约' } : {}),
      ...(channel === 'family_app'
        ? { consent: { basis: 'family_binding_consent', relation: 'family', at: clock.toISOString() } }
        : {}),
    };
    const order =
      (outcome !== 'done' && preferred
        ? await placeOrder(deps, system, { ...input, providerId: preferred }).catch(() => null)
        : null) ?? (await placeOrder(deps, system, input).catch(() => null));
    if (!order || outcome === 'open') return;
    await serve(serving, order.id, order.providerId, start, item.durationMinutes, outcome);
  };
  const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
  for (let d = -DAYS_BACK; d < 0; d++) {
    const day = addDays(today, d);
    for (const [i, elderId] of elders.entries())
      if ((d + i) % 2 === 0) await visit(elderId, at(day, i % 2 ? '15:00' : '09:30'), 'done');
  }
  // Tomorrow: one waiting for the provider, one accepted (to assign), one assigned.
  const soon = addDays(today, 1);
  await visit(elders[0]!, at(soon, '10:00'), 'open');
  await visit(elders[1 % elders.length]!, at(soon, '14:00'), 'accepted');
  await visit(elders[2 % elders.length]!, at(soon, '16:00'), 'assigned');
  clock = new Date();
  await seedPlan(deps, staff, system, {
    elderId: elders[0]!,
    itemId: items[0]!.id,
    today,
  });
}

/** The demo elder's recurring plan: every Tuesday and Friday at 9:00 (the agreement covers meals). */
async function seedPlan(
  deps: OrderDeps,
  staff: AuthContext,
  actor: { userId: string; name: string },
  q: { elderId: string; itemId: string; today: string },
): Promise<void> {
  await new OrderPlans(deps)
    .create(staff, actor, {
      elderId: q.elderId,
      itemId: q.itemId,
      weekdays: [2, 5],
      timeOfDay: '09:00',
      startsOn: q.today,
    })
    .catch(() => null);
}

interface Serving {
  commands: OrderCommands;
  dispatch: OrderDispatch;
  staff: AuthContext;
  system: { userId: string; name: string };
  dispatcher: (organisationId: string | null) => { userId: string; name: string };
  as: (userId: string, name: string) => { auth: AuthContext; actor: { userId: string; name: string } };
  setClock: (d: Date) => void;
  n: number;
}

/** An order from acceptance on: accept, assign the top suggestion, then the visit, confirmation and rating. */
async function serve(
  w: Serving,
  id: string,
  providerId: string | null,
  start: Date,
  durationMinutes: number,
  outcome: 'open' | 'accepted' | 'assigned' | 'done',
): Promise<void> {
  w.setClock(new Date(Math.min(start.getTime() - 18 * HOUR, Date.now() - 2 * HOUR)));
  await w.commands.accept(w.staff, w.dispatcher(providerId), id);
  if (outcome === 'accepted') return;
  const best = (await w.dispatch.suggestions(w.staff, id)).items.find((s) => s.eligible);
  if (!best) return;
  await w.commands.assign(w.staff, w.dispatcher(providerId), id, best.caregiverId);
  if (outcome === 'assigned') return;
  const cg = w.as(best.caregiverId, best.displayName);
  if (w.n % 11 === 5) {
    w.setClock(new Date(start.getTime() + 0.5 * HOUR));
    await w.commands.noShow(cg.auth, cg.actor, id, { note: '敲门无人应答，电话未接' });
    return;
  }
  w.setClock(new Date(start.getTime() - 0.5 * HOUR));
  await w.commands.depart(cg.auth, cg.actor, id);
  w.setClock(start);
  await w.commands.checkIn(cg.auth, cg.actor, id, {});
  w.setClock(new Date(start.getTime() + durationMinutes * 60_000));
  await w.commands.checkOut(cg.auth, cg.actor, id, {});
  w.setClock(new Date(start.getTime() + durationMinutes * 60_000 + 2 * HOUR));
  await w.commands.confirm(w.staff, w.system, id);
  const comment = COMMENTS[w.n % COMMENTS.length];
  if (w.n % 4 !== 3)
    await w.commands.rate(w.staff, w.system, id, {
      rating: w.n % 5 === 0 ? 4 : 5,
      ...(comment ? { comment } : {}),
    });
}
