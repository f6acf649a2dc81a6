import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
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
 * The 摸底表 import wizard as a community worker uses it: upload a CSV, see
 * the dry-run report with the bad row, import the rest and read the summary;
 * the Export button carries the list's filters. axe-core clean.
 */
const skip = chromiumMissing();

const GOOD = '65010219470312123';
const GOOD_ID = GOOD + checkChar(GOOD);
const BAD_ID = '65010219470413123' + (checkChar('65010219470413123') === '0' ? '1' : '0');

describe('elder import wizard end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  test('dry run shows the bad row; the import creates the good one', async () => {
    const ctx = await browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const page = await ctx.newPage();
    await signInAt(page, base, 'community');
    const region = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).regionCode);
    // One elder in the list first: an empty antd table with horizontal scroll is an axe finding of the
    // list page itself (scrollable-region-focusable), not of the wizard.
    const OTHER = '65010219460101123';
    const created = await page.evaluate(
      async ([idNumber, regionCode]) => {
        const me = await (await fetch('/api/v1/me')).json();
        const res = await fetch('/api/v1/elders', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ name: '列表老人', idNumber, regionCode }),
        });
        return res.status;
      },
      [OTHER + checkChar(OTHER), region] as const,
    );
    assert.equal(created, 201);

    await page.getByTestId('menu-elders').click();
    await page.getByTestId('elder-table').waitFor();
    assert.match(
      (await page.getByTestId('elder-export').getAttribute('href')) ?? '',
      /\/elders\/export\.xlsx/,
    );

    await page.getByTestId('elder-import').click();
    await page.getByTestId('import-dry-run').waitFor();
    assert.match((await page.getByTestId('import-template').getAttribute('href')) ?? '', /import\/template/);
    const csv = `姓名,证件号码,所属社区/村代码\n导入甲,${GOOD_ID},${region}\n导入乙,${BAD_ID},${region}\n`;
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '摸底表.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('import-file-name').waitFor();
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-issues').waitFor();
    assert.equal(await page.getByTestId('import-dry-total').innerText(), '2');
    assert.equal(await page.getByTestId('import-dry-failed').innerText(), '1');
    assert.match(await page.getByTestId('import-issues').innerText(), /校验位/);
    assert.deepEqual(await seriousViolations(page), [], 'dry-run report');

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-summary').waitFor();
    assert.match(await page.getByTestId('import-summary').innerText(), /新增 1 名/);
    assert.deepEqual(await seriousViolations(page), [], 'summary');
    await ctx.close();
  });
});
