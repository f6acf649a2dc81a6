/**
 * The load generator of `bench:orders`, run as a CHILD PROCESS (never on the server's event loop): N clients,
 * each placing orders one after another for `durationSeconds`, an order being three requests like the
 * console sends them, each with its own Idempotency-Key: the hotline's create, the chosen provider's admin's
 * accept, then assign of one of that provider's caregivers. Reads a JSON job from argv[2]; prints one JSON
 * result line.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readJob } from './job-arg.ts';

export interface OrdersJob {
  url: string;
  clients: number;
  durationSeconds: number;
  itemId: string;
  elderIds: string[];
  hotline: Record<string, string>;
  /** Per provider organisation id: its admin's session headers and the caregivers to assign. */
  providers: Record<string, { headers: Record<string, string>; caregivers: string[] }>;
}

export interface OrdersResult {
  orders: number;
  ordersPerSecond: number;
  /** Per request kind (create, accept, assign, all): latency percentiles in ms. */
  latency: Record<string, { p50: number; p95: number; p99: number }>;
  errors: number;
  firstError: string | null;
}

const job = JSON.parse(readJob(process.argv[2]!)) as OrdersJob;
const times: Record<string, number[]> = { create: [], accept: [], assign: [] };
let errors = 0;
let firstError: string | null = null;
let done = 0;
let seq = 0;
const tomorrow = Date.now() + 86_400_000;

// node:http with keep-alive, one socket per client (lighter than fetch, so the ceiling is the server's).
const agent = new Agent({ keepAlive: true, maxSockets: job.clients });

function post(kind: string, path: string, headers: Record<string, string>, body: unknown) {
  const t = performance.now();
  const payload = JSON.stringify(body);
  return new Promise<{ id: string; providerId: string | null }>((resolve, reject) => {
    const req = request(
      job.url + path,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'idempotency-key': randomUUID(),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          times[kind]!.push(performance.now() - t);
          if (res.statusCode! >= 300) reject(new Error(`${kind} ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text) as { id: string; providerId: string | null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function client(deadline: number) {
  while (performance.now() < deadline) {
    const n = seq++;
    try {
      // Whole hours over the coming weeks, 09:00–17:00 China time.
      const start = new Date(tomorrow + Math.floor(n / 9) * 86_400_000);
      start.setUTCHours(1 + (n % 9), 0, 0, 0);
      const o = await post('create', '/api/v1/orders', job.hotline, {
        elderId: job.elderIds[n % job.elderIds.length],
        itemId: job.itemId,
        plannedStart: start.toISOString(),
        channel: 'hotline',
        callNote: '来电预约',
      });
      const provider = job.providers[o.providerId!];
      if (!provider) throw new Error(`no admin for provider ${o.providerId}`);
      await post('accept', `/api/v1/orders/${o.id}/accept`, provider.headers, {});
      const caregiverId = provider.caregivers[n % provider.caregivers.length];
      await post('assign', `/api/v1/orders/${o.id}/assign`, provider.headers, { caregiverId });
      done++;
    } catch (e) {
      errors++;
      firstError ??= (e as Error).message;
    }
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: job.clients }, () => client(t0 + job.durationSeconds * 1000)));
const seconds = (performance.now() - t0) / 1000;
const pct = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
};
const result: OrdersResult = {
  orders: done,
  ordersPerSecond: done / seconds,
  latency: {
    ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, pct(v)])),
    all: pct(Object.values(times).flat()),
  },
  errors,
  firstError,
};
agent.destroy();
process.stdout.write(JSON.stringify(result) + '\n');
