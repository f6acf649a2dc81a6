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

export interface BenchWorld {
  platform: Platform;
  base: string;
  login(username: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A fresh PostgreSQL database (BENCH_DATABASE_URL's server, default 127.0.0.1:5432) migrated and seeded with
 * the demo district (`elders` synthetic elders), and the real app listening on 127.0.0.1.
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
      return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
    },
    async close() {
      await app.close();
      await closePlatform(platform);
      await db.drop();
    },
  };
}
