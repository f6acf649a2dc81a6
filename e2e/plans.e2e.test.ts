import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { newElder, validIdNumber } from '../server/test/builders.ts';
import { chromiumMissing, seriousViolations, signIn, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Recurring plans in the console (issue 14 §4, "a recurring plan generates orders"): the community worker
 * creates "every day at 10:00" for an elder on the orders page's 周期计划 tab; the server makes its orders
 * ahead at once; the plan is paused and resumed from its row. axe on the tab and the form. Every wait is on
 * a response or visible state. The hotline operator finds the caller by phone number on the 热线代下单 tab and
 * orders on their behalf, the price shown first and the call noted.
 */
const skip = chromiumMissing();
/** The elder's phone, as the caller's number shows on the hotline. */
const PHONE = '13912340606';

describe('recurring plans end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let elderId = '';
  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
    const community = await env.login('community');
    const regionCode = (await community.get('/api/v1/me')).json().regionCode as string;
    // 63 years old: every item is self-paid, no agreement needed.
    elderId = (
      await newElder(community, regionCode, {
        name: '周期计划老人',
        idNumber: validIdNumber('65010219630606123'),
        phone: PHONE,
      })
    ).id;
  });
  after(() => stopBrowserEnv({ env, browser }));

  test('a community worker creates a plan that makes orders, pauses and resumes it', async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    await signIn(page, base, 'community');
    await page.goto(`${base}/orders`);
    await page.getByRole('tab', { name: '周期计划' }).click();
    await page.getByTestId('plan-table').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'plans tab');

    await page.getByTestId('plan-create').click();
    const drawer = page.getByTestId('plan-drawer');
    await drawer.waitFor();
    await drawer.getByTestId('plan-elder').click();
    await page.keyboard.type('周期计划老人');
    await page.locator('.ant-select-item-option', { hasText: '周' }).first().click();
    await drawer.getByTestId('plan-item').click();
    await page.keyboard.type('SH0101');
    await page.locator('.ant-select-item-option', { hasText: 'SH0101' }).first().click();
    await drawer.getByTestId('plan-weekdays').click();
    for (const d of ['周一', '周二', '周三', '周四', '周五', '周六', '周日'])
      await page.locator('.ant-select-item-option', { hasText: d }).first().click();
    await page.keyboard.press('Escape');
    await drawer.getByTestId('plan-time').click();
    await page.locator('.ant-select-item-option', { hasText: '10:00' }).first().click();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const starts = drawer.getByRole('textbox', { name: '开始日期' });
    await starts.click();
    await starts.fill(today);
    await starts.press('Enter');
    assert.deepEqual(await seriousViolations(page), [], 'plan form');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/order-plans'),
    );
    await drawer.getByTestId('plan-save').click();
    const res = await created;
    assert.equal(res.status(), 201, await res.text());
    const plan = (await res.json()) as { id: string; elderId: string };
    assert.equal(plan.elderId, elderId);

    // The server made its orders ahead, each through the one create command.
    const community = await env.login('community');
    const made = (await community.get(`/api/v1/orders?planId=${plan.id}`)).json() as {
      items: { channel: string; plannedStart: string }[];
    };
    assert.ok(made.items.length >= 1, 'the plan generated orders');
    assert.ok(made.items.every((o) => o.channel === 'recurring_plan'));
    assert.ok(
      made.items.every((o) => o.plannedStart.endsWith('T02:00:00.000Z')),
      '10:00 China time',
    );

    const row = page.locator(`[data-row-key="${plan.id}"]`);
    await row.getByText('执行中').waitFor();
    await row.getByTestId('plan-pause').click();
    await row.getByText('已暂停').waitFor();
    await row.getByTestId('plan-resume').click();
    await row.getByText('执行中').waitFor();
    assert.equal(
      ((await community.get(`/api/v1/order-plans/${plan.id}`)).json() as { status: string }).status,
      'active',
    );
    await ctx.close();
  });

  test('the hotline finds the caller by phone number and orders on their behalf in the console', async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    await signIn(page, base, 'hotline');
    await page.goto(`${base}/orders`);
    await page.getByRole('tab', { name: '热线代下单' }).click();
    const search = page.getByPlaceholder('来电号码、身份证号或姓名');
    await search.fill(PHONE);
    const found = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/elders' && r.request().method() === 'GET',
    );
    await search.press('Enter');
    const url = new URL((await found).url());
    assert.equal(url.searchParams.get('phone'), PHONE, 'an exact phone search (blind index)');
    const hit = page.getByTestId('hotline-elder');
    await hit.first().waitFor();
    assert.equal(await hit.count(), 1, 'the one elder with that phone');
    assert.deepEqual(await seriousViolations(page), [], 'hotline search');
    await hit.getByTestId('hotline-pick').click();
    const form = page.getByTestId('hotline-form');
    await form.getByTestId('hotline-item').click();
    await page.keyboard.type('SH0101');
    await page.locator('.ant-select-item-option', { hasText: 'SH0101' }).first().click();
    await form.getByTestId('hotline-call-note').fill('老人来电：明天上午送餐');
    await form.getByTestId('hotline-quote').waitFor();
    assert.match(await form.getByTestId('hotline-quote').innerText(), /¥|元/);
    assert.deepEqual(await seriousViolations(page), [], 'hotline order form');
    const placed = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/orders',
    );
    await form.getByTestId('hotline-place').click();
    const res = await placed;
    assert.equal(res.status(), 201, await res.text());
    const order = (await res.json()) as { elderId: string; channel: string; callNote: string | null };
    assert.equal(order.elderId, elderId);
    assert.equal(order.channel, 'hotline');
    assert.equal(order.callNote, '老人来电：明天上午送餐');
    await ctx.close();
  });
});
