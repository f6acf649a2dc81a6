import { readFileSync } from 'node:fs';

/**
 * Latency as the server would have it on a machine of its own. The test machine is shared (2 cores, other
 * test runs): while another process holds the CPU, the server's thread waits in the run queue and every
 * wall-clock measurement grows, whatever the server does. Linux counts that wait per thread
 * (/proc/thread-self/schedstat: time on the CPU, time waiting for it, in ns); subtracting it leaves the
 * time the thread ran or slept, which is what an event loop blocked by the server's own work costs.
 * Elsewhere (no schedstat) the wall clock is all there is.
 */
function waitedMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0;
  }
}

/** `work`'s duration in ms, less the time this thread waited for a CPU meanwhile; and its wall time. */
export async function timed(work: () => Promise<unknown>): Promise<{ ms: number; wallMs: number }> {
  const waited = waitedMs();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  return { ms: wallMs - (waitedMs() - waited), wallMs };
}

/** The 99th percentile of `values`. */
export const p99 = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.99) - 1)]!;
