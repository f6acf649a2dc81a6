import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { cnIdCheckChar as checkChar } from '../server/src/modules/elder/idNumber.ts';
import {
  chromiumMissing,
  seriousViolations,
  signIn as signInAt,
  startBrowserEnv,
  stopBrowserEnv,
  watchErrors,
} from './browser.ts';

/**
 * The elder registry as a community worker uses it: find an elder by pinyin
 * initials, open the details (masked ID only), register one with a mistyped
 * ID number and see the error under that input; axe-core clean on list and form.
 */
const skip = chromiumMissing();

const first17 = '50022219450312123'; // 綦江 (500222), born 1945-03-12, odd sequence → male
const VALID_ID = first17 + checkChar(first17);
const WRONG_ID = first17 + (checkChar(first17) === '0' ? '1' : '0');
const CRASH_ID = '50022219460101234' + checkChar('50022219460101234');

describe('elder registry end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  const signIn = (page: Page, username: string) => signInAt(page, base, username);
  const newPage = async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    return ctx.newPage();
  };

  test('a community worker finds an elder by pinyin initials and sees only the masked ID', async () => {
    const page = await newPage();
    await signIn(page, 'community');
    // A known elder in the worker's community, through the API with the session's CSRF token.
    const created = await page.evaluate(async (idNumber) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch('/api/v1/elders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          name: '欧阳秀兰',
          idType: 'resident_id',
          idNumber,
          regionCode: me.regionCode,
          address: '幸福路 8 号 2 单元 301',
          livingSituation: 'alone',
        }),
      });
      return { status: res.status, body: await res.json() };
    }, VALID_ID);
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-table').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'elder list');

    // The unfiltered list on screen has the new elder too: the rows are read once the search's own answer is in.
    const found = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/elders' && new URL(r.url()).searchParams.get('q') === 'oyxl',
    );
    await page.getByTestId('elder-search').locator('input').fill('oyxl');
    await page.getByTestId('elder-search').locator('input').press('Enter');
    assert.equal((await found).status(), 200);
    // Names are masked in lists (欧*…): the surname is what shows.
    const row = page.locator('[data-testid="elder-table"] tr.ant-table-row', { hasText: '欧' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="elder-table"] tr.ant-table-row').length === 1,
    );
    await row.first().waitFor();
    assert.equal(await page.locator('[data-testid="elder-table"] tr.ant-table-row').count(), 1);
    assert.ok(!(await row.innerText()).includes('秀兰'), 'the name is masked');
    await row.getByTestId('elder-open').click();

    const drawer = page.getByTestId('elder-drawer');
    const id = drawer.getByTestId('elder-detail-id');
    await id.waitFor();
    const shown = await id.innerText();
    assert.match(shown, /^5002\*+\d{3}[\dX]$/, `masked: ${shown}`);
    assert.ok(!(await drawer.innerText()).includes(VALID_ID), 'the full ID number is not on the page');
    // The community worker has no elder:read_sensitive: no reveal button.
    assert.equal(await drawer.getByTestId('elder-reveal').count(), 0);
    await page.keyboard.press('Escape');
    // Closing the drawer rewrites the URL (?elder=) and refetches; search only once that has settled.
    await drawer.waitFor({ state: 'hidden' });
    await page.waitForURL((u) => !u.searchParams.has('elder'));

    // A search that finds nobody: the empty table is still accessible.
    const searched = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/v1/elders' && new URL(r.url()).searchParams.get('q') === 'zzzzzz',
    );
    await page.getByTestId('elder-search').locator('input').fill('zzzzzz');
    await page.getByTestId('elder-search').locator('input').press('Enter');
    assert.equal((await searched).status(), 200);
    await page.locator('[data-testid="elder-table"] .ant-empty').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'empty elder list');
    await page.context().close();
  });

  test('a street officer sees the elders of their villages as bubbles on the map', async () => {
    const page = await newPage();
    await signIn(page, 'street');
    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-tab-map').click();
    // Seeded elders have (synthetic) coordinates: a chart, not the "no coordinates" placeholder.
    await page.getByTestId('elder-map').locator('canvas').waitFor();
    assert.ok((await page.getByTestId('elder-map-table').locator('tr.ant-table-row').count()) > 1);
    assert.deepEqual(await seriousViolations(page), [], 'elder map');
    // Drill down from the street to one village's list.
    const village = page.getByTestId('elder-map-region').first();
    const name = await village.innerText();
    await village.click();
    // The village's page arrives after the table is drawn: wait for its first row (times out if empty).
    await page.locator('[data-testid="elder-table"] tr.ant-table-row').first().waitFor();
    assert.ok((await page.locator('[data-testid="elder-table"] tr.ant-table-row').count()) > 0, name);
    await page.context().close();
  });

  test('a wrong ID checksum shows under the ID input; the form is accessible', async () => {
    const page = await newPage();
    await signIn(page, 'community');
    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-create').click();
    await page.getByTestId('elder-form').waitFor();
    await page.getByTestId('elder-name').fill('端到端');
    await page.getByTestId('elder-id-number').fill(WRONG_ID);
    const idItem = page.locator('.ant-form-item', { has: page.getByTestId('elder-id-number') });
    // Live check (validate-id) puts the server's message under the input.
    await idItem.locator('.ant-form-item-explain-error').first().waitFor();
    assert.match(await idItem.locator('.ant-form-item-explain-error').first().innerText(), /校验/);
    assert.deepEqual(await seriousViolations(page), [], 'elder form with an error');

    // A correct number shows the derived birth date, sex and age.
    await page.getByTestId('elder-id-number').fill(VALID_ID);
    await page.getByTestId('elder-id-derived').getByText('1945-03-12').waitFor();
    await page.context().close();
  });

  /** The messages under the form input that holds `testId`. */
  const itemErrors = (page: Page, testId: string) =>
    page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

  test('empty choices say 请选择; a duplicate ID number is the server’s message under the ID, with a link', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await signIn(page, 'community');
    errors.take(/status of 401/); // the session probe on the login page
    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-create').click();
    await page.getByTestId('elder-form').waitFor();
    await page.getByTestId('elder-save').click();
    await itemErrors(page, 'elder-living').first().waitFor();
    assert.equal(await itemErrors(page, 'elder-name').first().innerText(), '请填写姓名');
    assert.equal(await itemErrors(page, 'elder-living').first().innerText(), '请选择居住情况');

    // The elder of the first test, registered again.
    await page.getByTestId('elder-name').fill('欧阳秀兰');
    await page.getByTestId('elder-id-number').fill(VALID_ID);
    await page.getByTestId('elder-id-derived').getByText('1945-03-12').waitFor();
    await page.getByTestId('elder-address').fill('幸福路 8 号 2 单元 301');
    await page.getByTestId('elder-living').click();
    await page.locator('.ant-select-item-option', { hasText: '独居' }).first().click();
    await page.getByTestId('elder-save').click();
    await itemErrors(page, 'elder-id-number').getByText('该证件号码已登记，请勿重复建档').waitFor();
    assert.equal(await page.getByTestId('elder-conflict').count(), 0, 'not “changed by someone else”');
    assert.deepEqual(await seriousViolations(page), [], 'duplicate under the ID');
    await page.getByTestId('elder-existing-link').click();
    // The registered elder's details open over the form; the URL names them.
    await page.getByTestId('elder-detail-id').waitFor();
    assert.match(page.url(), /[?&]elder=[0-9a-f-]{36}/);
    assert.equal(errors.take(/status of 409/).length, 1, 'the 409 the browser logs itself');
    errors.none('duplicate');
    await page.context().close();
  });

  test('a crash keeps what was typed: 重试 opens the registration again with the draft', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await signIn(page, 'admin');
    errors.take(/status of 401/); // the session probe on the login page
    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-create').click();
    await page.getByTestId('elder-name').fill('崩溃之后');
    await page.getByTestId('elder-id-number').fill(CRASH_ID);
    await page.getByTestId('elder-address').fill('古南街道幸福路 10 号');
    // A town's villages arrive malformed (a name that is not text): drawing them throws.
    await page.route(/\/api\/v1\/regions\?parent=\d{6}(?!000)\d{3}000$/, (route) =>
      route.fulfill({
        json: { items: [{ code: '500110001001', name: { zh: '坏数据' }, level: 'village' }] },
      }),
    );
    await page.getByTestId('elder-region').click();
    const town = page.locator('.ant-select-tree-treenode', { hasText: '古南街道' });
    await town.locator('.ant-select-tree-switcher').click();
    await page.getByTestId('crash').waitFor();
    // The console around the page still works.
    await page.getByTestId('user-menu').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'crash notice');
    assert.ok(errors.take(/^console: .*(React error #31|Objects are not valid)/).length > 0, 'the crash');
    await page.unrouteAll();
    await page.getByTestId('crash-retry').click();
    await page.getByTestId('elder-form').waitFor();
    assert.equal(await page.getByTestId('elder-name').inputValue(), '崩溃之后');
    assert.equal(await page.getByTestId('elder-id-number').inputValue(), CRASH_ID);
    assert.equal(await page.getByTestId('elder-address').inputValue(), '古南街道幸福路 10 号');
    // 取消 is leaving on purpose: the draft goes.
    await page
      .getByRole('button', { name: '取 消' })
      .or(page.getByRole('button', { name: '取消' }))
      .click();
    await page.getByTestId('elder-create').click();
    await page.getByTestId('elder-form').waitFor();
    assert.equal(await page.getByTestId('elder-name').inputValue(), '');
    errors.none('crash and retry');
    await page.context().close();
  });
});
