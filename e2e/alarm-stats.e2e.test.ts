import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, openAs, seriousViolations, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Issue 17 §4: the seat supervisor's 接警统计 — this month's shares against the targets, per day, device
 * type, seat and region, and the monthly Excel report — axe-clean in both languages.
 */
const skip = chromiumMissing();

describe('answering statistics', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  for (const locale of ['zh-CN', 'en-US'] as const)
    test(`the month's figures, tables and report (${locale})`, async () => {
      const page = await openAs({ env, browser, base }, 'supervisor', locale);
      // The month of the demo seed's alarms (the template may have been seeded before a month's end).
      const seeded = (await page.evaluate(
        async () => (await (await fetch('/api/v1/alarms?state=all')).json()).items.at(-1).receivedAt,
      )) as string;
      const month = new Date(Date.parse(seeded) + 8 * 3600_000).toISOString().slice(0, 7);
      await page.getByTestId('menu-alarm-stats').click();
      await page.getByTestId('alarm-stats').waitFor();
      await page.goto(`${base}/alarm-stats?month=${month}`);
      await page.getByTestId('alarm-stats').waitFor();
      const api = (await page.evaluate(
        async (m) => (await fetch(`/api/v1/stats/alarms?month=${m}`)).json(),
        month,
      )) as { total: number };
      assert.ok(api.total > 0, 'the demo seed raised alarms this month');
      assert.equal(
        (await page.getByTestId('stats-total').locator('.ant-statistic-content-value').innerText()).replace(
          /\D/g,
          '',
        ),
        String(api.total),
      );
      await page.getByTestId('alarm-stats-daily').waitFor();
      await page.getByTestId('stats-by-seat').locator('tbody tr.ant-table-row').first().waitFor();
      const ack = await page.getByTestId('stats-ack60').innerText();
      assert.match(ack, locale === 'zh-CN' ? /60秒内认领率/ : /Acknowledged within 60 s/);
      assert.deepEqual(await seriousViolations(page), [], 'answering statistics');

      const href = await page.getByTestId('alarm-stats-download').getAttribute('href');
      assert.ok(href?.includes(`lang=${locale}`), href ?? '');
      const report = await page.evaluate(async (u) => {
        const r = await fetch(u);
        return {
          status: r.status,
          type: r.headers.get('content-type'),
          size: (await r.arrayBuffer()).byteLength,
        };
      }, href!);
      assert.equal(report.status, 200);
      assert.match(report.type ?? '', /spreadsheetml/);
      assert.ok(report.size > 1000);
      await page.context().close();
    });

  test('a month without alarms says so instead of 0 %', async () => {
    const page = await openAs({ env, browser, base }, 'supervisor', 'zh-CN');
    await page.goto(`${base}/alarm-stats`);
    await page.getByTestId('alarm-stats').waitFor();
    await page.getByTestId('alarm-stats-month').click();
    // The picker opens on this year; the previous year's January has nothing.
    await page.locator('.ant-picker-header-super-prev-btn').click();
    await page.locator('.ant-picker-cell').first().click();
    await page.getByText('无数据').first().waitFor();
    assert.equal(
      await page.getByTestId('stats-ack60').locator('.ant-statistic-content-value').innerText(),
      '—',
    );
    await page.context().close();
  });
});
