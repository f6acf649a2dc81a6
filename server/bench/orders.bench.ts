/**
 * `npm run bench:orders [-- --seconds N] [-- --clients N]`
 *
 * Orders through HTTP (issue 14; budget ≥ 500 orders/s, p95 ≤ 100 ms per request): each of 16 clients
 * (default) loops create → accept → assign (POST /api/v1/orders, /accept, /assign with the suggested
 * caregiver) as the county's bureau admin for `--seconds` (default 10), on a fresh PostgreSQL database of
 * BENCH_DATABASE_URL's server (default 127.0.0.1:5432) seeded with the demo district. Then the same clients
 * hit a bare Fastify POST route of this process for the same time: the ratio shows what the platform
 * (session, CSRF, idempotency-less command transaction, audit chain, outbox, scope) costs per request.
 * Clients are fetch loops in this process (they share its event loop with the server, as the bare run
 * does). Not a test: figures depend on what else the machine runs (its load average is printed).
 */
import { loadavg } from 'node:os';
import Fastify from 'fastify';
import { eq } from 'drizzle-orm';
import { serviceItems } from '../src/modules/service/service.table.ts';
import { benchWorld, fmt, percentiles } from './orders-setup.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 16);
const BUDGET = { ordersPerSecond: 500, p95Ms: 100 };
const log = (s: string) => console.log(s);

log('Setting up the demo district on PostgreSQL…');
const w = await benchWorld('yy_bench_orders', 200);
const headers = await w.login('admin');
const elderAccount = await w.login('elder');
const elderId = (
  (await (await fetch(`${w.base}/api/v1/elders`, { headers: elderAccount })).json()) as {
    items: { id: string }[];
  }
).items[0]!.id;
const [meal] = await w.platform.db
  .select()
  .from(serviceItems)
  .where(eq(serviceItems.code, 'SH0101'))
  .limit(1);
const post = async (path: string, body: object) => {
  const t = performance.now();
  const r = await fetch(`${w.base}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = (await r.json()) as { id: string };
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(json)}`);
  return { ms: performance.now() - t, json };
};
let slot = 0;
const startOf = () => new Date(Date.now() + 86_400_000 + (slot++ % 5000) * 60_000).toISOString();
// The caregivers the first order's suggestions find eligible: assignments cycle through them.
const first = await post('/orders', { elderId, itemId: meal!.id, plannedStart: startOf() });
await post(`/orders/${first.json.id}/accept`, {});
const sug = (await (
  await fetch(`${w.base}/api/v1/orders/${first.json.id}/suggestions`, { headers })
).json()) as {
  items: { caregiverId: string; eligible: boolean }[];
};
const caregivers = sug.items.filter((s) => s.eligible).map((s) => s.caregiverId);
if (!caregivers.length) throw new Error('no eligible caregiver');

const latencies: Record<'create' | 'accept' | 'assign', number[]> = { create: [], accept: [], assign: [] };
let done = 0;
const until = Date.now() + SECONDS * 1000;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, k) => {
    let n = k;
    while (Date.now() < until) {
      const c = await post('/orders', { elderId, itemId: meal!.id, plannedStart: startOf() });
      latencies.create.push(c.ms);
      latencies.accept.push((await post(`/orders/${c.json.id}/accept`, {})).ms);
      latencies.assign.push(
        (await post(`/orders/${c.json.id}/assign`, { caregiverId: caregivers[n++ % caregivers.length] })).ms,
      );
      done++;
    }
  }),
);
const appSeconds = (performance.now() - t0) / 1000;
const load = loadavg()[0]!;
await w.close();

const bare = Fastify();
bare.post('/bare', async () => ({ ok: true }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
const bareMs: number[] = [];
const bareUntil = Date.now() + SECONDS * 1000;
const t1 = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < bareUntil) {
      const t = performance.now();
      await (
        await fetch(`${bareBase}/bare`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json();
      bareMs.push(performance.now() - t);
    }
  }),
);
const bareRps = bareMs.length / ((performance.now() - t1) / 1000);
await bare.close();

const all = [...latencies.create, ...latencies.accept, ...latencies.assign];
const ordersPerSecond = done / appSeconds;
const appRps = all.length / appSeconds;
log('');
log(`create → accept → assign over HTTP, ${CLIENTS} clients, ${SECONDS} s (load average ${load.toFixed(1)})`);
log('request   p50 ms   p95 ms   p99 ms');
for (const [name, ms] of Object.entries(latencies)) {
  const p = percentiles(ms);
  log(`${name.padEnd(8)}  ${fmt(p.p50).padStart(7)}  ${fmt(p.p95).padStart(7)}  ${fmt(p.p99).padStart(7)}`);
}
const p95 = percentiles(all).p95;
log(
  `orders/s ${ordersPerSecond.toFixed(0)} (budget ≥ ${BUDGET.ordersPerSecond}); requests/s ${appRps.toFixed(0)}; p95 ${fmt(p95)} ms (budget ≤ ${BUDGET.p95Ms})`,
);
log(
  `bare Fastify POST: ${bareRps.toFixed(0)} req/s, p95 ${fmt(percentiles(bareMs).p95)} ms; app/bare requests ${((appRps / bareRps) * 100).toFixed(1)} %`,
);
