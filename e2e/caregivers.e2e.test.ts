import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, seriousViolations, signIn, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * The provider admin's caregivers page (issue 14): the indicators, the list with the expired 健康证, and a
 * leave recorded through the drawer's form (a field error first: the leave ends before it starts).
 */
const skip = chromiumMissing();

describe('caregivers page end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  test('the provider admin sees the indicators and records leave', async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const page = await ctx.newPage();
    await signIn(page, base, 'provider2');
    await page.getByRole('link', { name: '护理员管理' }).click();
    await page.getByTestId('staff-indicators').waitFor();
    assert.match(await page.getByTestId('staff-certified-rate').innerText(), /100\.0%（3\/3）/);
    const table = page.getByTestId('caregiver-table');
    await table.getByText('护理员刘梅').waitFor();
    assert.match(await table.innerText(), /健康证（已过期）/);
    assert.deepEqual(await seriousViolations(page), []);

    await page.getByTestId('caregiver-manage-caregiver2').click();
    const drawer = page.getByTestId('caregiver-drawer');
    await drawer.getByRole('tab', { name: '请假' }).click();
    await drawer.getByTestId('leave-from').fill('2030-05-03');
    await drawer.getByTestId('leave-to').fill('2030-05-01');
    await drawer.getByTestId('leave-reason').fill('事假');
    await drawer.getByTestId('leave-add').click();
    await drawer.getByText('请假结束日期不能早于开始日期').waitFor();
    await drawer.getByTestId('leave-to').fill('2030-05-04');
    await drawer.getByTestId('leave-add').click();
    await drawer.getByTestId('caregiver-leaves').getByText('2030-05-04').waitFor();
    await ctx.close();
  });
});
