import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, seriousViolations, signIn, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * The service catalogue in Chromium: published without sign-in (/public/catalogue), and the console's
 * catalogue, contracts and agreements for the district admin; axe finds nothing serious.
 */
const skip = chromiumMissing();

describe('service catalogue end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  const newPage = async () =>
    (
      await browser.newContext({
        reducedMotion: 'reduce',
        locale: 'zh-CN',
        viewport: { width: 1366, height: 900 },
      })
    ).newPage();

  test('anyone reads the published catalogue without signing in', async () => {
    const page = await newPage();
    await page.goto(`${base}/public/catalogue`);
    const table = page.getByTestId('service-item-table');
    await table.getByText('上门助浴', { exact: true }).waitFor();
    assert.ok(await table.getByText('排泄护理', { exact: true }).first().isVisible());
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });

  test('the district admin browses the catalogue, contracts and agreements', async () => {
    const page = await newPage();
    await signIn(page, base, 'admin');
    await page.goto(`${base}/services`);
    await page.getByTestId('service-item-table').getByText('上门送餐', { exact: true }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByTestId('service-tab-contracts').click();
    await page.getByTestId('contract-table').getByText('HT-').first().waitFor();
    await page.getByTestId('service-tab-agreements').click();
    await page.getByTestId('agreement-table').getByText('FW').first().waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.context().close();
  });
});
