import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestEnv } from '../server/test/harness.ts';
import {
  chromiumMissing,
  seriousViolations,
  signIn as signInAt,
  startBrowserEnv,
  stopBrowserEnv,
} from './browser.ts';

/**
 * An assessment season day in one test (issue 4, decision 006): a community
 * worker's request is recorded, the agency lead assigns two assessors in the console, the
 * assessor fills the GB/T 42195 form on a tablet — part of it offline — and
 * sees it sync, submits, signs, the partner co-signs on the same tablet, the
 * PDF report opens and the level is on the elder. axe-core on console and tablet.
 */
const skip = chromiumMissing();
const PASSWORD = 'Yiyang@2026';
const TABLET = { width: 800, height: 1280 };

describe('ability assessment end to end', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let assessmentId = '';
  let elderId = '';

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
  });
  after(() => stopBrowserEnv({ env, browser }));

  async function context(viewport = { width: 1366, height: 900 }): Promise<BrowserContext> {
    return browser.newContext({
      reducedMotion: 'reduce',
      locale: 'zh-CN',
      viewport,
      serviceWorkers: 'allow',
    });
  }
  const consoleSignIn = (page: Page, username: string) =>
    signInAt(page, base, username, { password: PASSWORD });
  /** JSON through the page's own session (cookie + CSRF token). */
  async function call<T>(
    page: Page,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: T }> {
    return page.evaluate(
      async ({ method, path, body }) => {
        const me = await (await fetch('/api/v1/me')).json();
        const res = await fetch(`/api/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : null };
      },
      { method, path, body },
    ) as Promise<{ status: number; json: T }>;
  }

  test('a bureau admin applies for an elder on a community worker’s request', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await consoleSignIn(page, 'admin');
    // An elder never assessed (the demo seed assesses some).
    const elders = await call<{ items: { id: string }[] }>(page, 'GET', '/elders?limit=20');
    for (const e of elders.json.items) {
      const h = await call<{ items: unknown[] }>(page, 'GET', `/elders/${e.id}/assessments`);
      if (h.json.items.length === 0) {
        elderId = e.id;
        break;
      }
    }
    assert.ok(elderId, 'an elder without assessments');
    // The registry knows the elder's education (primary school); the assessors will record otherwise.
    const detail = await call<{ version: number }>(page, 'GET', `/elders/${elderId}`);
    const edu = await call(page, 'PATCH', `/elders/${elderId}`, {
      version: detail.json.version,
      reason: '入户核实',
      education: 'primary',
    });
    assert.equal(edu.status, 200, JSON.stringify(edu.json));
    const res = await call<{ id: string; status: string }>(page, 'POST', '/assessments', {
      elderId,
      reason: 'initial',
      source: 'cadre',
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assessmentId = res.json.id;
    assert.equal(res.json.status, 'applied');
    await ctx.close();
  });

  test('the agency lead assigns two assessors in the console (axe clean)', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await consoleSignIn(page, 'lead');
    await page.getByTestId('menu-assessments').click();
    await page.getByTestId('assessment-table').waitFor();
    await page.locator('[data-testid="assessment-open"]').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'queue');

    await page.goto(`${base}/assessments/${assessmentId}`);
    await page.getByTestId('assessment-detail').waitFor();
    await page.getByTestId('assessment-assign').click();
    const modal = page.getByTestId('assign-form');
    await modal.waitFor();
    // The lead's own agency is preselected.
    await modal.getByTestId('assign-agency').getByText('老年人能力评估中心').waitFor();
    // The expired certificate is visible before anything is sent.
    await page.getByTestId('assign-assessor-assessor3').waitFor();
    assert.match(await page.getByTestId('assign-assessor-assessor3').innerText(), /已过期/);
    // One assessor only: the form refuses before the server is asked.
    await page.getByTestId('assign-assessor-assessor').click();
    await page.getByTestId('assign-submit').click();
    await modal.getByText('请选择两名不同的评估员').waitFor();
    // An expired certificate: the server's 422 lands under the assessor list.
    await page.getByTestId('assign-assessor-assessor3').click();
    await page.getByTestId('assign-submit').click();
    await modal.locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('assign-assessor-assessor3').click();
    await page.getByTestId('assign-assessor-assessor2').click();
    await page.getByTestId('assign-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('assessment-status').getByText('已分派').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'detail');
    await ctx.close();
  });

  test('the assessor fills the form on a tablet, partly offline, submits, signs; the partner co-signs', async () => {
    const ctx = await context(TABLET);
    const page = await ctx.newPage();
    await page.goto(`${base}/m/login`);
    await page.getByTestId('m-login-username').fill('assessor');
    await page.getByTestId('m-login-password').fill(PASSWORD);
    await page.getByTestId('m-login-submit').click();
    await page.getByTestId('m-tile-assessments').click();
    const item = page
      .getByTestId('m-assessment-item')
      .filter({ has: page.getByTestId('m-assessment-download') })
      .first();
    await item.getByTestId('m-assessment-download').click();
    await item.getByTestId('m-assessment-open').click();
    await page.getByTestId('m-form-page-A.1').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'tablet form');

    // Appendix A: only what the change rules read is required; no events, no coma.
    await page.getByTestId('m-page-A.2').click();
    // Appendix A comes prefilled from the registry.
    assert.notEqual(await page.getByTestId('m-field-A.2.1').inputValue(), '', 'name prefilled');
    assert.equal(await page.getByTestId('m-opt-A.2.9-primary').getAttribute('aria-checked'), 'true');
    // The elder finished senior school: a field to apply to the registry in the console review.
    await page.getByTestId('m-opt-A.2.9-senior_high').click();
    for (const row of ['fall', 'wandering', 'choking', 'suicide_self_harm', 'other'])
      await page.getByTestId(`m-opt-A.2.14-${row}-0`).click();
    await page.getByTestId('m-page-A.5').click();
    await page.getByTestId('m-opt-A.5.11-no').click();

    // B.1 online, then the network goes away for B.2–B.4.
    const pick = async (dimension: string, values: Record<string, string>) => {
      await page.getByTestId(`m-page-${dimension}`).click();
      for (const [code, v] of Object.entries(values)) await page.getByTestId(`m-opt-${code}-${v}`).click();
    };
    await pick(
      'B.1',
      Object.fromEntries(
        ['B.1.1', 'B.1.2', 'B.1.3', 'B.1.4', 'B.1.5', 'B.1.6', 'B.1.7', 'B.1.8'].map((c) => [c, '2']),
      ),
    );
    await page.locator('[data-testid="m-sync-state"][data-state="synced"]').waitFor();

    await ctx.setOffline(true);
    await page.locator('[data-testid="m-sync-state"][data-state="offline"]').waitFor();
    await pick('B.2', { 'B.2.1': '2', 'B.2.2': '2', 'B.2.3': '2', 'B.2.4': '1' });
    // The tablet is reloaded without network: the shell comes from the service worker,
    // the answers from IndexedDB (once the last tap is stored there).
    await page.waitForFunction(
      (id) =>
        new Promise<boolean>((resolve) => {
          const req = indexedDB.open('yiyang-offline');
          req.onsuccess = () => {
            const get = req.result.transaction('assessments').objectStore('assessments').get(id);
            get.onsuccess = () => resolve(get.result?.draft?.answers?.['B.2.4'] === '1');
            get.onerror = () => resolve(false);
          };
          req.onerror = () => resolve(false);
        }),
      assessmentId,
    );
    await page.reload();
    await page.getByTestId('m-form-page-A.1').waitFor();
    await page.getByTestId('m-page-B.2').click();
    assert.equal(await page.getByTestId('m-opt-B.2.4-1').getAttribute('aria-checked'), 'true');
    await pick(
      'B.3',
      Object.fromEntries(['B.3.1', 'B.3.2', 'B.3.3', 'B.3.4', 'B.3.5', 'B.3.6'].map((c) => [c, '2'])),
    );
    // Leave B.3.7–B.3.9 and B.4 for the review page's jump list.
    await page.getByTestId('m-page-review').click();
    await page.getByTestId('m-missing-list').waitFor();
    assert.equal(
      await page.getByTestId('m-submit').isDisabled(),
      true,
      'incomplete forms cannot be submitted',
    );
    await page.getByTestId('m-missing-B.3.7').click();
    await page.getByTestId('m-form-page-B.3').waitFor();
    await page.getByTestId('m-opt-B.3.7-1').click();
    await page.getByTestId('m-opt-B.3.8-1').click();
    await page.getByTestId('m-opt-B.3.9-2').click();
    await pick('B.4', { 'B.4.1': '2', 'B.4.2': '2', 'B.4.3': '2', 'B.4.4': '1', 'B.4.5': '2' });
    // Still offline: everything is on the device.
    await page.locator('[data-testid="m-sync-state"][data-state="offline"]').waitFor();

    await ctx.setOffline(false);
    await page.locator('[data-testid="m-sync-state"][data-state="synced"]').waitFor({ timeout: 15_000 });
    const lead = await context();
    const leadPage = await lead.newPage();
    await consoleSignIn(leadPage, 'lead');
    const synced = await call<{ answers: Record<string, string>; clientSavedAt: string }>(
      leadPage,
      'GET',
      `/assessments/${assessmentId}`,
    );
    assert.equal(Object.keys(synced.json.answers).length, 26, 'the offline answers reached the server');
    assert.ok(synced.json.clientSavedAt, 'with the device time');

    // The partner saved from another device meanwhile: 409 → both copies shown → keep mine.
    const partner = await context();
    const partnerPage = await partner.newPage();
    await consoleSignIn(partnerPage, 'assessor2');
    const current = await call<{ revision: number; answers: Record<string, string> }>(
      partnerPage,
      'GET',
      `/assessments/${assessmentId}`,
    );
    const put = await call(partnerPage, 'PUT', `/assessments/${assessmentId}/form`, {
      baseRevision: current.json.revision,
      clientSavedAt: new Date().toISOString(),
      answers: { ...current.json.answers, 'B.4.5': '3' },
    });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    await partner.close();
    await page.getByTestId('m-page-B.4').click();
    await page.getByTestId('m-opt-B.4.5-1').click();
    await page.getByTestId('m-opt-B.4.5-2').click();
    await page.getByTestId('m-conflict').waitFor();
    assert.match(await page.getByTestId('m-conflict').innerText(), /B\.4\.5/);
    assert.deepEqual(await seriousViolations(page), [], 'conflict view');
    await page.getByTestId('m-conflict-mine').click();
    await page.getByTestId('m-conflict').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="m-sync-state"][data-state="synced"]').waitFor();

    // Submit: the server scores. B.1 16 + B.2 7 + B.3 16 + B.4 9 = 48 → 中度失能.
    await page.getByTestId('m-page-review').click();
    await page.getByTestId('m-submit').click();
    await page.getByTestId('m-assessment-result').waitFor();
    assert.equal(await page.getByTestId('m-result-total').innerText(), '48');
    assert.match(await page.getByTestId('m-result-level').innerText(), /中度/);

    await page.getByTestId('m-sign-self').click();
    await page.getByTestId('m-signed-self').waitFor();
    await page.getByTestId('m-cosign-username').fill('assessor2');
    await page.getByTestId('m-cosign-password').fill(PASSWORD);
    await page.getByTestId('m-cosign-submit').click();
    await page.getByTestId('m-assessment-published').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'tablet result');
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('yiyang-offline');
          req.onsuccess = () => {
            const r = req.result.transaction('assessments').objectStore('assessments').count();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    assert.equal(left, 0, 'the local copy is deleted after publishing');

    // The report opens as a PDF; the level is on the elder.
    const pdf = await leadPage.evaluate(async (id) => {
      const res = await fetch(`/api/v1/assessments/${id}/report.pdf`);
      return { status: res.status, type: res.headers.get('content-type') };
    }, assessmentId);
    assert.equal(pdf.status, 200);
    assert.match(pdf.type ?? '', /application\/pdf/);
    await leadPage.goto(`${base}/assessments/${assessmentId}`);
    await leadPage.getByTestId('assessment-report').waitFor();
    await leadPage.getByTestId('assessment-result').waitFor();
    assert.match(await leadPage.getByTestId('assessment-final-level').innerText(), /中度/);
    const history = await call<{ items: { level: number | null; status: string }[] }>(
      leadPage,
      'GET',
      `/elders/${elderId}/assessments`,
    );
    assert.equal(history.json.items[0]!.status, 'published');
    assert.equal(history.json.items[0]!.level, 2);
    const elder = await call<{ tags: { code: string }[] }>(leadPage, 'GET', `/elders/${elderId}`);
    assert.ok(
      elder.json.tags.some((t) => t.code === 'semi_disabled'),
      'levels 1–2 become the 半失能 tag',
    );
    await lead.close();
    await ctx.close();
  });

  test('the elder shows the level over time; the bureau disputes the result and a re-review is created', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await consoleSignIn(page, 'admin');
    // The elder drawer shows the assessment history and the level over time.
    await page.goto(`${base}/elders`);
    await page.locator('[data-testid="elder-open"]').first().click();
    await page.getByTestId('elder-tab-assessments').click();
    await page.getByTestId('elder-assessments').getByText('已发布').waitFor();
    await page.getByTestId('elder-level-chart').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'elder assessments tab');

    // Due/overdue list and statistics of the region.
    // The due list's answer is held back 1 s: rows or 暂无数据 are its answer, never the loading table
    // (antd drew 暂无数据 under the spinner for `[]`; the wait matched it and axe checked a list still loading).
    const isDue = (url: URL) => url.pathname === '/api/v1/assessments/due';
    let held = 0;
    await page.route(isDue, async (route) => {
      held++;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue().catch(() => {});
      held--;
    });
    await page.goto(`${base}/assessments/due`);
    await page.getByTestId('due-table').locator('.ant-table-row, .ant-empty').first().waitFor();
    assert.equal(held, 0, 'the due list showed 暂无数据 while its answer was still held back');
    await page.unroute(isDue);
    assert.deepEqual(await seriousViolations(page), [], 'due list');
    await page.getByTestId('assessment-tab-stats').click();
    await page.getByTestId('stats-by-level').waitFor();
    assert.match(await page.getByTestId('stats-by-level').innerText(), /中度失能/);
    assert.deepEqual(await seriousViolations(page), [], 'statistics');

    // The page's re-read of the assessment after the dispute is held back 1.5 s, every time: the dialog
    // must not close before the page shows the disputed record (issue 12, item 6: it closed at once and
    // left the published page, still offering 对结果有异议, until the re-read came back).
    const isDetail = (url: URL) => url.pathname === `/api/v1/assessments/${assessmentId}`;
    let sent = false;
    await page.route(isDetail, async (route) => {
      if (sent) await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(`${base}/assessments/${assessmentId}`);
    await page.getByTestId('assessment-dispute').click();
    await page.getByTestId('assessment-dispute-modal-reason').fill('家属认为自理能力评分偏低');
    // The step waits on the dispute's own answer, so a submit that sent nothing fails here, saying so.
    const answered = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' && /\/assessments\/[^/]+\/dispute$/.test(new URL(r.url()).pathname),
    );
    sent = true;
    await page.getByTestId('assessment-dispute-modal-submit').click();
    const answer = await answered;
    assert.equal(answer.status(), 200, `dispute answered ${answer.status()}: ${await answer.text()}`);
    // The dialog closes on a settled page: the new status, and no second dispute offered.
    const refused = page.locator('.ant-modal').locator('.ant-alert-error, .ant-form-item-explain-error');
    await page
      .getByTestId('assessment-dispute-modal')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(async (e: unknown) => {
        throw new Error(`dispute refused: ${(await refused.allInnerTexts()).join(' | ')}`, { cause: e });
      });
    assert.equal(
      await page.getByTestId('assessment-status').innerText(),
      '有异议',
      'status as the dialog closed',
    );
    assert.equal(await page.getByTestId('assessment-dispute').count(), 0, 'the dispute still offered');
    await page.unroute(isDetail);
    const history = await call<{ items: { reason: string; status: string }[] }>(
      page,
      'GET',
      `/elders/${elderId}/assessments`,
    );
    assert.ok(history.json.items.some((i) => i.reason === 'dispute' && i.status === 'applied'));
    await ctx.close();
  });

  test('the console review applies the changed Appendix A field to the registry (a new version)', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await consoleSignIn(page, 'admin');
    const before = await call<{ version: number; education: string | null }>(
      page,
      'GET',
      `/elders/${elderId}`,
    );
    assert.equal(before.json.education, 'primary');
    await page.goto(`${base}/assessments/${assessmentId}`);
    const settled = () =>
      page.waitForFunction(() => !document.querySelector('[class*="-appear"], [class*="-enter"]'));
    await page.getByTestId('assessment-basic-review').click();
    const changes = page.getByTestId('basic-changes');
    await changes.waitFor();
    const rows = changes.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 1, await changes.innerText());
    assert.match(await rows.first().innerText(), /A\.2\.9[\s\S]*小学[\s\S]*高中/);
    // Checked once the modal has finished zooming in (mid-animation colours are not the real ones).
    await settled();
    assert.deepEqual(await seriousViolations(page), [], 'Appendix A review');
    await page.getByTestId('basic-apply').click();
    assert.match(await page.getByTestId('basic-confirm-list').innerText(), /A\.2\.9/);
    await settled();
    await page.getByTestId('basic-confirm-ok').click();
    await changes.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async (e: unknown) => {
      throw new Error(`review still open: ${await page.locator('.ant-modal').allInnerTexts()}`, { cause: e });
    });
    const after = await call<{ version: number; education: string | null }>(
      page,
      'GET',
      `/elders/${elderId}`,
    );
    assert.equal(after.json.education, 'senior_secondary');
    assert.equal(after.json.version, before.json.version + 1);
    const versions = await call<{ items: { version: number; reason: string | null }[] }>(
      page,
      'GET',
      `/elders/${elderId}/history`,
    );
    assert.ok(versions.json.items.some((v) => v.version === after.json.version));
    await ctx.close();
  });
});
