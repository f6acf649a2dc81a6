import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { ComplaintService } from './feedback.service.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const HOUR = 3_600_000;

/**
 * Complaints and return visits (issue 15 §7, decision 027) on the demo district: the elder files from the
 * phone, the community passes it to the provider, the provider answers, the community closes after calling
 * back; an unanswered one escalates; the centre samples verified visits and records the calls.
 */
for (const target of await dbTargets()) {
  describe(`complaints and return visits (${target.name})`, () => {
    let env: TestEnv;
    const c: Record<string, Client> = {};
    let elderId: string;
    let providerOrgId: string;
    let providerOrderId: string;

    before(async () => {
      env = await startTestEnv(target);
      for (const u of ['elder', 'community', 'provider', 'admin', 'hotline', 'caregiver'])
        c[u] = await env.login(u);
      elderId = ((await c.elder!.get('/api/v1/elders')).json() as Json).items[0].id;
      providerOrgId = ((await c.provider!.get('/api/v1/me')).json() as Json).organisationId;
      const orders = ((await c.provider!.get('/api/v1/orders?limit=50')).json() as Json).items as Json[];
      providerOrderId = orders.find((o) => o.providerId === providerOrgId)!.id;
      // The demo elder lives in one of the district's villages, never the demo community: its worker is the outsider.
      const home = ((await c.elder!.get(`/api/v1/elders/${elderId}`)).json() as Json).regionCode;
      assert.notEqual(home, ((await c.community!.get('/api/v1/me')).json() as Json).regionCode);
    });
    after(() => env?.close());

    const file = async (who: Client, body: Json) => {
      const res = await who.post('/api/v1/complaints', body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as Json;
    };
    const cmd = (who: Client, id: string, command: string, body: Json) =>
      who.post(`/api/v1/complaints/${id}/${command}`, body);

    test('the elder files on the phone; the bureau passes it on, the provider answers, the bureau closes', async () => {
      const filed = await file(c.elder!, {
        elderId,
        category: 'attitude',
        channel: 'hotline', // ignored: an elder's own complaint comes from the app
        description: '护理员说话不耐烦，希望换人。',
        complainantName: '冒名',
      });
      assert.equal(filed.channel, 'app');
      assert.equal(filed.status, 'received');
      assert.notEqual(filed.complainantName, '冒名');
      assert.deepEqual(filed.commands, []);
      const hours = (Date.parse(filed.dueAt) - Date.parse(filed.createdAt)) / HOUR;
      assert.equal(hours, 72);
      assert.ok(
        ((await c.elder!.get('/api/v1/complaints')).json() as Json).items.some(
          (x: Json) => x.id === filed.id,
        ),
      );

      // The elder cannot handle it, the provider cannot see it before it is passed on.
      assert.equal((await cmd(c.elder!, filed.id, 'respond', { response: '我自己处理了' })).statusCode, 403);
      assert.equal((await c.provider!.get(`/api/v1/complaints/${filed.id}`)).statusCode, 404);
      assert.equal((await c.community!.get(`/api/v1/complaints/${filed.id}`)).statusCode, 404);

      const centre = ((await c.admin!.get(`/api/v1/complaints/${filed.id}`)).json() as Json).commands;
      assert.deepEqual(centre, ['assign', 'respond']);
      const assigned = await cmd(c.admin!, filed.id, 'assign', {
        organisationId: providerOrgId,
        note: '请核实',
      });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal((assigned.json() as Json).status, 'assigned');

      const seen = (await c.provider!.get(`/api/v1/complaints/${filed.id}`)).json() as Json;
      assert.deepEqual(seen.commands, ['respond']);
      const answered = await cmd(c.provider!, filed.id, 'respond', {
        response: '已约谈护理员并当面道歉。',
        correctiveAction: '本月复训服务礼仪',
      });
      assert.equal(answered.statusCode, 200, answered.body);
      const closeByProvider = await cmd(c.provider!, filed.id, 'close', { satisfaction: 'satisfied' });
      assert.equal(closeByProvider.statusCode, 403);
      assert.equal((closeByProvider.json() as Json).code, 'complaint.provider_cannot_close');

      const closed = await cmd(c.admin!, filed.id, 'close', { satisfaction: 'satisfied', note: '回访满意' });
      assert.equal(closed.statusCode, 200, closed.body);
      const done = closed.json() as Json;
      assert.equal(done.status, 'closed');
      assert.deepEqual(
        done.timeline.map((e: Json) => e.action),
        ['filed', 'assigned', 'responded', 'closed'],
      );
      const again = await cmd(c.admin!, filed.id, 'close', { satisfaction: 'satisfied' });
      assert.equal(again.statusCode, 409);
    });

    test('a seat takes a complaint about an order: provider and caregiver follow, the number is masked', async () => {
      const filed = await file(c.hotline!, {
        orderId: providerOrderId,
        category: 'safety',
        description: '助浴时浴室地面湿滑没有处理。',
        complainantName: '李女士',
        complainantPhone: '13912345678',
      });
      assert.equal(filed.channel, 'hotline');
      assert.equal(filed.providerId, providerOrgId);
      assert.equal(filed.complainantPhoneMasked, '139****5678');
      assert.equal((Date.parse(filed.dueAt) - Date.parse(filed.createdAt)) / HOUR, 24);
    });

    test('bad input: a short description, no subject, an unknown category, someone else’s elder', async () => {
      const short = await c.admin!.post('/api/v1/complaints', {
        elderId,
        category: 'attitude',
        description: '差',
      });
      assert.equal(short.statusCode, 400);
      assert.equal((short.json() as Json).errors[0].pointer, '/body/description');
      const none = await c.admin!.post('/api/v1/complaints', {
        category: 'attitude',
        description: '没有说是谁',
      });
      assert.equal(none.statusCode, 422);
      assert.deepEqual(
        [(none.json() as Json).errors[0].pointer, (none.json() as Json).errors[0].code],
        ['/body/orderId', 'complaint.subject_required'],
      );
      const kind = await c.admin!.post('/api/v1/complaints', {
        elderId,
        category: 'weather',
        description: '天气不好',
      });
      assert.equal(kind.statusCode, 400);
      assert.equal((kind.json() as Json).errors[0].pointer, '/body/category');
      const other = await c.community!.post('/api/v1/complaints', {
        elderId,
        category: 'attitude',
        description: '别人的老人',
      });
      assert.equal(other.statusCode, 422);
      assert.equal((await c.caregiver!.get('/api/v1/complaints')).statusCode, 403);
    });

    test('unanswered past the deadline it goes to the street, past twice the deadline to the district', async () => {
      const filed = await file(c.admin!, {
        elderId,
        category: 'privacy',
        description: '护理员把老人的照片发到了群里。',
      });
      const at = (h: number) =>
        new ComplaintService({
          ...env.platform,
          now: () => new Date(Date.parse(filed.createdAt) + h * HOUR),
        });
      await at(23).escalate();
      const level = async () =>
        ((await c.admin!.get(`/api/v1/complaints/${filed.id}`)).json() as Json).escalationLevel;
      assert.equal(await level(), 0);
      await at(25).escalate();
      assert.equal(await level(), 1);
      await at(30).escalate();
      assert.equal(await level(), 1);
      await at(49).escalate();
      const d = (await c.admin!.get(`/api/v1/complaints/${filed.id}`)).json() as Json;
      assert.equal(d.escalationLevel, 2);
      assert.deepEqual(
        d.timeline.map((e: Json) => e.action),
        ['filed', 'escalated_street', 'escalated_district'],
      );
    });

    test('return visits: a sample of verified visits, never twice; a call with a complaint; bad input', async () => {
      const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
      const from = new Date(Date.now() - 30 * 24 * HOUR).toISOString().slice(0, 10);
      const before = ((await c.admin!.get('/api/v1/return-visits?limit=200')).json() as Json).items.length;
      const first = await c.admin!.post('/api/v1/return-visits/sample', { from, to: today, share: 1 });
      assert.equal(first.statusCode, 200, first.body);
      const s = first.json() as Json;
      assert.equal(s.sampled, s.population);
      const second = (
        await c.admin!.post('/api/v1/return-visits/sample', { from, to: today, share: 1 })
      ).json();
      assert.deepEqual(second, { population: 0, sampled: 0 });
      const list = ((await c.admin!.get('/api/v1/return-visits?status=pending')).json() as Json)
        .items as Json[];
      assert.equal(
        ((await c.admin!.get('/api/v1/return-visits?limit=200')).json() as Json).items.length,
        before + s.sampled,
      );
      const rv = list[0]!;
      const missing = await c.admin!.post(`/api/v1/return-visits/${rv.id}/record`, { reached: true });
      assert.equal(missing.statusCode, 422);
      assert.equal((missing.json() as Json).errors[0].pointer, '/body/result');
      const order = await c.admin!.post('/api/v1/return-visits/sample', { from: today, to: from, share: 1 });
      assert.equal((order.json() as Json).errors[0].pointer, '/body/from');

      const recorded = await c.admin!.post(`/api/v1/return-visits/${rv.id}/record`, {
        reached: true,
        serviceHappened: true,
        result: 'dissatisfied',
        note: '老人说时间不够',
        complaint: { category: 'service_quality', description: '回访发现服务时间不足约定时长。' },
      });
      assert.equal(recorded.statusCode, 200, recorded.body);
      const r = recorded.json() as Json;
      assert.equal(r.status, 'done');
      const complaint = (await c.admin!.get(`/api/v1/complaints/${r.complaintId}`)).json() as Json;
      assert.equal(complaint.channel, 'return_visit');
      assert.equal(complaint.orderId, rv.orderId);
      const twice = await c.admin!.post(`/api/v1/return-visits/${rv.id}/record`, { reached: false });
      assert.equal(twice.statusCode, 422);
      assert.equal((twice.json() as Json).errors[0].code, 'returnVisit.already_recorded');
    });
  });
}
