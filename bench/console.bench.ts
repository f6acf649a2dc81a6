/**
 * `npm run bench:console` — PRODUCT.md §6: the web console's first load on
 * localhost ≤ 1.5 s to interactive, ≤ 500 KB gzipped JS for the first page.
 * Cold loads (fresh browser context, empty cache) of the login page and of
 * the home page right after sign-in, in headless Chromium against the built
 * console served by a real server. The floor is a cold load of a bare page
 * from the same server. Prints figures; asserts nothing.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../e2e/browser.ts';
import { dbTargets, startTestEnv } from '../server/test/harness.ts';

const RUNS = Number(process.env.RUNS ?? 10);
const BUDGET_MS = 1500;
const BUDGET_JS = 500 * 1024;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function jsBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' || e.name.endsWith('.js'))
      .reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0),
  );
}

const [pglite] = await dbTargets();
const env = await startTestEnv(pglite!);
const base = await env.app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const floor: number[] = [];
const login: number[] = [];
const home: number[] = [];
let loginJs = 0;
let homeJs = 0;
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  let t = performance.now();
  await page.goto(`${base}/healthz`);
  floor.push(performance.now() - t);

  t = performance.now();
  await page.goto(`${base}/login`);
  // Interactive: the form is rendered and its submit button enabled.
  await page.getByTestId('login-submit').waitFor();
  login.push(performance.now() - t);
  loginJs = await jsBytes(page);

  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('Yiyang@2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('menu-users').waitFor();
  // Home after sign-in, loaded cold in a new tab of the same session.
  const page2 = await ctx.newPage();
  t = performance.now();
  await page2.goto(`${base}/`);
  await page2.locator('[data-testid^="stat-"]').first().waitFor();
  home.push(performance.now() - t);
  homeJs = await jsBytes(page2);
  await ctx.close();
}
await browser.close();
await env.close();

const row = (name: string, xs: number[]) =>
  `${name.padEnd(28)} p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms   p95 ${pct(xs, 95).toFixed(0).padStart(5)} ms   p95/budget ${(pct(xs, 95) / BUDGET_MS).toFixed(2)}   p50/floor ${(pct(xs, 50) / pct(floor, 50)).toFixed(1)}×`;
console.log(`Console first load, ${RUNS} cold loads each (Chromium, localhost, PGlite)`);
console.log(`floor: bare page            p50 ${pct(floor, 50).toFixed(0).padStart(5)} ms`);
console.log(row('login page → interactive', login));
console.log(row('home (signed in) → counts', home));
console.log(
  `JS transferred, login page  ${(loginJs / 1024).toFixed(0)} KB compressed   ratio to 500 KB budget ${(loginJs / BUDGET_JS).toFixed(2)}`,
);
console.log(
  `JS transferred, home page   ${(homeJs / 1024).toFixed(0)} KB compressed   ratio to 500 KB budget ${(homeJs / BUDGET_JS).toFixed(2)}`,
);
process.exit(0);
