/**
 * `npm run bench:registry-query [-- --quick] [-- --keep] [-- --drop]`
 *
 * Registry list and search under concurrent load over 1,000,000 elders
 * (`--quick`: 100,000). Budget (per scenario): p95 ≤ 50 ms and ≥ 1,000 req/s.
 *
 * Setup: the registry is loaded by `registry-load.ts` (COPY; reused when the
 * database already holds it). This process runs the real app (`createPlatform`
 * + `buildApp`, PostgreSQL, logging at warn) on 127.0.0.1; the load generator
 * (autocannon) runs in a CHILD PROCESS (`load-client.ts`), so it never shares
 * the server's event loop. Server, load generator and PostgreSQL share the
 * machine's cores. Users sign in through the API like the console does (cookie
 * session): the district bureau admin (`admin`, whole county) and the community
 * worker (`community`, one community). Each scenario cycles through several
 * variants for `--duration` seconds with `--connections` connections; then the
 * same load hits a bare Fastify route in this process, for the ratio column.
 * Also printed per scenario: CPU time per request of this process (the app)
 * and of the local PostgreSQL processes (from /proc), to show where time goes.
 *
 * Flags: --quick, --keep (keep the database; default drops it at the end),
 * --drop (reload even when present), --duration S (default 10, quick 5),
 * --connections N (default 16), --only TEXT (scenarios whose name contains TEXT).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { closePlatform, createPlatform } from '../src/platform/context.ts';
import { generateElders } from '../src/modules/elder/elder.generator.ts';
import { nameSearchKeys } from '../src/modules/elder/pinyin.ts';
import { users } from '../src/modules/user/user.table.ts';
import { benchConfig, loadRegistry } from './registry-load.ts';
import type { LoadJob, LoadResult } from './load-client.ts';

const BUDGET = { p95Ms: 50, rps: 1000 };
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = flag('quick');
const count = quick ? 100_000 : 1_000_000;
const duration = option('duration', quick ? 5 : 10);
const connections = option('connections', 16);

const registry = await loadRegistry({ count, drop: flag('drop') });
const config = benchConfig(registry.url, { HOST: '127.0.0.1', PORT: '0' });
const platform = await createPlatform(config, { broker: false });
const { app } = await buildApp(platform);
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

async function login(username: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: config.DEMO_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'accept-language': 'zh-CN' };
}
const admin = await login('admin');
const community = await login('community');
const [street] = await platform.db
  .select({ regionCode: users.regionCode })
  .from(users)
  .where(eq(users.username, 'street'));
const streetCode = street!.regionCode!;

// Plain values (names, ID numbers) come from re-running the deterministic generator.
const sample = [...generateElders({ ...registry.generator, count: Math.min(count, 20_000) })].filter(
  (_, i) => i % 997 === 0,
);
type Req = { path: string; headers: Record<string, string> };
const filters = [
  'tags=subsistence_allowance&ageMin=80&ageMax=89&status=active',
  'tags=disability&ageMin=70&ageMax=79&status=active',
  'tags=senior_party_member&ageMin=60&ageMax=69&status=active',
  'tags=extreme_poverty,low_income&ageMin=60&ageMax=99&status=active',
];
const list = (qs: string) => `/api/v1/elders?limit=20&${qs}`;
const adminLists = filters.map((f) => ({ path: list(`regionCode=${streetCode}&${f}`), headers: admin }));
const communityLists = filters.map((f) => ({ path: list(f), headers: community }));

async function get(r: Req): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const res = await fetch(base + r.path, { headers: r.headers });
  if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { items: unknown[]; nextCursor: string | null };
}
const nextPages: Req[] = [];
for (const r of [...adminLists, ...communityLists]) {
  const first = await get(r);
  if (first.nextCursor) nextPages.push({ ...r, path: `${r.path}&cursor=${first.nextCursor}` });
}

const scenarios: { name: string; requests: Req[] }[] = [
  { name: 'list filtered, admin (street subtree)', requests: adminLists },
  { name: 'list filtered, community worker', requests: communityLists },
  { name: 'next page (cursor)', requests: nextPages },
  {
    name: 'name search 中文 prefix, admin',
    requests: sample.map((e) => ({
      path: list(`q=${encodeURIComponent(Array.from(e.name).slice(0, 2).join(''))}`),
      headers: admin,
    })),
  },
  {
    name: 'name search pinyin initials, admin',
    requests: sample.map((e) => ({ path: list(`q=${nameSearchKeys(e.name).initials}`), headers: admin })),
  },
  {
    name: 'exact ID number, admin',
    requests: sample.map((e) => ({ path: list(`idNumber=${e.idNumber}`), headers: admin })),
  },
];
scenarios.push({ name: 'mix of all the above', requests: scenarios.flatMap((s) => s.requests) });
// --only <text>: just the scenarios whose name contains it (profiling one query shape).
const only = args[args.indexOf('--only') + 1];
if (args.includes('--only'))
  scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => s.name.includes(only!)));

// Correctness before speed: every request answers 200; rows per page show what the filters select.
const rowsPerPage: number[] = [];
for (const s of scenarios) {
  let rows = 0;
  for (const r of s.requests) rows += (await get(r)).items.length;
  rowsPerPage.push(rows / s.requests.length);
}

function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./load-client.ts', import.meta.url).pathname, JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult)
        : reject(new Error(`load client exit ${code}`)),
    );
  });
}

console.log(
  `\nregistry-query: ${count.toLocaleString('en-US')} elders, ${connections} connections, ${duration} s per scenario, ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const results: LoadResult[] = [];
/** CPU per request: this process (the app) and PostgreSQL's processes (null when not on this machine). */
const cpu: { app: number; pg: number | null }[] = [];
for (const s of scenarios) {
  // A short warm-up per scenario: plans cached, pages in PostgreSQL's buffers.
  await runLoad({ url: base, requests: s.requests, connections, durationSeconds: 1 });
  const [app0, pg0] = [process.cpuUsage(), postgresCpuMs()];
  const r = await runLoad({ url: base, requests: s.requests, connections, durationSeconds: duration });
  const app1 = process.cpuUsage(app0);
  const pg1 = postgresCpuMs();
  results.push(r);
  cpu.push({
    app: (app1.user + app1.system) / 1000 / r.requests,
    pg: pg0 === null || pg1 === null ? null : (pg1 - pg0) / r.requests,
  });
}
// Let the load client's last requests finish before the pool closes.
await new Promise((r) => setTimeout(r, 1000));
await app.close();
await closePlatform(platform);

const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ ok: true }));
await bare.listen({ host: '127.0.0.1', port: 0 });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
const bareJob = { url: bareUrl, requests: [{ path: '/bare', headers: {} }], connections };
await runLoad({ ...bareJob, durationSeconds: 1 });
const bareResult = await runLoad({ ...bareJob, durationSeconds: duration });
await bare.close();

/** User + system CPU of every local `postgres` process, in ms (Linux /proc; null elsewhere). */
function postgresCpuMs(): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      if (!stat.includes('(postgres)')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks * 10; // USER_HZ = 100
  } catch {
    return null;
  }
}

const pad = (s: string, n: number) =>
  s + ' '.repeat(Math.max(0, n - [...s].length - [...s].filter((c) => c.charCodeAt(0) > 0x2e80).length));
const num = (v: number, d = 1) => v.toFixed(d).padStart(8);
console.log(
  `\n${pad('scenario', 40)}${'rows'.padStart(6)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'req/s'.padStart(8)}${'÷ bare'.padStart(8)}${'app ms'.padStart(8)}${'pg ms'.padStart(8)}  budget`,
);
let allPass = true;
const line = (name: string, rows: string, r: LoadResult, c: (typeof cpu)[number] | null, verdict: string) =>
  console.log(
    `${pad(name, 40)}${rows.padStart(6)}${num(r.p50)}${num(r.p95)}${num(r.p99)}${num(r.rps, 0)}${num((r.rps / bareResult.rps) * 100, 1)}%${c ? num(c.app, 2) : ' '.repeat(8)}${c?.pg != null ? num(c.pg, 2) : ' '.repeat(8)}  ${verdict}`,
  );
scenarios.forEach((s, i) => {
  const r = results[i]!;
  const pass = r.p95 <= BUDGET.p95Ms && r.rps >= BUDGET.rps && r.errors === 0 && r.non2xx === 0;
  allPass &&= pass;
  const why = r.errors || r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : '';
  line(s.name, rowsPerPage[i]!.toFixed(1), r, cpu[i]!, (pass ? 'PASS' : 'FAIL') + why);
});
line('bare Fastify route (same machine)', '', bareResult, null, '');
console.log(
  'app ms / pg ms: CPU time per request of this process (the app; a Node process uses one core for JS) and of PostgreSQL.',
);
console.log(
  `\nBudget: p95 ≤ ${BUDGET.p95Ms} ms and ≥ ${BUDGET.rps.toLocaleString('en-US')} req/s per scenario → ${allPass ? 'PASS' : 'FAIL'}`,
);

if (!flag('keep') && !process.env.BENCH_DATABASE_URL) {
  const a = new pg.Client({ connectionString: new URL('/postgres', registry.url).toString() });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS ${new URL(registry.url).pathname.slice(1)} WITH (FORCE)`);
  await a.end();
  console.log('Benchmark database dropped (--keep keeps it for re-runs).');
}
