import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Client, TestEnv } from '../server/test/harness.ts';
import { cnIdCheckChar as checkChar } from '../server/src/modules/elder/idNumber.ts';
import {
  chromiumMissing,
  seriousViolations,
  openAs,
  startBrowserEnv,
  stopBrowserEnv,
  watchErrors,
} from './browser.ts';

/**
 * Issue 13 item 1: what the 变更记录 and the audit log show are labels in the user's language, never the
 * codes behind them (field keys, vocabularies, booleans, region codes, audit actions, ids).
 */
const skip = chromiumMissing();

const first17 = '50022219440715123';
const ID = first17 + checkChar(first17);
const REASON = '核查低保材料 audit-e2e';

/** Codes that must never reach the screen. */
const RAW = [
  /senior_party_member/,
  /subsistence_allowance/,
  /validFrom/,
  /householdLocal/,
  /economicSources/,
  /\bpension\b/,
  /\btrue\b|\bfalse\b/,
  /\bjunior_secondary\b/,
  /mayActFor|isGuardian/,
  /\bdaughter\b/,
  /\{"/,
  /(?<!\d)\d{12}(?!\d)/,
  /auth\.login/,
  /elder\.view_sensitive/,
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
];
const rawIn = (text: string) => RAW.filter((r) => r.test(text)).map(String);

describe('labels, not codes (变更记录 and 审计日志)', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let admin: Client;
  let elderId: string;

  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
    admin = await env.login('admin');
    const community = (await (await env.login('community')).get('/api/v1/me')).json().regionCode;
    const village = (await (await env.login('village')).get('/api/v1/me')).json().regionCode;
    const created = await admin.post('/api/v1/elders', {
      name: '标签测试',
      idType: 'resident_id',
      idNumber: ID,
      regionCode: community,
      householdLocal: true,
      economicSources: ['pension'],
    });
    assert.equal(created.statusCode, 201, created.body);
    elderId = created.json().id;
    // An edit of every kind the 变更记录 shows: fields, tags, a family member; then a reveal with a reason.
    const edit = await admin.patch(`/api/v1/elders/${elderId}`, {
      version: created.json().version,
      reason: '入户核实后更正',
      regionCode: village,
      householdLocal: false,
      economicSources: ['pension', 'family_support'],
      education: 'junior_secondary',
      health: { chronicDiseases: ['I10'], allergies: [], medications: [], familyDoctor: { signed: true } },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const tags = await admin.request('PUT', `/api/v1/elders/${elderId}/tags`, {
      tags: [
        { code: 'senior_party_member', validFrom: '2024-07-01' },
        { code: 'subsistence_allowance', validFrom: '2025-01-01', validTo: '2025-12-31' },
      ],
      reason: '民政核定',
    });
    assert.equal(tags.statusCode, 200, tags.body);
    const family = await admin.post(`/api/v1/elders/${elderId}/family`, {
      name: '王小红',
      relationship: 'daughter',
      mayActFor: true,
    });
    assert.equal(family.statusCode, 201, family.body);
    const reveal = await admin.post(`/api/v1/elders/${elderId}/reveal`, {
      fields: ['idNumber'],
      reason: REASON,
    });
    assert.equal(reveal.statusCode, 200, reveal.body);
  });
  after(() => stopBrowserEnv({ env, browser }));

  const open = (locale: 'zh-CN' | 'en-US'): Promise<Page> => openAs({ env, browser, base }, 'admin', locale);

  const words = {
    'zh-CN': { tag: '老党员', no: '否', action: '登录', reveal: '查看敏感信息', daughter: '女儿' },
    'en-US': {
      tag: 'Senior party member',
      no: 'No',
      action: 'Signed in',
      reveal: 'Viewed sensitive information',
      daughter: 'Daughter',
    },
  } as const;

  for (const locale of ['zh-CN', 'en-US'] as const) {
    test(`the 变更记录 after an edit shows labels (${locale})`, async () => {
      const page = await open(locale);
      const errors = watchErrors(page);
      await page.goto(`${base}/elders?elder=${elderId}`);
      const drawer = page.getByTestId('elder-drawer');
      await drawer.getByTestId('elder-tab-history').click();
      const history = drawer.getByTestId('elder-history');
      await history.getByText(words[locale].tag).first().waitFor();
      await history.getByText(words[locale].daughter).first().waitFor();
      // Region names arrive from the region lookup: wait until none is loading.
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="elder-history"]')?.textContent?.includes('…'),
      );
      const text = await history.innerText();
      assert.deepEqual(rawIn(text), [], text);
      assert.ok(text.includes(words[locale].no), 'booleans in words');
      assert.ok(text.includes('民政局管理员') && !/· admin\b/.test(text), 'who changed it, by name');
      assert.deepEqual(await seriousViolations(page), [], 'history tab');
      errors.none('history tab');
      await page.context().close();
    });

    test(`the audit log shows labels, names and the reveal reason; filters by label (${locale})`, async () => {
      const page = await open(locale);
      const errors = watchErrors(page);
      await page.goto(`${base}/audit`);
      const table = page.getByTestId('audit-table');
      await table.getByText(REASON).first().waitFor();
      await table.getByText(words[locale].action, { exact: true }).first().waitFor();
      const text = await table.innerText();
      assert.deepEqual(rawIn(text), [], text);
      assert.deepEqual(await seriousViolations(page), [], 'audit log');
      // The action filter offers labels and sends the code.
      const filtered = page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === '/api/v1/audit-events' &&
          new URL(r.url()).searchParams.get('action') === 'elder.view_sensitive',
      );
      await page.getByTestId('audit-action-filter').click();
      await page.keyboard.type(words[locale].reveal.slice(0, 6));
      await page.locator('.ant-select-item-option', { hasText: words[locale].reveal }).first().click();
      assert.equal((await filtered).status(), 200);
      await table.getByText(REASON).first().waitFor();
      const rows = await table.locator('tr.ant-table-row').allInnerTexts();
      assert.ok(rows.length >= 1 && rows.every((r) => r.includes(words[locale].reveal)), rows.join('\n'));
      assert.deepEqual(await seriousViolations(page), [], 'audit log filtered');
      errors.none('audit log');
      await page.context().close();
    });
  }
});
