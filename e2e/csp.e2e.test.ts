import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, signIn, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * The security headers (decision 013) in Chromium: the console, the phone app with its service
 * worker and offline start, ECharts, the report PDF and /api/docs all work under the
 * Content-Security-Policy and Permissions-Policy, with no violation reported on any page, while an
 * injected script is refused.
 */
const skip = chromiumMissing();

/** What a page would see as a violation, and the console's CSP and Permissions-Policy complaints. */
async function watch(ctx: BrowserContext): Promise<string[]> {
  const problems: string[] = [];
  await ctx.exposeBinding('__yyViolation', (_source, v: string) => void problems.push(v));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __yyViolation(v: string): void }).__yyViolation;
      report(
        `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const policyMessage = /content.security.policy|permissions.policy|refused to/i;
  ctx.on('console', (m) => {
    if (policyMessage.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  return problems;
}

describe('content security policy in Chromium', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  const open = async (opts: BrowserContextOptions = {}) => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      serviceWorkers: 'allow',
      ...opts,
    });
    const problems = await watch(ctx);
    return { ctx, problems, page: await ctx.newPage() };
  };

  // A page.evaluate that never settles would hang the run: a test fails after five minutes instead.
  const slow = { timeout: 300_000 };

  /** Waits for an ECharts canvas inside a test id: the chart rendered. */
  const chart = (page: Page, testId: string) => page.getByTestId(testId).locator('canvas').first().waitFor();

  test('the console: home, elders, drawer, map, assessments, statistics, report PDF', slow, async () => {
    const { ctx, problems, page } = await open({ viewport: { width: 1366, height: 900 } });
    await signIn(page, base, 'admin');

    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-table').locator('tr.ant-table-row').first().waitFor();
    await page.getByTestId('elder-open').first().click();
    const drawer = page.getByTestId('elder-drawer');
    await drawer.getByTestId('elder-detail-id').waitFor();
    await drawer.getByTestId('elder-tab-assessments').click();
    await page.keyboard.press('Escape');

    await page.getByTestId('elder-tab-map').click();
    await chart(page, 'elder-map');

    await page.goto(`${base}/assessments`);
    await page.getByTestId('assessment-table').waitFor();
    await page.goto(`${base}/assessments/due`);
    await page.getByTestId('due-table').locator('.ant-table-tbody tr').first().waitFor();
    await page.goto(`${base}/assessments/stats`);
    await chart(page, 'assessment-stats');

    const published = await page.evaluate(async () => {
      const res = await fetch('/api/v1/assessments?status=published&limit=1');
      return ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
    });
    assert.ok(published, 'the demo seed publishes assessments');
    await page.goto(`${base}/assessments/${published}`);
    await chart(page, 'assessment-result');

    // The report: what the button links to is a whole PDF, and the new tab shows it in
    // Chromium's PDF viewer (its frames load under the response's policy).
    const href = (await page.getByTestId('assessment-report').getAttribute('href'))!;
    const fetched = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const head = new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5));
      return `${r.status} ${r.headers.get('content-type')} ${head}`;
    }, href);
    assert.equal(fetched, '200 application/pdf %PDF-');
    const [popup] = await Promise.all([
      ctx.waitForEvent('page'),
      page.getByTestId('assessment-report').click(),
    ]);
    const shown = await popup.waitForEvent('response', (r) => r.url().endsWith('/report.pdf'));
    assert.equal(shown.status(), 200);
    await popup.waitForLoadState('load');
    const viewer = () => popup.frames().some((f) => f.url().startsWith('chrome-extension://'));
    for (let i = 0; i < 40 && !viewer(); i++) await popup.waitForTimeout(250);
    assert.ok(
      viewer(),
      `the PDF viewer opened: ${popup
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );

    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('an injected script is refused and reported', slow, async () => {
    const { ctx, problems, page } = await open();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-form').waitFor();
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __injected?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__injected = true');
      img.src = 'data:,';
      document.body.appendChild(img);
      await new Promise((r) => setTimeout(r, 200));
      return w.__injected === true;
    });
    assert.equal(ran, false, 'neither the inline script nor the event-handler attribute ran');
    // The detector the other tests rely on sees both.
    const reported = (directive: string) => problems.some((p) => p.includes(`${directive} blocked inline`));
    for (let i = 0; i < 50 && !(reported('script-src-elem') && reported('script-src-attr')); i++)
      await page.waitForTimeout(100);
    assert.ok(reported('script-src-elem'), `the inline script was reported: ${problems.join(' | ')}`);
    assert.ok(reported('script-src-attr'), `the handler attribute was reported: ${problems.join(' | ')}`);
    await ctx.close();
  });

  test('the phone app: sign-in, service worker, offline start, geolocation', slow, async () => {
    const { ctx, problems, page } = await open({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      permissions: ['geolocation'],
      geolocation: { latitude: 29.03, longitude: 106.65 },
    });
    // The installed app starts at /m/ (manifest start_url), inside the worker's scope.
    await page.goto(`${base}/m/`);
    await page.getByTestId('m-login-username').fill('assessor');
    await page.getByTestId('m-login-password').fill('Yiyang@2026');
    await page.getByTestId('m-login-submit').click();
    await page.getByTestId('m-tiles').waitFor();
    await page.getByTestId('m-tile-assessments').click();
    await page.locator('[data-testid="m-assessment-list"][aria-busy="false"]').waitFor({ state: 'attached' });

    // The worker installs under the policy and caches the shell it fetched.
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return (await caches.open('yiyang-m-shell-v2')).match('/m/').then((r) => r?.status ?? 0);
    });
    assert.equal(cached, 200);
    const position = await page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          navigator.geolocation.getCurrentPosition(
            (p) => resolve(`${p.coords.latitude},${p.coords.longitude}`),
            (e) => resolve(`error ${e.code} ${e.message}`),
          ),
        ),
    );
    assert.equal(position, '29.03,106.65', 'Permissions-Policy lets the phone app record positions');

    // Offline, the shell (and the policy it was cached with) comes from the worker.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await ctx.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    await ctx.setOffline(false);

    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('the API documentation', slow, async () => {
    const { ctx, problems, page } = await open();
    await page.goto(`${base}/api/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.swagger-ui .opblock').first().waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});
