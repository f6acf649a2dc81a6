/**
 * `npm run bench:dispatch [-- --quick] [-- --caregivers N] [-- --providers N] [-- --orders N]
 *  [-- --duration S] [-- --connections N] [-- --profile FILE.cpuprofile]`
 *
 * A suggested assignment through the real endpoint (issue 14; budget p99 ≤ 20 ms):
 * `GET /api/v1/orders/{id}/suggestions`, asked by each order's provider admin (cookie session, like the
 * console), over 10,000 caregivers (default; `--quick` 1,000) in 20 providers (`--quick` 4) spread over
 * the demo county's communities, with certificates, weekly shifts, leave and work bases, and 1,000 open
 * accepted orders (`--quick` 200) with five past visits each; loaded by `dispatch-data.ts` with multi-row
 * INSERTs into a fresh PostgreSQL database of BENCH_DATABASE_URL's server (default 127.0.0.1:5432).
 *
 * This process runs the real app (`createPlatform` + `buildApp`, logging at warn); the load generator
 * (autocannon, `load-client.ts`) runs in a CHILD PROCESS, first with one connection (the p99 the budget
 * means: one dispatcher's click), then with `--connections` (default 4); then the same load hits a bare
 * Fastify route in this process, for the ratio. Prints p50/p95/p99 and req/s; asserts nothing (the machine
 * is shared: the load average is printed).
 */
import pg from 'pg';
import type { LoadJob, LoadResult } from './load-client.ts';
import { loadDispatchData } from './dispatch-data.ts';
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
const CAREGIVERS = option('caregivers', quick ? 1_000 : 10_000);
const PROVIDERS = option('providers', quick ? 4 : 20);
const ORDERS = option('orders', quick ? 200 : 1_000);
const DURATION = option('duration', quick ? 3 : 10);
const CONNECTIONS = option('connections', 4);
const BUDGET_P99 = 20;
const log = (s: string) => console.log(s);
const statements = statementCounter();

log(`bench:dispatch: ${CAREGIVERS} caregivers in ${PROVIDERS} providers, ${ORDERS} open orders…`);
const t0 = Date.now();
const w = await benchWorld('yy_bench_dispatch', quick ? 300 : 2000);
const data = await loadDispatchData(w.platform, {
  caregivers: CAREGIVERS,
  providers: PROVIDERS,
  orders: ORDERS,
  countyCode: '500110000000',
});
log(`Setup (demo district, then the bench rows) in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);

const admins = await Promise.all(data.providers.map((pr) => w.login(pr.admin)));
const requests = data.open.map((o) => ({
  path: `/api/v1/orders/${o.id}/suggestions`,
  headers: admins[o.provider]!,
}));
// Correctness before speed: each answers 200 with the provider's caregivers ranked, eligible ones first.
let ranked = 0;
let returned = 0;
for (const r of requests.slice(0, 20)) {
  const res = await fetch(w.base + r.path, { headers: r.headers });
  const body = (await res.json()) as { total: number; items: { eligible: boolean; available: boolean }[] };
  if (res.status !== 200 || !body.items.length || !body.items[0]!.eligible)
    throw new Error(`${r.path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  ranked = body.total;
  returned = body.items.length;
}

const load = (job: Omit<LoadJob, 'durationSeconds'>, seconds: number) =>
  runChild<LoadResult>('./load-client.ts', { ...job, durationSeconds: seconds });
const results: { name: string; r: LoadResult }[] = [];
/** CPU time of this process (the app) per request, per run: robust to a busy machine, unlike latency. */
const cpuMs: number[] = [];
// The statements one request sends, each with PostgreSQL's own execution time (EXPLAIN ANALYZE).
statements.recording = true;
await fetch(w.base + requests[1]!.path, { headers: requests[1]!.headers }).then((r) => r.text());
statements.recording = false;
const explained: string[] = [];
/** "Index Scan orders_pkey", "Seq Scan staff_bases", … of a JSON plan. */
const scansOf = (node: Record<string, unknown>): string[] => [
  ...(String(node['Node Type']).endsWith('Scan')
    ? [`${String(node['Node Type'])} ${String(node['Index Name'] ?? node['Relation Name'] ?? '')}`]
    : []),
  ...((node.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(scansOf),
];
const pgc = new pg.Client({ connectionString: w.platform.config.DATABASE_URL });
await pgc.connect();
for (const q of statements.recorded) {
  if (!/^\s*select/i.test(q.text)) continue;
  const plan = await pgc.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, q.values);
  const root = (
    plan.rows[0] as { 'QUERY PLAN': { Plan: Record<string, unknown>; 'Execution Time': number }[] }
  )['QUERY PLAN'][0]!;
  const from = /from "([a-z_]+)"/i.exec(q.text)?.[1] ?? '?';
  explained.push(
    `  ${fmt(root['Execution Time']).padStart(6)} ms  ${from.padEnd(20)} ${scansOf(root.Plan).join(', ')}`,
  );
}
await pgc.end();
for (const connections of [1, CONNECTIONS]) {
  await load({ url: w.base, requests, connections }, 1); // warm-up: plans cached, pages in buffers
  const cpu0 = process.cpuUsage();
  const r = await profiled(() => load({ url: w.base, requests, connections }, DURATION));
  const cpu = process.cpuUsage(cpu0);
  cpuMs.push((cpu.user + cpu.system) / 1000 / r.requests);
  results.push({ name: `suggestions, ${connections} connection${connections > 1 ? 's' : ''}`, r });
}
await w.close();

const bare = await bareServer((app) => app.get('/bare', async () => ({ ok: true })));
const bareJob = { url: bare.url, requests: [{ path: '/bare', headers: {} }] };
for (const connections of [1, CONNECTIONS]) {
  await load({ ...bareJob, connections }, 1);
  results.push({
    name: `bare Fastify route, ${connections}`,
    r: await load({ ...bareJob, connections }, DURATION),
  });
}
await bare.close();

log(
  `\nSuggested assignment, GET /api/v1/orders/{id}/suggestions: ${CAREGIVERS / PROVIDERS} caregivers per provider (${ranked} ranked, the best ${returned} returned), ${data.communities} communities; ${DURATION} s per row; ${machine()}`,
);
log(
  `${'run'.padEnd(30)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'req/s'.padStart(8)}${'÷ bare'.padStart(9)}${'app ms'.padStart(8)}  errors`,
);
const n = results.length / 2;
results.forEach(({ name, r }, i) => {
  const ratio = i < n ? `${((r.rps / results[i + n]!.r.rps) * 100).toFixed(1)}%` : '';
  const cpu = i < n ? fmt(cpuMs[i]!) : '';
  log(
    `${name.padEnd(30)}${fmt(r.p50).padStart(8)}${fmt(r.p95).padStart(8)}${fmt(r.p99).padStart(8)}${r.rps.toFixed(0).padStart(8)}${ratio.padStart(9)}${cpu.padStart(8)}  ${r.errors + r.non2xx}`,
  );
});
log('app ms: CPU time of the app process per request (JS on one core), whatever the load average.');
log(`Statements per request: ${statements.recorded.length}; one request's SELECTs (EXPLAIN ANALYZE):`);
for (const e of explained) log(e);
const p99 = results[0]!.r.p99;
log(
  `Budget (the limit): p99 ≤ ${BUDGET_P99} ms for one dispatcher → ${p99 <= BUDGET_P99 ? 'within' : 'OVER'} (p99 ${fmt(p99)} ms).`,
);
