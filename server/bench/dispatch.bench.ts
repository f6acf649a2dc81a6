/**
 * `npm run bench:dispatch [-- --caregivers N] [-- --providers N] [-- --orders N] [-- --requests N]`
 *
 * The time for a suggested assignment through the real endpoint (issue 14; budget p99 ≤ 20 ms):
 * `GET /api/v1/orders/{id}/suggestions` over 10,000 caregivers (default; in 20 providers of 500) with their
 * certificates, weekly shifts, some leave and work bases, and 1,000 accepted orders waiting for a caregiver
 * (with 5,000 past visits for continuity), on a fresh PostgreSQL database of BENCH_DATABASE_URL's server
 * (default 127.0.0.1:5432). The app runs in this process; one client asks for each order's suggestions in
 * turn, then 4 clients at once. Prints p50/p95/p99 and the requests per second. Not a test: figures
 * depend on what else the machine runs.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { organisations } from '../src/modules/organisation/organisation.table.ts';
import { orders } from '../src/modules/order/order.table.ts';
import { serviceItems } from '../src/modules/service/service.table.ts';
import { staffBases, staffCertificates, staffLeaves, staffShifts } from '../src/modules/staff/staff.table.ts';
import { userRoles, users } from '../src/modules/user/user.table.ts';
import { elders } from '../src/modules/elder/elder.table.ts';
import { benchWorld, fmt, percentiles } from './orders-setup.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CAREGIVERS = arg('caregivers', 10_000);
const PROVIDERS = arg('providers', 20);
const ORDERS = arg('orders', 1_000);
const REQUESTS = arg('requests', 2_000);
const BUDGET_P99 = 20;
const log = (s: string) => console.log(s);

log(`Setting up: demo district, ${CAREGIVERS} caregivers in ${PROVIDERS} providers, ${ORDERS} open orders…`);
const t0 = Date.now();
const w = await benchWorld('yy_bench_dispatch', 2000);
const db = w.platform.db;
const county = '500110000000';
const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += 2000) await insert(rows.slice(i, i + 2000));
};

const providerIds = Array.from({ length: PROVIDERS }, () => randomUUID());
await db
  .insert(organisations)
  .values(
    providerIds.map((id, i) => ({ id, name: `压测服务机构${i + 1}`, type: 'provider', regionCode: county })),
  );
const [pw] = await db.select({ h: users.passwordHash }).from(users).limit(1);
const cg = Array.from({ length: CAREGIVERS }, (_, i) => ({
  id: randomUUID(),
  org: providerIds[i % PROVIDERS]!,
  i,
}));
await chunk(cg, (part) =>
  db.insert(users).values(
    part.map((c) => ({
      id: c.id,
      username: `bench_cg_${c.i}`,
      displayName: `护理员${c.i}`,
      passwordHash: pw!.h,
      organisationId: c.org,
    })),
  ),
);
await chunk(cg, (part) =>
  db.insert(userRoles).values(part.map((c) => ({ userId: c.id, roleCode: 'caregiver' }))),
);
const today = new Date().toISOString().slice(0, 10);
await chunk(cg, (part) =>
  db.insert(staffCertificates).values(
    part.flatMap((c) => [
      {
        userId: c.id,
        organisationId: c.org,
        kind: 'health_certificate',
        number: `B-JKZ-${c.i}`,
        issuedOn: '2026-01-01',
        // One in ten expired.
        expiresOn: c.i % 10 === 0 ? '2026-06-30' : '2027-12-31',
      },
      ...(c.i % 7 === 0
        ? []
        : [
            {
              userId: c.id,
              organisationId: c.org,
              kind: 'caregiver',
              level: 4,
              number: `B-CG-${c.i}`,
              issuedOn: '2024-01-01',
            },
          ]),
    ]),
  ),
);
await chunk(cg, (part) =>
  db.insert(staffShifts).values(
    part.flatMap((c) =>
      [1, 2, 3, 4, 5, 6, 7]
        .filter((d) => (d + c.i) % 7 !== 0)
        .map((weekday) => ({
          userId: c.id,
          weekday,
          startTime: '08:00',
          endTime: c.i % 3 ? '18:00' : '12:00',
        })),
    ),
  ),
);
await chunk(
  cg.filter((c) => c.i % 25 === 0),
  (part) =>
    db
      .insert(staffLeaves)
      .values(part.map((c) => ({ userId: c.id, fromDate: today, toDate: today, reason: '事假' }))),
);
await chunk(cg, (part) =>
  db.insert(staffBases).values(
    part.map((c) => ({
      userId: c.id,
      lat: 28.9 + ((c.i * 37) % 300) / 1000,
      lng: 106.5 + ((c.i * 53) % 300) / 1000,
    })),
  ),
);
const elderRows = await db.select({ id: elders.id, regionCode: elders.regionCode }).from(elders).limit(2000);
const [item] = await db.select().from(serviceItems).where(eq(serviceItems.code, 'SH0201')).limit(1);
const start = new Date(Date.now() + 86_400_000);
start.setUTCHours(1, 0, 0, 0);
const order = (i: number, status: string, caregiverId: string | null, at: Date) => ({
  regionCode: elderRows[i % elderRows.length]!.regionCode,
  elderId: elderRows[i % elderRows.length]!.id,
  itemId: item!.id,
  itemCode: item!.code,
  itemName: item!.name,
  requiredCredentials: item!.requiredCredentials,
  providerId: providerIds[i % PROVIDERS]!,
  offeredTo: [providerIds[i % PROVIDERS]!],
  caregiverId,
  channel: 'hotline',
  orderedByName: 'bench',
  plannedStart: at,
  plannedEnd: new Date(at.getTime() + item!.durationMinutes * 60_000),
  priceCents: item!.priceCents,
  elderShareCents: item!.priceCents,
  fundingSource: 'self_pay',
  status,
});
const past = Array.from({ length: 5 * ORDERS }, (_, i) =>
  order(
    i,
    'confirmed',
    cg[(i * 7) % CAREGIVERS]!.org === providerIds[i % PROVIDERS]
      ? cg[(i * 7) % CAREGIVERS]!.id
      : cg[i % CAREGIVERS]!.id,
    new Date(start.getTime() - ((i % 60) + 1) * 86_400_000),
  ),
);
await chunk(past, (part) => db.insert(orders).values(part));
const open = Array.from({ length: ORDERS }, (_, i) =>
  order(i, 'accepted', null, new Date(start.getTime() + (i % 10) * 3_600_000)),
);
const openIds: string[] = [];
await chunk(open, async (part) => {
  for (const r of await db.insert(orders).values(part).returning({ id: orders.id })) openIds.push(r.id);
});
await w.platform.db.execute('ANALYZE');
log(`Setup in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);

if (process.argv.includes('--profile')) {
  const { seams } = await import('../src/modules/order/order.seams.ts');
  const { orderRepo } = await import('../src/modules/order/order.repo.ts');
  for (let k = 0; k < 5; k++) {
    const o = (await orderRepo(db).findById(openIds[k]!))!;
    const t = (label: string, since: number) => log(`${label}: ${(performance.now() - since).toFixed(1)} ms`);
    let s0 = performance.now();
    const staff = await seams.caregiversOf(db, [o.providerId!], today);
    t('caregiversOf', s0);
    s0 = performance.now();
    await seams.availableBetween(
      db,
      staff.map((c) => c.userId),
      o.plannedStart,
      o.plannedEnd,
    );
    t('availableBetween', s0);
    s0 = performance.now();
    await orderRepo(db).visitsTo(
      o.elderId,
      staff.map((c) => c.userId),
    );
    t('visitsTo', s0);
  }
}
const headers = await w.login('admin');
const ask = async (id: string) => {
  const t = performance.now();
  const r = await fetch(`${w.base}/api/v1/orders/${id}/suggestions`, { headers });
  const body = (await r.json()) as { items: unknown[] };
  if (r.status !== 200 || !body.items.length) throw new Error(`suggestions ${id}: ${r.status}`);
  return performance.now() - t;
};
for (let i = 0; i < 100; i++) await ask(openIds[i % openIds.length]!);
const one: number[] = [];
const t1 = performance.now();
for (let i = 0; i < REQUESTS; i++) one.push(await ask(openIds[i % openIds.length]!));
const oneRps = (REQUESTS / (performance.now() - t1)) * 1000;
const four: number[] = [];
const t2 = performance.now();
await Promise.all(
  [0, 1, 2, 3].map(async (k) => {
    for (let i = k; i < REQUESTS; i += 4) four.push(await ask(openIds[i % openIds.length]!));
  }),
);
const fourRps = (REQUESTS / (performance.now() - t2)) * 1000;
const perProvider = CAREGIVERS / PROVIDERS;
log('');
log(
  `Suggested assignment, GET /api/v1/orders/{id}/suggestions (${perProvider} caregivers ranked per order; budget p99 ≤ ${BUDGET_P99} ms)`,
);
log('clients   p50 ms   p95 ms   p99 ms   max ms   req/s');
for (const [n, ms, rps] of [
  [1, one, oneRps],
  [4, four, fourRps],
] as const) {
  const p = percentiles(ms);
  log(
    `${String(n).padStart(7)}  ${fmt(p.p50).padStart(7)}  ${fmt(p.p95).padStart(7)}  ${fmt(p.p99).padStart(7)}  ${fmt(p.max).padStart(7)}  ${rps.toFixed(0).padStart(6)}`,
  );
}
const p99 = percentiles(one).p99;
log(`One client p99 ${fmt(p99)} ms: ${p99 <= BUDGET_P99 ? 'within' : 'OVER'} the budget.`);
await w.close();
