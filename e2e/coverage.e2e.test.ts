import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import { facilities, facilityCoverage } from '../server/src/modules/facility/facility.table.ts';
import { cnIdCheckChar as checkChar } from '../server/src/modules/elder/idNumber.ts';
import { chromiumMissing, openAs, seriousViolations, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * Issue 18 §6, 覆盖与服务圈: a street officer sees the coverage rates of their communities with the bars,
 * drills down, sees the 15-minute circle's shares, the elders outside it, site suggestions and the map
 * (the product's one map component) — axe-clean in both languages.
 */
const skip = chromiumMissing();

describe('coverage dashboard', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
    const street = await env.login('street');
    const me = (await street.get('/api/v1/me')).json() as { regionCode: string };
    const prefix = me.regionCode.slice(0, 9);
    // A station at the centre of the street's most populous community, serving it.
    const res = (await env.platform.db.execute(
      sql`SELECT region_code, avg(lat) AS lat, avg(lng) AS lng FROM elders WHERE region_code LIKE ${prefix + '%'}
          AND lat IS NOT NULL GROUP BY region_code ORDER BY count(*) DESC, region_code LIMIT 1`,
    )) as unknown as { rows: { region_code: string; lat: string; lng: string }[] };
    const home = res.rows[0]!;
    const [station] = await env.platform.db
      .insert(facilities)
      .values({
        tier: 'community_station',
        name: 'E2E 社区养老服务站',
        regionCode: home.region_code,
        status: 'operating',
        openedOn: '2021-03-01',
        operatingMode: 'social_operation',
        beds: 20,
        nursingBeds: 8,
        lat: Number(home.lat),
        lng: Number(home.lng),
      })
      .returning({ id: facilities.id });
    await env.platform.db
      .insert(facilityCoverage)
      .values({ facilityId: station!.id, regionCode: home.region_code, validFrom: '2021-03-01' });
    // An elder 22 km north of it (outside every circle) and a planned station at their door (a suggestion).
    const far = { lat: Number(home.lat) + 0.2, lng: Number(home.lng) };
    const elder = await street.post('/api/v1/elders', {
      name: '孙远山',
      idType: 'resident_id',
      idNumber: `50022219440312021${checkChar('50022219440312021')}`,
      regionCode: home.region_code,
      ...far,
    });
    assert.equal(elder.statusCode, 201, elder.body);
    await env.platform.db.insert(facilities).values({
      tier: 'community_station',
      name: 'E2E 规划站',
      regionCode: home.region_code,
      status: 'planned',
      ...far,
    });
    const r = await street.post('/api/v1/coverage/circle/recompute', {});
    assert.equal(r.statusCode, 200, r.body);
  });
  after(() => stopBrowserEnv({ env, browser }));

  for (const locale of ['zh-CN', 'en-US'] as const)
    test(`a street officer reads coverage, the circle and the map (${locale})`, async () => {
      const page = await openAs({ env, browser, base }, 'street', locale);
      await page.getByTestId('menu-coverage').click();
      await page.getByTestId('coverage-rates').locator('tr.ant-table-row').first().waitFor();
      await page.getByTestId('coverage-bars').locator('canvas').waitFor();
      await page.getByTestId('coverage-circle-table').locator('tr.ant-table-row').first().waitFor();
      await page.getByTestId('coverage-map').locator('canvas').waitFor();
      await page.getByTestId('coverage-outside').locator('tr.ant-table-row').first().waitFor();
      await page.getByTestId('coverage-suggestions').locator('tr.ant-table-row').first().waitFor();
      const totals = await page.getByTestId('coverage-totals').innerText();
      assert.match(totals, locale === 'zh-CN' ? /覆盖率/ : /Coverage rate/);
      // The map's data as a table, for screen readers; its positions are the rounded ones.
      await page.getByTestId('coverage-map-table').locator('summary').click();
      await page.getByTestId('coverage-map-table').locator('tr.ant-table-row').first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], `coverage dashboard ${locale}`);

      const recomputed = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/v1/coverage/circle/recompute',
      );
      await page.getByTestId('coverage-recompute').click();
      assert.equal((await recomputed).status(), 200);

      // A community's row opens its elders (no deeper coverage level).
      assert.equal(await page.getByTestId('coverage-drill').count(), 0);
      assert.ok((await page.getByTestId('coverage-elders').count()) > 0);
      await page.context().close();
    });

  test('the bureau drills down from the district to a street', async () => {
    const page = await openAs({ env, browser, base }, 'admin', 'zh-CN');
    await page.getByTestId('menu-coverage').click();
    const drill = page.getByTestId('coverage-drill').first();
    await drill.waitFor();
    const street = await drill.innerText();
    await drill.click();
    await page.getByTestId('coverage-elders').first().waitFor();
    assert.ok((await page.locator('#coverage-title').innerText()).includes(street));
    // The pointer left where the link was would hover the new table's first link (a lighter colour).
    await page.mouse.move(0, 0);
    assert.deepEqual(await seriousViolations(page), [], 'coverage of a street');
    await page.context().close();
  });
});
