import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import {
  chromiumMissing,
  seriousViolations,
  signIn as signInAt,
  startBrowserEnv,
  stopBrowserEnv,
} from './browser.ts';

/**
 * The console as a person uses it, in headless Chromium against the built
 * web app served by a real server: sign in, switch language, open the region
 * tree, see field errors; axe-core finds nothing serious on these pages.
 */
const skip = chromiumMissing();

describe('console end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  const signIn = (page: Page, username: string, password?: string) =>
    signInAt(page, base, username, { password, wait: false });

  const newPage = async (locale = 'zh-CN') => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale,
      viewport: { width: 1366, height: 900 },
    });
    return ctx.newPage();
  };

  test('the login page is Chinese by default, accessible, and reports wrong passwords', async () => {
    const page = await newPage();
    await page.goto(base);
    await page.waitForSelector('[data-testid="login-form"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.deepEqual(await seriousViolations(page), []);
    await signIn(page, 'admin', 'not-the-password');
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /用户名或密码错误/);
    await page.context().close();
  });

  /** The answer to the preference change a click sends (the UI switches before the server has stored it). */
  const preferenceSaved = (page: Page) =>
    page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === '/api/v1/me/preferences',
    );

  test('the district admin signs in, sees the 綦江区 tree and switches to English', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('menu-regions').waitFor();
    assert.match(await page.getByTestId('current-region-name').innerText(), /綦江区/);
    assert.deepEqual(await seriousViolations(page), [], 'home page');

    await page.getByTestId('menu-regions').click();
    const tree = page.getByTestId('region-tree');
    await tree.getByText('綦江区').first().waitFor();
    // The district opens expanded with its streets and towns.
    await tree.getByText(/街道$/).first().waitFor();
    await tree.getByText(/镇$/).first().waitFor();
    await tree.getByText(/街道$/).first().click();
    await page.getByTestId('region-detail').getByText('綦江区').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'regions page');

    await page.getByTestId('language-switch').click();
    const localeSaved = preferenceSaved(page);
    await page.locator('.ant-select-item-option', { hasText: 'English' }).first().click();
    await page.getByTestId('menu-users').getByText('Users').waitFor();
    assert.equal((await localeSaved).status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'en-US');
    // The choice is kept per user: the next sign-in opens in English.
    const again = await newPage();
    await signIn(again, 'admin');
    await again.getByTestId('menu-users').getByText('Users').waitFor();
    await again.context().close();
    await page.context().close();
  });

  test('field errors appear under the right input, in the chosen language', async () => {
    const page = await newPage();
    await signIn(page, 'street');
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-table').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'users page');
    await page.getByTestId('user-create').click();
    const form = page.getByTestId('user-form');
    await form.waitFor();
    // A duplicate username only the server can detect: its localized error must land under that input.
    await page.getByTestId('user-username').fill('admin');
    await page.getByTestId('user-display-name').fill('端到端');
    await page.getByTestId('user-password').fill('Str0ngPassw0rd');
    await page.getByTestId('user-phone').fill('13800001234');
    // The role choices come from their own request: pick one once it is listed, not Enter into an empty list.
    await page.getByTestId('user-roles').locator('input').fill('社区/村');
    await page.locator('.ant-select-item-option', { hasText: '社区/村' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-save').click();
    const usernameItem = page.locator('.ant-form-item', { has: page.getByTestId('user-username') });
    await usernameItem.getByText('用户名已存在').waitFor();
    // A client-side rule shows under its own input too.
    await page.getByTestId('user-phone').fill('12345');
    await page.getByTestId('user-save').click();
    const phoneItem = page.locator('.ant-form-item', { has: page.getByTestId('user-phone') });
    await phoneItem.locator('.ant-form-item-explain-error').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'users form with errors');
    await page.context().close();
  });

  test('a community worker sees only their community', async () => {
    const page = await newPage();
    await signIn(page, 'community');
    await page.getByTestId('menu-regions').click();
    const tree = page.getByTestId('region-tree');
    await tree.locator('.ant-tree-treenode').first().waitFor();
    const nodes = await tree.locator('.ant-tree-title').allInnerTexts();
    assert.equal(nodes.length, 1, `one node: ${nodes.join(', ')}`);
    assert.doesNotMatch(nodes[0]!, /綦江区|街道/);
    await page.context().close();
  });

  test('the mobile app signs in and keeps 长辈版 per user', async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/m`);
    await page.getByTestId('m-login-username').fill('elder');
    await page.getByTestId('m-login-password').fill('Yiyang@2026');
    await page.getByTestId('m-login-submit').click();
    await page.getByTestId('m-tiles').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'mobile home');
    const manifest = await page.evaluate(async () => (await fetch('/m/manifest.webmanifest')).json());
    assert.equal(manifest.start_url, '/m/');
    await page.goto(`${base}/m/settings`);
    const modeSaved = preferenceSaved(page);
    await page.getByTestId('elder-mode-switch').click();
    await page.waitForFunction(() => parseFloat(getComputedStyle(document.body).fontSize) >= 20);
    assert.equal((await modeSaved).status(), 200);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    assert.equal(me.preferences.elderMode, true);
    await ctx.close();
  });
});
