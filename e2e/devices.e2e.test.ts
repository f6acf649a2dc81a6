import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { DeviceHealth } from '../server/src/modules/device/device.health.ts';
import { commitBatch } from '../server/src/modules/device/device.ingest.ts';
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
  let elderId = '';

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
    elderId = elder.json().id;
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
    // Issue 17: a power cut in the community — 10 devices heard last within a minute, then silent; one of them
    // the elder's button (so the welfare list has them). Another device reports a low battery.
    const T0 = new Date(Date.now() - 3 * 3600_000);
    const ids = [created.json().id as string];
    for (let i = 1; i < 10; i++) {
      const d = await street.post('/api/v1/devices', {
        type: 'button',
        vendor: 'acme',
        serial: `E2E-CUT-${i}`,
        regionCode: me.regionCode,
        heartbeatSeconds: 300,
      });
      assert.equal(d.statusCode, 201, d.body);
      ids.push(d.json().id);
    }
    await street.patch(`/api/v1/devices/${ids[0]}`, { heartbeatSeconds: 300 });
    const low = await street.post('/api/v1/devices', {
      type: 'watch',
      vendor: 'acme',
      serial: 'E2E-LOW-1',
      regionCode: me.regionCode,
    });
    const beat = (id: string, at: Date, battery: number) => ({
      transport: 'mqtt' as const,
      topic: `yiyang/v1/devices/${id}/heartbeat`,
      deviceRef: id,
      channel: 'heartbeat' as const,
      payload: JSON.stringify({ battery }),
      receivedAt: at,
    });
    await commitBatch(env.platform, [
      ...ids.map((id, i) => beat(id, new Date(T0.getTime() + i * 5000), 80)),
      beat(low.json().id, new Date(), 9),
    ]);
    const swept = await new DeviceHealth(env.platform).sweep();
    assert.equal(swept.areaEvents, 1, JSON.stringify(swept));
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

  test('device health: offline and low battery on the list, the 设备任务 queue closes a task with a note', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const page = await openAs({ env, browser, base }, 'street', locale);
      await page.getByTestId('menu-devices').click();
      const row = page.locator('[data-testid="device-table"] tr.ant-table-row', { hasText: serial });
      await row.waitFor();
      assert.ok(
        (await row.getByTestId('device-health').innerText()).includes(
          locale === 'zh-CN' ? '离线' : 'Offline',
        ),
      );
      assert.deepEqual(await seriousViolations(page), [], `device health list ${locale}`);
      await page.getByTestId('device-tab-tasks').click();
      const task = page.locator('[data-testid="device-task-table"] tr.ant-table-row', {
        hasText: 'E2E-LOW-1',
      });
      await task.waitFor();
      assert.deepEqual(await seriousViolations(page), [], `device tasks ${locale}`);
      // The elder's record (profile): their button, offline, with its task (folded into the area event).
      await page.goto(`${base}/elders?elder=${elderId}`);
      const onRecord = page.getByTestId('elder-devices');
      await onRecord.getByText(serial).waitFor();
      assert.ok((await onRecord.getByTestId('device-open-tasks').innerText()).length > 0);
      assert.deepEqual(await seriousViolations(page), [], `elder devices ${locale}`);
      await page.goto(`${base}/devices`);
      await page.getByTestId('device-tab-tasks').click();
      await task.waitFor();
      if (locale === 'en-US') {
        await task.getByTestId('device-task-close').click();
        await page.getByTestId('device-task-note').fill('Battery replaced');
        const closed = page.waitForResponse(
          (r) => r.url().includes('/close') && r.request().method() === 'POST',
        );
        await page.locator('#device-task-confirm').click();
        assert.equal((await closed).status(), 200);
        await task.waitFor({ state: 'detached' });
      }
      await page.context().close();
    }
  });

  test('the seat console shows the area event; its page lists the welfare calls and records one', async () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const page = await openAs({ env, browser, base }, 'hotline', locale);
      await page.goto(`${base}/alarms`);
      const banner = page.getByTestId('area-event-banner');
      await banner.waitFor();
      assert.ok((await banner.innerText()).includes('10'));
      assert.deepEqual(await seriousViolations(page), [], `area event card ${locale}`);
      await banner.getByTestId('area-event-open').click();
      const table = page.getByTestId('welfare-table');
      await table.locator('tr.ant-table-row').first().waitFor();
      assert.ok((await table.innerText()).includes('钱'));
      assert.deepEqual(await seriousViolations(page), [], `area event page ${locale}`);
      if (locale === 'zh-CN') {
        await table.getByTestId('welfare-ok').first().click();
        await table.getByTestId('welfare-outcome').first().waitFor();
        assert.equal(await table.getByTestId('welfare-outcome').first().innerText(), '平安');
      } else {
        // The seat corrects the cause, then ends the event with a note.
        const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
        await page.getByTestId('area-event-cause').click();
        await page.locator('.ant-select-item-option[title="network cut"]').click();
        assert.equal((await patched).status(), 200);
        await page.getByTestId('area-event-end-note').fill('Power company confirmed supply restored');
        await page.getByTestId('area-event-end').click();
        await page.getByTestId('area-event-ended').waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'an ended area event');
      }
      await page.context().close();
    }
  });
});
