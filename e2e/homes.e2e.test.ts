import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { chromiumMissing, openAs, seriousViolations, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Issue 13 §6: every role lands on something useful after signing in on the console — the overview with
 * care indicators for those who may read it, the role's own work for the others, the phone app for
 * phone-only roles (whose 返回首页 no longer loops on a 403).
 */
const skip = chromiumMissing();

describe('every role lands on something useful', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  const landing = async (username: string) => {
    const page = await openAs({ env, browser, base }, username, 'zh-CN', { wait: false });
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.waitForLoadState('networkidle');
    return page;
  };

  test('a community worker lands on the overview with care indicators, without empty division cards', async () => {
    const page = await landing('community');
    assert.equal(new URL(page.url()).pathname, '/');
    await page.getByTestId('care-by-category').waitFor();
    await page.getByTestId('care-due').waitFor();
    assert.equal(await page.getByTestId('stat-streets').count(), 0, 'no 街道 0 at community level');
    assert.equal(await page.getByTestId('stat-towns').count(), 0, 'no 镇/乡 0 at community level');
    await page.getByTestId('stat-elders').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'community home');
    await page.context().close();
  });

  for (const [username, path] of [
    ['assessor', '/assessments'],
    ['lead', '/assessments'],
    ['provider', '/orders'],
  ] as const) {
    test(`${username} lands on ${path}`, async () => {
      const page = await landing(username);
      await page.waitForURL((u) => u.pathname === path);
      await page.getByTestId('user-menu').waitFor();
      // Their menu's 首页 still opens the overview when they may read it.
      if (username === 'provider') {
        await page.getByTestId('menu-home').click();
        await page.getByTestId('stat-elders').waitFor();
        assert.equal(new URL(page.url()).pathname, '/');
      }
      await page.context().close();
    });
  }

  test('the elder and a family member find the elder’s own record and the 12349 hotline on the phone', async () => {
    for (const username of ['elder', 'family']) {
      const page = await landing(username);
      await page.waitForURL((u) => u.pathname.startsWith('/m'));
      await page.getByTestId('m-tile-my-record').click();
      await page.getByTestId('m-elder-detail').waitFor();
      assert.ok(await page.getByTestId('m-elder-ability').isVisible(), 'the ability level');
      assert.equal(await page.getByTestId('m-hotline-call').getAttribute('href'), 'tel:12349');
      assert.equal(await page.getByTestId('m-tile-elders').count(), 0);
      assert.deepEqual(await seriousViolations(page), [], `${username}: own record`);
      await page.goto(`${base}/m/`);
      assert.equal(await page.getByTestId('m-tile-hotline').getAttribute('href'), 'tel:12349');
      assert.equal(await page.getByTestId('m-tile-elders').count(), 0, 'no registry-entry tile');
      await page.context().close();
    }
  });

  for (const username of ['elder', 'family', 'caregiver', 'volunteer']) {
    test(`${username} is sent to the phone app, and 返回首页 does not loop`, async () => {
      const page = await landing(username);
      await page.waitForURL((u) => u.pathname.startsWith('/m'));
      // A console page the role may not open: the 403's 返回首页 leads to the phone app, not back to a 403.
      await page.goto(`${base}/users`);
      await page
        .getByRole('button', { name: '返回首页' })
        .or(page.getByRole('link', { name: '返回首页' }))
        .click();
      await page.waitForURL((u) => u.pathname.startsWith('/m'));
      await page.context().close();
    });
  }
});
