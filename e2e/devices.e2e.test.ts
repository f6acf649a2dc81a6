import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { cnIdCheckChar as checkChar } from '../server/src/modules/elder/idNumber.ts';
import { chromiumMissing, openAs, seriousViolations, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Issue 16 §6, device pages: 设备管理 lists the region's devices with type, binding, last seen, battery and
 * message counts, finds one by serial and opens it with its bindings and recent messages — axe-clean.
 */
const skip = chromiumMissing();

describe('device pages', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  const serial = 'E2E-BTN-0001';

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
    const admin = await env.login('community');
    const me = (await admin.get('/api/v1/me')).json();
    const elder = await admin.post('/api/v1/elders', {
      name: '钱守仁',
      idType: 'resident_id',
      idNumber: `50022219450716021${checkChar('50022219450716021')}`,
      regionCode: me.regionCode,
    });
    assert.equal(elder.statusCode, 201, elder.body);
    const street = await env.login('street');
    const created = await street.post('/api/v1/devices', {
      type: 'button',
      vendor: 'acme',
      serial,
      regionCode: me.regionCode,
      address: '幸福社区3栋2单元501',
      elderIds: [elder.json().id],
    });
    assert.equal(created.statusCode, 201, created.body);
  });
  after(() => stopBrowserEnv({ env, browser }));

  test('a street officer finds a device by serial and opens it', async () => {
    const page = await openAs({ env, browser, base }, 'street', 'zh-CN');
    await page.getByTestId('menu-devices').click();
    await page.getByTestId('device-table').waitFor();
    const searched = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/devices' &&
        new URL(r.url()).searchParams.get('serial') === serial,
    );
    await page.getByTestId('device-search').locator('input').fill(serial);
    await page.getByTestId('device-search').locator('input').press('Enter');
    assert.equal((await searched).status(), 200);
    const row = page.locator('[data-testid="device-table"] tr.ant-table-row', { hasText: serial });
    await row.waitFor();
    assert.ok((await row.innerText()).includes('一键呼叫按钮'));
    assert.deepEqual(await seriousViolations(page), [], 'device list');
    await row.getByTestId('device-open').click();
    await page.getByTestId('device-detail').waitFor();
    assert.ok((await page.getByTestId('device-detail').innerText()).includes('acme'));
    await page.getByTestId('device-recent').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'device drawer');
    await page.context().close();
  });
});
