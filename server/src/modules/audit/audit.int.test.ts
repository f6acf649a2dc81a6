import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@yiyang/contracts';
import type { AuditEvent } from '@yiyang/contracts';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';

/**
 * Issue 13 item 1: the audit log names people, objects and regions (not ids and codes), carries the
 * reveal reason, and filters by actor, region and date as the console's pickers send them.
 */
for (const target of await dbTargets()) {
  describe(`audit log, readable (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let community: Client;
    let me: { id: string; displayName: string; regionCode: string };
    let boss: { id: string; displayName: string };
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      community = await env.login('community');
      me = (await community.get('/api/v1/me')).json();
      boss = (await admin.get('/api/v1/me')).json();
    });
    after(() => env?.close());

    const page = async (c: Client, query: string): Promise<AuditEvent[]> => {
      const res = await c.get(`/api/v1/audit-events?limit=200${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items;
    };

    test('a reveal shows who, the elder by masked name, the region by name and the reason', async () => {
      const elder = (await admin.get('/api/v1/elders?limit=1')).json().items[0];
      const reason = '核实低保申请材料';
      const res = await admin.post(`/api/v1/elders/${elder.id}/reveal`, {
        fields: ['name', 'idNumber'],
        reason,
      });
      assert.equal(res.statusCode, 200, res.body);
      const [e] = await page(admin, `&action=elder.view_sensitive&actorUserId=${boss.id}`);
      assert.ok(e);
      assert.equal(e.actorUserId, boss.id);
      assert.equal(e.actorDisplayName, boss.displayName);
      assert.equal(e.entityName, elder.nameMasked);
      assert.notEqual(e.entityName, e.entityId);
      assert.equal(e.regionCode, elder.regionCode);
      assert.ok(e.regionName && !/\d{12}/.test(e.regionName));
      assert.equal(e.reason, reason);
      // The summary names the fields in words, not by their keys.
      assert.match(e.summary, /姓名、证件号码/);
      assert.doesNotMatch(e.summary, /idNumber/);
    });

    test('a user entry names the user; filters by actor, region and date', async () => {
      const logins = await page(admin, `&action=auth.login&actorUserId=${me.id}`);
      assert.ok(logins.length >= 1);
      for (const e of logins) {
        assert.equal(e.actorUserId, me.id);
        assert.equal(e.entityName, me.displayName);
      }
      const inRegion = await page(admin, `&regionCode=${me.regionCode}`);
      assert.ok(inRegion.length >= 1);
      for (const e of inRegion) assert.ok(e.regionCode?.startsWith(me.regionCode), e.regionCode ?? 'null');
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      assert.ok((await page(admin, `&from=${today}&to=${today}`)).length >= 1);
      assert.equal((await page(admin, `&to=2000-01-01`)).length, 0);
      const bad = await admin.get('/api/v1/audit-events?from=2026-02-30');
      assert.equal(bad.statusCode, 400);
    });

    test('every action and entity type the demo district wrote has a label', async () => {
      const all = await page(admin, '');
      assert.ok(all.length > 5);
      for (const e of all) {
        assert.ok(AUDIT_ACTION_LABELS[e.action], `no label for action ${e.action}`);
        assert.ok(AUDIT_ENTITY_LABELS[e.entityType], `no label for entity type ${e.entityType}`);
      }
    });
  });
}
