/**
 * `npm run bench:orders [-- --quick] [-- --clients N] [-- --duration S] [-- --profile FILE.cpuprofile]`
 *
 * Orders through HTTP (issue 14; budget ≥ 500 orders/s and p95 ≤ 100 ms per request): 16 concurrent clients
 * (default), each placing orders one after another, an order being three requests with their own
 * Idempotency-Key as a real client sends them: the county hotline's `POST /api/v1/orders` (channel hotline,
 * the provider chosen by the terms), the chosen provider's admin's `POST …/accept`, then `POST …/assign` of
 * one of that provider's eligible caregivers (as `GET …/suggestions` ranked them once during setup).
 *
 * A fresh PostgreSQL database of BENCH_DATABASE_URL's server (default 127.0.0.1:5432) with the demo
 * district and 2,000 synthetic elders (`--quick`: 300, 3 s); this process runs the real app (logging at
 * warn); the clients run in a CHILD PROCESS (`orders-client.ts`); then the same clients run the same three
 * requests against a bare Fastify server in this process (routes answering a constant), for the ratio.
 * Prints orders/s and p50/p95/p99 per request kind; asserts nothing (the machine may be shared: the load
 * average is printed).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { elders } from '../src/modules/elder/elder.table.ts';
import { serviceItems } from '../src/modules/service/service.table.ts';
import { users } from '../src/modules/user/user.table.ts';
import type { OrdersJob, OrdersResult } from './orders-client.ts';
import {
  bareServer,
  benchWorld,
  flag,
  fmt,
  machine,
  option,
  profiled,
  runChild,
  statementCounter,
} from './orders-setup.ts';

const quick = flag('quick');
const CLIENTS = option('clients', 16);
const DURATION = option('duration', quick ? 3 : 10);
const BUDGET = { ordersPerSecond: 500, p95: 100 };
const log = (s: string) => console.log(s);
const statements = statementCounter();

log(`bench:orders: ${CLIENTS} clients, ${DURATION} s…`);
const w = await benchWorld('yy_bench_orders', quick ? 300 : 2000);
const db = w.platform.db;
const hotline = await w.login('hotline');
const admins = await db
  .select({ username: users.username, org: users.organisationId })
  .from(users)
  .where(inArray(users.username, ['provider', 'provider2', 'provider3']));
const providers: OrdersJob['providers'] = {};
for (const a of admins) providers[a.org!] = { headers: await w.login(a.username), caregivers: [] };
const [item] = await db.select().from(serviceItems).where(eq(serviceItems.code, 'SH0201')).limit(1);
const candidates = await db
  .select({ id: elders.id })
  .from(elders)
  .where(eq(elders.status, 'active'))
  .orderBy(sql`md5(${elders.id}::text)`)
  .limit(quick ? 60 : 300);

// Setup through the API: the elders the hotline can order this item for (self-paid, or with an agreement),
// and each provider's eligible caregivers from the suggestions of its first order.
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
const elderIds: string[] = [];
for (const e of candidates) {
  const q = await call(`/api/v1/orders/quote?elderId=${e.id}&itemId=${item!.id}`, hotline);
  const quote = q.body as { agreementRequired: boolean; providers: { agreementId: string | null }[] };
  if (q.status === 200 && (!quote.agreementRequired || quote.providers.some((p) => p.agreementId)))
    elderIds.push(e.id);
}
const start = new Date(Date.now() + 86_400_000).toISOString();
for (const elderId of elderIds) {
  const o = await call('/api/v1/orders', hotline, { elderId, itemId: item!.id, plannedStart: start });
  const pr = providers[o.body.providerId as string];
  if (o.status !== 201 || !pr || pr.caregivers.length) continue;
  const id = o.body.id as string;
  if ((await call(`/api/v1/orders/${id}/accept`, pr.headers, {})).status !== 200) continue;
  const s = await call(`/api/v1/orders/${id}/suggestions`, pr.headers);
  const items = s.body.items as { caregiverId: string; eligible: boolean }[];
  pr.caregivers = items.filter((c) => c.eligible).map((c) => c.caregiverId);
}
for (const [org, pr] of Object.entries(providers)) if (!pr.caregivers.length) delete providers[org];
if (!elderIds.length || !Object.keys(providers).length)
  throw new Error(`no orderable elder (${elderIds.length}) or provider with an eligible caregiver`);

// The statements of one order, request by request (after a warm order, so caches are as in the run).
const perRequest: string[] = [];
for (let i = 0; i < 2; i++) {
  const counted = async (kind: string, path: string, headers: Record<string, string>, body: unknown) => {
    const [n0, recorded] = [statements.count, statements.recorded.length];
    statements.recording = i === 1;
    const r = await call(path, headers, body);
    statements.recording = false;
    if (i === 1) {
      perRequest.push(`${kind} ${statements.count - n0}`);
      if (flag('verbose'))
        for (const q of statements.recorded.slice(recorded))
          log(`  ${kind}: ${q.text.replace(/\s+/g, ' ').slice(0, 150)}`);
    }
    return r;
  };
  const [org, pr] = Object.entries(providers)[0]!;
  const o = await counted('create', '/api/v1/orders', hotline, {
    elderId: elderIds[i % elderIds.length],
    itemId: item!.id,
    plannedStart: start,
    providerId: org,
  });
  await counted('accept', `/api/v1/orders/${o.body.id as string}/accept`, pr.headers, {});
  await counted('assign', `/api/v1/orders/${o.body.id as string}/assign`, pr.headers, {
    caregiverId: pr.caregivers[0],
  });
}

const job: OrdersJob = {
  url: w.base,
  clients: CLIENTS,
  durationSeconds: DURATION,
  itemId: item!.id,
  elderIds,
  hotline,
  providers,
};
await runChild<OrdersResult>('./orders-client.ts', { ...job, durationSeconds: 1 }); // warm-up
const cpu0 = process.cpuUsage();
const statements0 = statements.count;
const app = await profiled(() => runChild<OrdersResult>('./orders-client.ts', job));
const cpu = process.cpuUsage(cpu0);
const cpuPerOrder = (cpu.user + cpu.system) / 1000 / Math.max(1, app.orders);
const statementsPerOrder = (statements.count - statements0) / Math.max(1, app.orders);
await w.close();

const [org] = Object.keys(providers);
const bare = await bareServer((b) => {
  b.post('/api/v1/orders', async (_req, reply) =>
    reply.status(201).send({ id: randomUUID(), providerId: org }),
  );
  b.post('/api/v1/orders/:id/:command', async (req) => ({ id: (req.params as { id: string }).id }));
});
await runChild<OrdersResult>('./orders-client.ts', { ...job, url: bare.url, durationSeconds: 1 });
const ceiling = await runChild<OrdersResult>('./orders-client.ts', { ...job, url: bare.url });
await bare.close();

log(
  `\nOrders create → accept → assign through HTTP: ${CLIENTS} clients, ${DURATION} s, ${elderIds.length} elders, ${Object.keys(providers).length} providers; ${machine()}`,
);
log(`${'run'.padEnd(22)}${'orders/s'.padStart(9)}${'÷ bare'.padStart(8)}  p50 / p95 / p99 ms per request`);
for (const [name, r] of [
  ['app (PostgreSQL)', app],
  ['bare Fastify routes', ceiling],
] as const) {
  const lat = Object.entries(r.latency)
    .map(([k, v]) => `${k} ${fmt(v.p50)} / ${fmt(v.p95)} / ${fmt(v.p99)}`)
    .join('; ');
  const ratio = r === app ? `${((app.ordersPerSecond / ceiling.ordersPerSecond) * 100).toFixed(1)}%` : '';
  log(`${name.padEnd(22)}${r.ordersPerSecond.toFixed(0).padStart(9)}${ratio.padStart(8)}  ${lat}`);
  if (r.errors) log(`  ${r.errors} failed orders; first: ${r.firstError}`);
}
log(
  `App CPU per order (three requests): ${fmt(cpuPerOrder)} ms, i.e. at most ${(1000 / cpuPerOrder).toFixed(0)} orders/s per core; ${statementsPerOrder.toFixed(1)} SQL statements per order.`,
);
log(`SQL statements per request (one order): ${perRequest.join(', ')} (--verbose lists them).`);
const pass = app.ordersPerSecond >= BUDGET.ordersPerSecond && app.latency.all!.p95 <= BUDGET.p95;
log(
  `Budget (the limit): ≥ ${BUDGET.ordersPerSecond} orders/s and p95 ≤ ${BUDGET.p95} ms per request → ${pass ? 'within' : 'OVER'} (${app.ordersPerSecond.toFixed(0)} orders/s, p95 ${fmt(app.latency.all!.p95)} ms).`,
);
