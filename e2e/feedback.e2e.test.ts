import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, openAs, seriousViolations, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Issue 15 §7: the elder complains on the phone; the bureau answers and closes it in the console; the centre
 * samples return visits and records a call — axe-clean on the phone and in both console languages.
 */
const skip = chromiumMissing();
const TEXT = '护理员今天没有按约定时间上门，等了两个小时。';

describe('complaints and return visits', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  test('the elder complains on the phone and sees it listed', async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/m/login`);
    await page.getByTestId('m-login-username').fill('elder');
    await page.getByTestId('m-login-password').fill('Yiyang@2026');
    await page.getByTestId('m-login-submit').click();
    await page.getByTestId('m-sos').waitFor();
    await page.goto(`${base}/m/complaints`);
    await page.getByTestId('m-complaint-form').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'the phone complaint form');
    await page.getByTestId('m-complaint-category-punctuality').click();
    await page.getByTestId('m-complaint-text').fill(TEXT);
    const filed = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/complaints',
    );
    await page.getByTestId('m-complaint-submit').click();
    assert.equal((await filed).status(), 201);
    await page.getByTestId('m-complaint-status').filter({ hasText: '已提交' }).waitFor();
    await page.getByTestId('m-complaints').getByText(TEXT).waitFor();
    await ctx.close();
  });

  test('the bureau answers and closes it; the centre samples and records a return visit (zh-CN)', async () => {
    const page = await openAs({ env, browser, base }, 'admin', 'zh-CN');
    await page.getByTestId('menu-feedback').click();
    await page.getByTestId('complaint-table').waitFor();
    const row = page.getByTestId('complaint-table').locator('tr', { hasText: TEXT.slice(0, 10) });
    await row.getByTestId('complaint-open').click();
    const drawer = page.getByTestId('complaint-drawer');
    await drawer.getByTestId('complaint-response').fill('已核实，护理员路上车辆故障，已向老人道歉。');
    await drawer.getByTestId('complaint-respond').click();
    await drawer.getByTestId('complaint-status-text').filter({ hasText: '已答复' }).waitFor();
    await drawer.getByTestId('complaint-satisfaction').getByText('满意', { exact: true }).click();
    await drawer.getByTestId('complaint-close').click();
    await drawer.getByTestId('complaint-status-text').filter({ hasText: '已结案' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'the complaint drawer');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '服务回访' }).click();
    await page.getByTestId('rv-table').waitFor();
    await page.getByTestId('rv-share').fill('100');
    await page.getByTestId('rv-sample').click();
    await page.getByRole('status').filter({ hasText: '本次抽取' }).waitFor();
    const pending = page.getByTestId('rv-table').getByTestId('rv-record');
    await pending.first().waitFor();
    const before = await pending.count();
    await pending.first().click();
    await page.getByTestId('rv-result').getByText('满意', { exact: true }).click();
    const recorded = page.waitForResponse((r) =>
      /\/return-visits\/[^/]+\/record$/.test(new URL(r.url()).pathname),
    );
    await page.getByTestId('rv-record-ok').click();
    assert.equal((await recorded).status(), 200);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="rv-record"]').length === n - 1,
      before,
    );
    assert.deepEqual(await seriousViolations(page), [], 'the return visits tab');
    await page.context().close();
  });

  test('the complaints page in English', async () => {
    const page = await openAs({ env, browser, base }, 'admin', 'en-US');
    await page.getByTestId('menu-feedback').click();
    await page.getByTestId('complaint-table').locator('tbody tr.ant-table-row').first().waitFor();
    assert.ok(await page.getByText('Complaints', { exact: true }).first().isVisible());
    assert.deepEqual(await seriousViolations(page), [], 'complaints in English');
    await page.context().close();
  });
});
