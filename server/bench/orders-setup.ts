import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { seedDemo } from '../src/modules/seed/seed.ts';
import { closePlatform, createPlatform, type Platform } from '../src/platform/context.ts';
import { runStartup } from '../src/platform/module.ts';
import { freshBenchDatabase } from './bench-db.ts';
import { benchConfig } from './registry-load.ts';

/** Latency summary of a list of milliseconds. */
export function percentiles(ms: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? 0 };
}
export const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 1);

/** `--name N` from the command line, else the fallback. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
export const flag = (name: string) => process.argv.includes(`--${name}`);

/** CPUs and load average, for the figures' context (the machine may be shared). */
export const machine = () =>
  `${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;

export interface BenchWorld {
  platform: Platform;
  base: string;
  login(username: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A fresh PostgreSQL database (BENCH_DATABASE_URL's server, default 127.0.0.1:5432) migrated and seeded with
 * the demo district (`elders` synthetic elders), and the real app listening on 127.0.0.1 (logging at warn).
 */
export async function benchWorld(prefix: string, elders: number): Promise<BenchWorld> {
  const db = await freshBenchDatabase(prefix);
  const config = benchConfig(db.url, { HOST: '127.0.0.1', PORT: '0', DEMO_ELDERS: String(elders) });
  const platform = await createPlatform(config, { broker: false });
  await runStartup(platform, modules, ['prepare']);
  await seedDemo(platform, modules);
  const { app } = await buildApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    platform,
    base,
    async login(username) {
      const r = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: config.DEMO_PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      const me = (await r.json()) as { csrfToken: string };
      const cookie = r.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return { cookie, 'x-csrf-token': me.csrfToken, 'accept-language': 'zh-CN' };
    },
    async close() {
      // Let the load client's last requests finish before the pool closes.
      await new Promise((r) => setTimeout(r, 500));
      await app.close();
      await closePlatform(platform);
      await db.drop();
    },
  };
}

/** Runs a load client (`./<script>`) in a CHILD PROCESS with a JSON job; resolves its last JSON line. */
let jobs = 0;
export function runChild<T>(script: string, job: unknown): Promise<T> {
  // Through a file: a job listing a thousand requests with their session headers is too long for argv.
  const file = join(tmpdir(), `yy-bench-job-${process.pid}-${jobs++}.json`);
  writeFileSync(file, JSON.stringify(job));
  return new Promise<T>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL(script, import.meta.url).pathname, `@${file}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(file, { force: true });
      return code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T)
        : reject(new Error(`${script} exit ${code}`));
    });
  });
}

/** A bare Fastify server in this process (no plugins, no database): the ceiling the ratios compare to. */
export async function bareServer(
  routes: (app: FastifyInstance) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const bare = Fastify({ logger: false });
  routes(bare);
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`,
    close: () => bare.close(),
  };
}

/**
 * Counts the statements this process sends to PostgreSQL (pg's Client.query, which drizzle and the pool
 * use), and keeps the last ones while `recording` is set (for EXPLAIN). Call before creating the platform.
 */
export function statementCounter() {
  const state = { count: 0, recording: false, recorded: [] as { text: string; values: unknown[] }[] };
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    state.count++;
    const q = a[0];
    if (state.recording) {
      const text = typeof q === 'string' ? q : (q as { text?: string } | null)?.text;
      const values = (q as { values?: unknown[] } | null)?.values ?? (a[1] as unknown[] | undefined) ?? [];
      if (text) state.recorded.push({ text, values });
    }
    return original.apply(this, a);
  };
  return state;
}

/**
 * With `--profile FILE`, a V8 CPU profile of this process (the app) during `fn` only — the measured run, not
 * the setup — written to FILE (open it in Chrome DevTools); without it, just `fn`.
 */
export async function profiled<T>(fn: () => Promise<T>): Promise<T> {
  const i = process.argv.indexOf('--profile');
  const file = i > 0 ? process.argv[i + 1] : undefined;
  if (!file) return fn();
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
