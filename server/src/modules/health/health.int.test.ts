import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { uniqueIdNumber } from '../../../test/builders.ts';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { alarms } from '../alarm/alarm.table.ts';
import { commitBatch } from '../device/device.ingest.ts';
import type { HealthService } from './health.service.ts';
import { healthAlerts, vitalSigns } from './health.table.ts';
import { recordDeviceSignals } from './health.vitals.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A fixed day (China time) for the rules' clock: 2026-11-10. */
const china = (hhmm: string, day = '2026-11-10') => new Date(`${day}T${hhmm}:00+08:00`);

/**
 * Health monitoring (issue 17 item 3, decision 031) on the demo district, the evaluator on an injected
 * clock: rules open alerts, a person verifies, escalates into an alarm or counts a false alert.
 */
for (const target of await dbTargets()) {
  describe(`health monitoring (${target.name})`, () => {
    let env: TestEnv;
    const c: Record<string, Client> = {};
    let community: string;
    let health: HealthService;

    before(async () => {
      env = await startTestEnv(target);
      for (const u of ['admin', 'hotline', 'community', 'village', 'street', 'inspector'])
        c[u] = await env.login(u);
      community = ((await c.community!.get('/api/v1/me')).json() as Json).regionCode;
      health = (env.services as unknown as { health: HealthService }).health;
    });
    after(() => env?.close());

    const newElder = async () => {
      const res = await c.admin!.post('/api/v1/elders', {
        name: '体征测试老人',
        idType: 'resident_id',
        idNumber: uniqueIdNumber('19440303'),
        regionCode: community,
        householdLocal: true,
      });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as Json).id as string;
    };
    const newRule = async (kind: string, params: Json = {}) => {
      const res = await c.street!.post('/api/v1/health-rules', {
        kind,
        name: `测试 ${kind}`,
        regionCode: community,
        params,
      });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as Json).id as string;
    };
    const alertsOf = async (ruleId: string, elderId: string) =>
      (
        await env.platform.db
          .select()
          .from(healthAlerts)
          .where(sql`${healthAlerts.ruleId} = ${ruleId} AND ${healthAlerts.elderId} = ${elderId}`)
      ).sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
    const events = (elderId: string, list: [string, Date][]) =>
      recordDeviceSignals(
        env.platform.db,
        env.platform,
        list.map(([type, at]) => ({
          channel: 'event',
          text: JSON.stringify({ type }),
          deviceId: crypto.randomUUID(),
          elderIds: [elderId],
          at,
        })),
      );
    const heartRates = (elderId: string, start: Date, values: number[]) =>
      recordDeviceSignals(
        env.platform.db,
        env.platform,
        values.map((v, i) => ({
          channel: 'telemetry',
          text: JSON.stringify({ heart_rate: v }),
          deviceId: crypto.randomUUID(),
          elderIds: [elderId],
          at: new Date(start.getTime() + i * MIN),
        })),
      );

    test('no movement since morning opens one alert; a person verifies it, then escalates it into an alarm', async () => {
      const elder = await newElder();
      const rule = await newRule('no_movement', { fromHour: 6, byHour: 10 });
      await events(elder, [['motion', china('21:30', '2026-11-09')]]);
      assert.equal((await health.evaluate(china('09:59'))) >= 0, true);
      assert.equal((await alertsOf(rule, elder)).length, 0, 'before the deadline nothing opens');
      await health.evaluate(china('10:01'));
      await health.evaluate(china('10:02'));
      const [alert, ...more] = await alertsOf(rule, elder);
      assert.equal(more.length, 0, 'idempotent: one alert per elder and rule');
      assert.equal(alert!.status, 'open');
      assert.equal(alert!.triggerAt.toISOString(), china('10:00').toISOString());
      assert.ok(!('lat' in alert!.evidence) && !('position' in alert!.evidence));
      // Escalating before anyone verified is refused.
      const early = await c.hotline!.post(`/api/v1/health-alerts/${alert!.id}/escalate`, {
        method: 'called_family',
      });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().code, 'health.verify_first');
      const claimed = await c.hotline!.post(`/api/v1/health-alerts/${alert!.id}/claim`, {});
      assert.equal(claimed.statusCode, 200, claimed.body);
      assert.equal(claimed.json().status, 'verifying');
      const esc = await c.hotline!.post(`/api/v1/health-alerts/${alert!.id}/escalate`, {
        method: 'called_family',
        note: '老人电话无人接听，家属也联系不上',
      });
      assert.equal(esc.statusCode, 200, esc.body);
      const view = esc.json() as Json;
      assert.equal(view.status, 'escalated');
      assert.equal(view.method, 'called_family');
      const [alarm] = await env.platform.db.select().from(alarms).where(eq(alarms.id, view.alarmId));
      assert.equal(alarm!.kind, 'health_alert');
      assert.equal(alarm!.source, 'health_alert');
      assert.deepEqual(alarm!.elderIds, [elder]);
      assert.equal(alarm!.lat, null);
      // The alert stays ended: the same morning opens nothing new.
      await health.evaluate(china('11:00'));
      assert.equal((await alertsOf(rule, elder)).length, 1);
    });

    test('a false alert is counted against its rule', async () => {
      const elder = await newElder();
      const rule = await newRule('no_water', { hours: 12 });
      await events(elder, [['water_flow', china('06:00')]]);
      await health.evaluate(china('17:59'));
      assert.equal((await alertsOf(rule, elder)).length, 0);
      await health.evaluate(china('18:01'));
      const [a] = await alertsOf(rule, elder);
      const res = await c.community!.post(`/api/v1/health-alerts/${a!.id}/resolve`, {
        outcome: 'false_alarm',
        method: 'called_elder',
        note: '老人去女儿家了',
      });
      assert.equal(res.statusCode, 200, res.body);
      const rules = (await c.street!.get('/api/v1/health-rules')).json() as Json;
      const mine = rules.items.find((r: Json) => r.id === rule);
      assert.deepEqual(
        { ...mine.counts },
        { alerts: 1, confirmed: 0, falseAlarms: 1, escalated: 0, pending: 0, falseRate: 1 },
      );
      const again = await c.community!.post(`/api/v1/health-alerts/${a!.id}/resolve`, {
        outcome: 'confirmed',
        method: 'visited',
      });
      assert.equal(again.statusCode, 409);
    });

    test('heart rate out of range for 5 minutes opens an alert; for 4 minutes it does not', async () => {
      const four = await newElder();
      const five = await newElder();
      const rule = await newRule('heart_rate_sustained', { minutes: 5 });
      const start = china('03:00');
      // 5 readings a minute apart (0..4 min) high, then normal: a 4-minute run.
      await heartRates(four, start, [130, 131, 128, 135, 129, 80]);
      await heartRates(five, start, [130, 131, 128, 135, 129, 133]);
      await health.evaluate(china('03:10'));
      assert.equal((await alertsOf(rule, four)).length, 0);
      const [a] = await alertsOf(rule, five);
      assert.equal(a!.triggerAt.toISOString(), start.toISOString());
      assert.equal(a!.evidence.flag, 'high');
      assert.ok(!JSON.stringify(a!.evidence).includes('130'), 'evidence holds no values');
    });

    test('a night-time bed exit not back in 20 minutes opens an alert; back in time, or by day, does not', async () => {
      const away = await newElder();
      const back = await newElder();
      const day = await newElder();
      const rule = await newRule('night_bed_exit', { fromHour: 22, toHour: 6, minutes: 20 });
      await events(away, [['bed_exit', china('02:00')]]);
      await events(back, [
        ['bed_exit', china('02:00')],
        ['bed_return', china('02:12')],
      ]);
      await events(day, [['bed_exit', china('14:00')]]);
      await health.evaluate(china('02:19'));
      assert.equal((await alertsOf(rule, away)).length, 0, 'not yet 20 minutes');
      await health.evaluate(china('02:21'));
      assert.equal((await alertsOf(rule, away)).length, 1);
      assert.equal((await alertsOf(rule, back)).length, 0);
      await health.evaluate(china('14:30'));
      assert.equal((await alertsOf(rule, day)).length, 0);
    });

    test('an elder’s own threshold overrides the default; the change is audited', async () => {
      const elder = await newElder();
      const rule = await newRule('vital_threshold', { kinds: ['heart_rate'] });
      // 105 is within the default (50–110) …
      const put = await c.street!.request('PUT', `/api/v1/elders/${elder}/health-thresholds/heart_rate`, {
        low: 50,
        high: 100,
      });
      assert.equal(put.statusCode, 200, put.body);
      const hr = put.json().items.find((t: Json) => t.kind === 'heart_rate');
      assert.deepEqual([hr.low, hr.high, hr.own, hr.default.high], [50, 100, true, 110]);
      const other = await newElder();
      const at = china('08:00').toISOString();
      for (const e of [elder, other]) {
        const res = await c.community!.post(`/api/v1/elders/${e}/vital-signs`, {
          kind: 'heart_rate',
          value: 105,
          measuredAt: at,
        });
        assert.equal(res.statusCode, 201, res.body);
      }
      const [mine] = await env.platform.db.select().from(vitalSigns).where(eq(vitalSigns.elderId, elder));
      const [theirs] = await env.platform.db.select().from(vitalSigns).where(eq(vitalSigns.elderId, other));
      assert.equal(mine!.flag, 'high');
      assert.equal(theirs!.flag, null);
      assert.ok(!mine!.valuesEnc.includes('105'), 'values encrypted at rest');
      await health.evaluate(china('08:05'));
      assert.equal((await alertsOf(rule, elder)).length, 1);
      assert.equal((await alertsOf(rule, other)).length, 0);
      const audit = await env.platform.db.execute(
        sql`SELECT action, detail FROM audit_events WHERE entity_id = ${elder} AND action = 'health.threshold_set'`,
      );
      assert.equal((audit as unknown as { rows: unknown[] }).rows.length, 1);
    });

    test('bad input: problem+json with pointers, localized, nothing stored', async () => {
      const elder = await newElder();
      const bad = await c.community!.request(
        'POST',
        `/api/v1/elders/${elder}/vital-signs`,
        { kind: 'bp', systolic: 400, measuredAt: china('08:00').toISOString() },
        { 'accept-language': 'en-US' },
      );
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
      const errs = (bad.json() as Json).errors as Json[];
      const sys = errs.find((e) => e.pointer === '/body/systolic');
      assert.equal(sys?.code, 'common.too_big');
      assert.match(sys?.message, /260/);
      assert.ok(errs.some((e) => e.pointer === '/body/diastolic' && e.code === 'common.required'));
      const zh = await c.community!.post(`/api/v1/elders/${elder}/vital-signs`, {
        kind: 'temperature',
        value: 12,
        measuredAt: china('08:00').toISOString(),
      });
      assert.equal(zh.statusCode, 400);
      assert.match((zh.json() as Json).errors[0].message, /不能小于 30/);
      const future = await c.community!.post(`/api/v1/elders/${elder}/vital-signs`, {
        kind: 'spo2',
        value: 97,
        measuredAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      });
      assert.equal(future.statusCode, 422);
      assert.equal((future.json() as Json).errors[0].pointer, '/body/measuredAt');
      const params = await c.street!.post('/api/v1/health-rules', {
        kind: 'no_water',
        name: '坏参数',
        regionCode: community,
        params: { hours: 0, extra: 1 },
      });
      assert.equal(params.statusCode, 400);
      const pointers = ((params.json() as Json).errors as Json[]).map((e) => e.pointer).sort();
      assert.deepEqual(pointers, ['/body/params', '/body/params/hours']);
      const stored = await env.platform.db.select().from(vitalSigns).where(eq(vitalSigns.elderId, elder));
      assert.equal(stored.length, 0);
    });

    test('region scoping: another community’s worker sees neither the readings nor the alerts', async () => {
      const elder = await newElder();
      const rule = await newRule('vital_threshold', { kinds: ['spo2'] });
      await c.community!.post(`/api/v1/elders/${elder}/vital-signs`, {
        kind: 'spo2',
        value: 85,
        measuredAt: china('07:00').toISOString(),
      });
      await health.evaluate(china('07:05'));
      const [a] = await alertsOf(rule, elder);
      assert.ok(a);
      assert.equal((await c.village!.get(`/api/v1/elders/${elder}/vital-signs`)).statusCode, 404);
      assert.equal((await c.village!.post(`/api/v1/elders/${elder}/vital-signs/reveal`, {})).statusCode, 404);
      assert.equal((await c.village!.get(`/api/v1/health-alerts/${a!.id}`)).statusCode, 404);
      assert.equal((await c.village!.post(`/api/v1/health-alerts/${a!.id}/claim`, {})).statusCode, 404);
      const list = (await c.village!.get('/api/v1/health-alerts?status=all')).json() as Json;
      assert.ok(!list.items.some((x: Json) => x.id === a!.id));
      const rules = (await c.village!.get('/api/v1/health-rules')).json() as Json;
      assert.ok(!rules.items.some((r: Json) => r.id === rule), 'a sibling community’s rule is not listed');
      assert.ok(
        rules.items.some((r: Json) => r.regionCode.endsWith('000000')),
        'the county’s rules are',
      );
      const mine = (await c.community!.get('/api/v1/health-alerts')).json() as Json;
      assert.ok(mine.items.some((x: Json) => x.id === a!.id));
      // A village worker may not manage rules at all; the county's seat may not touch a community rule it
      // cannot see either way — the authorization walk covers cross-scope managers.
      const patch = await c.village!.request('PATCH', `/api/v1/health-rules/${rule}`, { enabled: false });
      assert.equal(patch.statusCode, 403);
    });

    test('vital signs are masked by default; the full read is audited; device telemetry becomes vital signs', async () => {
      const elder = await newElder();
      const dev = await c.admin!.post('/api/v1/devices', {
        type: 'watch',
        vendor: 'acme',
        serial: `HW-${elder.slice(0, 8)}`,
        regionCode: community,
        elderIds: [elder],
      });
      assert.equal(dev.statusCode, 201, dev.body);
      const deviceId = (dev.json() as Json).id as string;
      const msg = (id: number, channel: 'telemetry' | 'event', payload: Json) => ({
        transport: 'mqtt' as const,
        topic: `yiyang/v1/devices/${deviceId}/${channel}`,
        deviceRef: deviceId,
        channel,
        payload: JSON.stringify({ id, ts: china('07:30').toISOString(), ...payload }),
        receivedAt: new Date(),
      });
      const batch = [
        msg(1, 'telemetry', { heart_rate: 76, systolic: 150, diastolic: 95, battery: 80 }),
        msg(2, 'event', { type: 'bed_return' }),
      ];
      await commitBatch(env.platform, batch);
      await commitBatch(env.platform, batch); // a redelivery adds nothing
      const masked = await c.community!.get(`/api/v1/elders/${elder}/vital-signs`);
      assert.equal(masked.statusCode, 200, masked.body);
      const m = masked.json() as Json;
      assert.deepEqual(m.items.map((i: Json) => i.kind).sort(), ['bp', 'heart_rate']);
      assert.ok(m.items.every((i: Json) => i.values === null && i.source === 'device'));
      assert.equal(m.revealed, false);
      const auditCount = async () =>
        Number(
          (
            (await env.platform.db.execute(
              sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ${elder} AND action = 'health.vitals_view'`,
            )) as unknown as { rows: { n: number }[] }
          ).rows[0]!.n,
        );
      assert.equal(await auditCount(), 0, 'the masked list is no full read');
      const inspector = await c.inspector!.post(`/api/v1/elders/${elder}/vital-signs/reveal`, {});
      assert.equal(inspector.statusCode, 403, 'reading values takes health:read_sensitive');
      const full = await c.community!.post(`/api/v1/elders/${elder}/vital-signs/reveal`, {
        reason: '核实预警',
      });
      assert.equal(full.statusCode, 200, full.body);
      const bp = (full.json() as Json).items.find((i: Json) => i.kind === 'bp');
      assert.deepEqual(bp.values, { systolic: 150, diastolic: 95 });
      assert.equal(await auditCount(), 1);
      const ev = await env.platform.db.execute(
        sql`SELECT count(*)::int AS n FROM health_events WHERE elder_id = ${elder}`,
      );
      assert.equal(Number((ev as unknown as { rows: { n: number }[] }).rows[0]!.n), 1);
    });
  });
}
