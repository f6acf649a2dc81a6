/**
 * `npm run bench:visits [-- --quick] [-- --clients N] [-- --duration S]`
 *
 * Verified visits through HTTP (issue 15; budget ≥ 300 complete visits/s and p95 ≤ 100 ms per request):
 * 16 concurrent clients (default), each completing visits one after another — the caregiver's
 * `POST …/check-in` and `POST …/check-out` with the phone's position at the home, then the elder's
 * `POST …/confirm` — each with its own Idempotency-Key. The orders are placed, accepted and assigned through
 * the API beforehand (the demo elder's meals, spread over the provider's eligible caregivers).
 *
 * A fresh PostgreSQL database (BENCH_DATABASE_URL's server, default 127.0.0.1:5432) with the demo district;
 * the real app in this process, the clients in a CHILD PROCESS (`visits-client.ts`); then the same clients
 * against a bare Fastify server (routes answering a constant), for the ratio. Prints visits/s, p50/p95/p99
 * per request kind and the load average; asserts nothing (the machine may be shared).
 */
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { elderHomePosition, findElder } from '../src/modules/elder/index.ts';
import { serviceItems } from '../src/modules/service/service.table.ts';
import { users } from '../src/modules/user/user.table.ts';
import { bareServer, benchWorld, flag, fmt, machine, option, runChild } from './orders-setup.ts';
import type { VisitsJob, VisitsResult } from './visits-client.ts';

const quick = flag('quick');
const CLIENTS = option('clients', 16);
const DURATION = option('duration', quick ? 3 : 10);
const POOL = option('orders', quick ? 600 : 3000);
const BUDGET = { visitsPerSecond: 300, p95: 100 };
const log = (s: string) => console.log(s);

log(`bench:visits: ${CLIENTS} clients, ${DURATION} s, ${POOL} assigned orders…`);
const w = await benchWorld('yy_bench_visits', quick ? 100 : 300);
const db = w.platform.db;
const elder = await w.login('elder');
const call = async (path: string, headers: Record<string, string>, body?: unknown) => {
  const r = await fetch(w.base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};
const elderId = ((await call('/api/v1/elders?limit=1', elder)).body.items as { id: string }[])[0]!.id;
const home = elderHomePosition(w.platform.cipher, (await findElder(db, elderId))!);
const [item] = await db
  .select()
  .from(serviceItems)
  .where(eq(serviceItems.code, 'SH0101'))
  .orderBy(sql`valid_to NULLS FIRST`)
  .limit(1);
const quote = (await call(`/api/v1/orders/quote?elderId=${elderId}&itemId=${item!.id}`, elder)).body as {
  providers: { organisationId: string; agreementId: string | null }[];
};
const providerId = (quote.providers.find((p) => p.agreementId) ?? quote.providers[0])!.organisationId;
let admin: Record<string, string> | null = null;
for (const u of ['provider', 'provider2', 'provider3']) {
  const h = await w.login(u);
  if ((await call('/api/v1/me', h)).body.organisationId === providerId) admin = h;
}
if (!admin) throw new Error('no admin for the demo elder’s provider');

const tomorrow = Date.now() + 86_400_000;
const place = async (n: number) => {
  const o = await call('/api/v1/orders', elder, {
    elderId,
    itemId: item!.id,
    providerId,
    plannedStart: new Date(tomorrow + n * 60_000).toISOString(),
  });
  if (o.status !== 201) throw new Error(`order ${o.status} ${JSON.stringify(o.body)}`);
  const id = o.body.id as string;
  if ((await call(`/api/v1/orders/${id}/accept`, admin!, {})).status !== 200) throw new Error('accept');
  return id;
};
const first = await place(0);
const sug = (await call(`/api/v1/orders/${first}/suggestions`, admin)).body.items as {
  caregiverId: string;
  eligible: boolean;
}[];
const caregiverIds = sug.filter((s) => s.eligible).map((s) => s.caregiverId);
const caregivers: Record<string, string>[] = [];
for (const id of caregiverIds) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  caregivers.push(await w.login(u!.username));
}
const orders: VisitsJob['orders'] = [];
let n = 1;
const t0 = Date.now() - 60_000;
const assignOne = async (id: string, k: number) => {
  const c = k % caregiverIds.length;
  const r = await call(`/api/v1/orders/${id}/assign`, admin!, { caregiverId: caregiverIds[c] });
  if (r.status !== 200) throw new Error(`assign ${r.status} ${JSON.stringify(r.body)}`);
  // The caregiver's j-th visit: its own 5 minutes, 6 minutes apart, going back from now (queued actions).
  const inAt = t0 - (Math.floor(k / caregiverIds.length) + 1) * 6 * 60_000;
  orders.push({
    id,
    caregiver: c,
    inAt: new Date(inAt).toISOString(),
    outAt: new Date(inAt + 5 * 60_000).toISOString(),
  });
};
await assignOne(first, 0);
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (n < POOL) {
      const k = n++;
      await assignOne(await place(k), k);
      if (k % 500 === 0) log(`  ${k} orders assigned…`);
    }
  }),
);
const job: VisitsJob = {
  url: w.base,
  clients: CLIENTS,
  durationSeconds: DURATION,
  orders,
  caregivers,
  elder,
  position: { lat: home.lat! + 0.0003, lng: home.lng! },
};
const warm = Math.min(200, Math.floor(orders.length / 10));
await runChild<VisitsResult>('./visits-client.ts', {
  ...job,
  orders: orders.slice(0, warm),
  durationSeconds: 1,
});
const app = await runChild<VisitsResult>('./visits-client.ts', { ...job, orders: orders.slice(warm) });
const load = machine();
await w.close();

const bare = await bareServer((b) => {
  b.post('/api/v1/orders/:id/:command', async (req) => ({ id: (req.params as { id: string }).id }));
});
await runChild<VisitsResult>('./visits-client.ts', { ...job, url: bare.url, durationSeconds: 1 });
const ceiling = await runChild<VisitsResult>('./visits-client.ts', {
  ...job,
  url: bare.url,
  orders: Array.from({ length: 20 }, () => orders).flat(),
});
await bare.close();

log(
  `\nVisits check-in → check-out → confirm through HTTP: ${CLIENTS} clients, ${DURATION} s, ${caregivers.length} caregivers; ${load}`,
);
log(`${'run'.padEnd(22)}${'visits/s'.padStart(9)}${'÷ bare'.padStart(8)}  p50 / p95 / p99 ms per request`);
for (const [name, r] of [
  ['app (PostgreSQL)', app],
  ['bare Fastify routes', ceiling],
] as const) {
  const lat = Object.entries(r.latency)
    .map(([k, v]) => `${k} ${fmt(v.p50)} / ${fmt(v.p95)} / ${fmt(v.p99)}`)
    .join('; ');
  const ratio = r === app ? `${((app.visitsPerSecond / ceiling.visitsPerSecond) * 100).toFixed(1)}%` : '';
  log(`${name.padEnd(22)}${r.visitsPerSecond.toFixed(0).padStart(9)}${ratio.padStart(8)}  ${lat}`);
  if (r.errors) log(`  ${r.errors} failed visits; first: ${r.firstError}`);
  if (r.exhausted) log('  (the pool of assigned orders ran out before the time: raise --orders)');
}
const pass = app.visitsPerSecond >= BUDGET.visitsPerSecond && app.latency.all!.p95 <= BUDGET.p95;
log(
  `Budget: ≥ ${BUDGET.visitsPerSecond} visits/s and p95 ≤ ${BUDGET.p95} ms per request → ${pass ? 'within' : 'OVER'} (${app.visitsPerSecond.toFixed(0)} visits/s, p95 ${fmt(app.latency.all!.p95)} ms).`,
);
