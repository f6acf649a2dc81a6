/**
 * The load generator of `bench:visits`, run as a CHILD PROCESS: N clients, each completing visits one after
 * another for `durationSeconds` from a pool of assigned orders — check-in and check-out by the assigned
 * caregiver's phone (position at the home; each caregiver's visits in their own past 6-minute slots, as a
 * phone syncing its queue sends them, so they never overlap), then the elder's confirmation on their own phone — each request
 * with its own Idempotency-Key. Reads a JSON job from argv[2]; prints one JSON result line.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readJob } from './job-arg.ts';
import { percentiles } from './orders-setup.ts';

export interface VisitsJob {
  url: string;
  clients: number;
  durationSeconds: number;
  /** Assigned orders and the index of their caregiver's headers. */
  orders: { id: string; caregiver: number; inAt: string; outAt: string }[];
  caregivers: Record<string, string>[];
  elder: Record<string, string>;
  position: { lat: number; lng: number };
}

export interface VisitsResult {
  visits: number;
  visitsPerSecond: number;
  latency: Record<string, { p50: number; p95: number; p99: number }>;
  errors: number;
  firstError: string | null;
  exhausted: boolean;
}

const job = JSON.parse(readJob(process.argv[2]!)) as VisitsJob;
const times: Record<string, number[]> = { checkIn: [], checkOut: [], confirm: [] };
let errors = 0;
let firstError: string | null = null;
let done = 0;
let next = 0;
const agent = new Agent({ keepAlive: true, maxSockets: job.clients });

function post(kind: string, path: string, headers: Record<string, string>, body: unknown) {
  const t = performance.now();
  const payload = JSON.stringify(body);
  return new Promise<void>((resolve, reject) => {
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
          else resolve();
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function client(deadline: number) {
  while (performance.now() < deadline && next < job.orders.length) {
    const o = job.orders[next++]!;
    const cg = job.caregivers[o.caregiver]!;
    const sent = () => ({ position: job.position, sentAt: new Date().toISOString() });
    try {
      await post('checkIn', `/api/v1/orders/${o.id}/check-in`, cg, { ...sent(), at: o.inAt });
      await post('checkOut', `/api/v1/orders/${o.id}/check-out`, cg, { ...sent(), at: o.outAt });
      await post('confirm', `/api/v1/orders/${o.id}/confirm`, job.elder, {});
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
  const { p50, p95, p99 } = percentiles(ms);
  return { p50, p95, p99 };
};
const result: VisitsResult = {
  visits: done,
  visitsPerSecond: done / seconds,
  latency: {
    ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, pct(v)])),
    all: pct(Object.values(times).flat()),
  },
  errors,
  firstError,
  exhausted: next >= job.orders.length,
};
agent.destroy();
process.stdout.write(JSON.stringify(result) + '\n');
