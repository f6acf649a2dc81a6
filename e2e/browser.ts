import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { dbTargets, IN_CI, startTestEnv, type DbTarget, type TestEnv } from '../server/test/harness.ts';

/**
 * Headless Chromium from Debian (`apt-get install -y chromium`), driven by
 * playwright-core. Without it the end-to-end tests are skipped LOUDLY on a
 * developer machine and fail under CI=true.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumMissing(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const msg = `Chromium not found at ${CHROMIUM}: end-to-end browser tests SKIPPED (apt-get install -y chromium)`;
  if (IN_CI) throw new Error(`CI=true and ${msg}`);
  console.warn(`\n*** ${msg} ***\n`);
  return msg;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * The databases an end-to-end suite that must hold on both runs on: PGlite, and under CI (CI=true, where
 * PostgreSQL must be reachable) PostgreSQL too; locally PGlite only unless E2E_POSTGRES=1 (the machine is
 * shared).
 */
export async function e2eTargets(): Promise<DbTarget[]> {
  const all = await dbTargets();
  return IN_CI || process.env.E2E_POSTGRES === '1' ? all : all.slice(0, 1);
}

/** A seeded server (PGlite unless `target` says) listening on a free port, and Chromium. */
export async function startBrowserEnv(
  target?: DbTarget,
): Promise<{ env: TestEnv; browser: Browser; base: string }> {
  const [pglite] = await dbTargets();
  const env = await startTestEnv(target ?? pglite!);
  const base = await env.app.listen({ port: 0, host: '127.0.0.1' });
  return { env, browser: await launch(), base };
}

export async function stopBrowserEnv(r: { env?: TestEnv; browser?: Browser }): Promise<void> {
  await r.browser?.close();
  await r.env?.close();
}

/**
 * A new desktop page signed in as `username` in `locale`: the account's stored preference is set first, so
 * the console opens in that language whatever the browser says.
 */
export async function openAs(
  r: { env: TestEnv; browser: Browser; base: string },
  username: string,
  locale: 'zh-CN' | 'en-US',
  { wait = true }: { wait?: boolean } = {},
): Promise<Page> {
  const pref = await (await r.env.login(username)).patch('/api/v1/me/preferences', { locale });
  assert.equal(pref.statusCode, 200, pref.body);
  const ctx = await r.browser.newContext({
    reducedMotion: 'reduce',
    locale,
    viewport: { width: 1366, height: 900 },
  });
  const page = await ctx.newPage();
  await signIn(page, r.base, username, { wait });
  return page;
}

/** Signs in on the console's login page; waits for the signed-in layout unless `wait` is false. */
export async function signIn(
  page: Page,
  base: string,
  username: string,
  { password = 'Yiyang@2026', wait = true }: { password?: string; wait?: boolean } = {},
): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  if (wait) await page.getByTestId('user-menu').waitFor();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe-core violations on the current page (PRODUCT.md §8). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated by the driver, not added as an inline <script>: the page's CSP refuses those (decision 013).
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')}`,
    );
}

export interface PageErrors {
  /** Takes the errors seen so far that match `expected` (a step provoked them); the rest stay for `none`. */
  take(expected: RegExp): string[];
  /** Fails when any error is left. */
  none(where: string): void;
}

/** Uncaught errors (`pageerror`) and console errors of a page, from now on. */
export function watchErrors(page: Page): PageErrors {
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console: ${m.text()}`);
  });
  return {
    take(expected) {
      const hit = seen.filter((s) => expected.test(s));
      seen.splice(0, seen.length, ...seen.filter((s) => !expected.test(s)));
      return hit;
    },
    none(where) {
      assert.deepEqual(seen, [], `errors during ${where}`);
    },
  };
}
