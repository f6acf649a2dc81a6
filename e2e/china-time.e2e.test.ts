import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, seriousViolations, signIn, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Times are China time whatever the browser's zone (issue 14, common rules): a dispatcher whose laptop is
 * set to New York sees an order's planned start as it is in Shanghai; the audit page's date filters are
 * the console's date pickers (YYYY-MM-DD in the UI language), not the browser's mm/dd/yyyy.
 */
const skip = chromiumMissing();

describe('China time in the console', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  const newYork = () =>
    browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
      timezoneId: 'America/New_York',
    });
  const shown = (iso: string, timeZone: string) =>
    new Intl.DateTimeFormat('zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(iso));

  test('an order’s planned start is shown in China time in a browser set to New York', async () => {
    const provider = await env.login('provider');
    const list = (await provider.get('/api/v1/orders?limit=1')).json() as {
      items: { id: string; plannedStart: string }[];
    };
    const order = list.items[0]!;
    const china = shown(order.plannedStart, 'Asia/Shanghai');
    const there = shown(order.plannedStart, 'America/New_York');
    assert.notEqual(china, there, 'the zones differ by 12–13 hours');
    const ctx = await newYork();
    const page = await ctx.newPage();
    assert.equal(
      await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
      'America/New_York',
    );
    await signIn(page, base, 'provider');
    await page.goto(`${base}/orders`);
    const row = page.locator(`[data-row-key="${order.id}"]`);
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(text.includes(china), `${text} shows ${china}`);
    assert.ok(!text.includes(there), `${text} does not show New York's ${there}`);
    await ctx.close();
  });

  test('the audit page’s date filters are YYYY-MM-DD pickers in the UI language', async () => {
    const ctx = await newYork();
    const page = await ctx.newPage();
    await signIn(page, base, 'admin');
    await page.goto(`${base}/audit`);
    const from = page.getByRole('textbox', { name: '开始日期' });
    await from.waitFor();
    assert.notEqual(await from.getAttribute('type'), 'date', 'not the browser’s own date input');
    assert.equal(await from.getAttribute('placeholder'), '开始日期');
    await from.click();
    await from.fill('2026-12-01');
    await from.press('Enter');
    assert.equal(await from.inputValue(), '2026-12-01');
    assert.deepEqual(await seriousViolations(page), [], 'audit page with the pickers');
    await ctx.close();
  });
});
