/**
 * The load generator of the HTTP benchmarks, run as a child process so it
 * does not share the server's event loop: autocannon against one URL base,
 * cycling through the given paths, each with the given headers. Reads a JSON
 * job from argv[2], prints one JSON result line.
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { readJob } from './job-arg.ts';

export interface LoadJob {
  url: string;
  requests: { path: string; headers: Record<string, string> }[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const job = JSON.parse(readJob(process.argv[2]!)) as LoadJob;
let next = 0;
const tracker = autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.durationSeconds,
  requests: [
    {
      setupRequest: (req) => {
        const r = job.requests[next++ % job.requests.length]!;
        return { ...req, method: 'GET', path: r.path, headers: r.headers };
      },
    },
  ],
}) as unknown as Promise<autocannon.Result> & EventEmitter;
// Every response time, for exact percentiles (autocannon's summary has p90 and p97.5, no p95).
const times: number[] = [];
tracker.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
const result = await tracker;
times.sort((a, b) => a - b);
const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
const out: LoadResult = {
  requests: times.length,
  rps: times.length / job.durationSeconds,
  p50: pct(0.5),
  p95: pct(0.95),
  p99: pct(0.99),
  errors: result.errors + result.timeouts,
  non2xx: result.non2xx,
};
process.stdout.write(JSON.stringify(out) + '\n');
