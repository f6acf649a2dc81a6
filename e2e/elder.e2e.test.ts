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
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
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

    await page.getByTestId('elder-search').locator('input').fill('oyxl');
    await page.getByTestId('elder-search').locator('input').press('Enter');
    // Names are masked in lists (欧*…): the surname is what shows.
    const row = page.locator('[data-testid="elder-table"] tr.ant-table-row', { hasText: '欧' });
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

    // A search that finds nobody: the empty table is still accessible.
    await page.getByTestId('elder-search').locator('input').fill('zzzzzz');
    await page.getByTestId('elder-search').locator('input').press('Enter');
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
});
