import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import mqtt from 'mqtt';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { startBroker, type Broker } from '../../platform/mqtt.ts';
import { someEldersOf } from '../elder/index.ts';
import { DeviceIngest } from './device.mqtt.ts';
import { signVendorBody } from './device.vendor.ts';

type Device = {
  id: string;
  bindings: { elderId: string }[];
  messageCount: number;
  malformedCount: number;
  battery: number | null;
  lastSeenAt: string | null;
  recentMessages: { outcome: string; payload: string; channel: string }[];
};

type Rows = { rows: Record<string, unknown>[] };

/** Resolves once the client is refused or disconnected (a refused PUBLISH closes the connection). */
const closed = (c: mqtt.MqttClient) =>
  new Promise<void>((r) => (c.disconnected ? r() : c.once('close', () => r())));

for (const target of await dbTargets()) {
  describe(`devices (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let provider: Client;
    let broker: Broker;
    let ingest: DeviceIngest;
    let elders: { id: string; regionCode: string }[];
    let community: string;
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      provider = await env.login('provider');
      const u = await env.login('community');
      community = ((await u.get('/api/v1/me')).json() as { regionCode: string }).regionCode;
      elders = await someEldersOf(env.platform.db, community, 3);
      broker = (await startBroker({ port: 0, embedded: true, log: env.platform.log }))!;
      ingest = new DeviceIngest({ ...env.platform, broker });
      await ingest.start();
    });
    after(async () => {
      await ingest?.stop();
      await broker?.close();
      await env?.close();
    });

    const rowsOf = async (q: ReturnType<typeof sql>) => (await env.platform.db.execute(q)) as unknown as Rows;
    const create = async (who: Client, serial: string, extra: Record<string, unknown> = {}) => {
      const res = await who.post('/api/v1/devices', {
        type: 'button',
        vendor: 'acme',
        serial,
        regionCode: community,
        address: '幸福社区3栋2单元501',
        ...extra,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as Device;
    };

    test('registry: a couple shares a button; bind, unbind, the elder record lists it; serials are unique', async () => {
      const d = await create(admin, 'BTN-1', { elderIds: [elders[0]!.id, elders[1]!.id] });
      assert.equal(d.bindings.length, 2);
      const dup = await admin.post('/api/v1/devices', { type: 'button', vendor: 'acme', serial: 'BTN-1' });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().errors[0].pointer, '/body/serial');
      const onRecord = await admin.get(`/api/v1/elders/${elders[1]!.id}/devices`);
      assert.ok((onRecord.json() as { items: Device[] }).items.some((x) => x.id === d.id));
      const unbound = await admin.delete(`/api/v1/devices/${d.id}/bindings/${elders[1]!.id}`);
      assert.equal((unbound.json() as Device).bindings.length, 1);
      const rebound = await admin.post(`/api/v1/devices/${d.id}/bindings`, { elderId: elders[2]!.id });
      assert.equal((rebound.json() as Device).bindings.length, 2);
      const patched = await admin.patch(`/api/v1/devices/${d.id}`, {
        heartbeatSeconds: 600,
        installer: '张师傅',
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const list = await admin.get(`/api/v1/devices?regionCode=${community}`);
      assert.ok((list.json() as { items: Device[] }).items.some((x) => x.id === d.id));
      // A provider registers under its own organisation and sees only its own devices.
      const mine = await create(provider, 'BTN-P1', { regionCode: null });
      const outside = await provider.post('/api/v1/devices', {
        type: 'button',
        vendor: 'acme',
        serial: 'BTN-P2',
        regionCode: community,
      });
      assert.equal(outside.statusCode, 403);
      const seen = (await provider.get('/api/v1/devices')).json() as { items: Device[] };
      assert.ok(seen.items.some((x) => x.id === mine.id));
      assert.ok(!seen.items.some((x) => x.id === d.id));
    });

    test('MQTT (embedded): the PUBACK follows the commit; malformed messages are stored and counted', async () => {
      const d = await create(admin, 'BTN-2', { elderIds: [elders[0]!.id] });
      const cred = (await admin.post(`/api/v1/devices/${d.id}/credentials`)).json() as {
        username: string;
        password: string;
      };
      const c = await mqtt.connectAsync(broker.url, {
        username: cred.username,
        password: cred.password,
        reconnectPeriod: 0,
      });
      const topic = (ch: string) => `yiyang/v1/devices/${d.id}/${ch}`;
      await c.publishAsync(
        topic('event'),
        JSON.stringify({ id: 'm1', type: 'sos', ts: Date.now(), battery: 77 }),
        { qos: 1 },
      );
      // Acknowledged means committed: the row is there now, no waiting.
      const rows = await rowsOf(
        sql`SELECT m.outcome, m.channel, a.kind FROM device_messages m JOIN alarms a ON a.id = m.alarm_id
          WHERE m.device_id = ${d.id}`,
      );
      // …and so is its alarm, in the same transaction.
      assert.deepEqual(rows.rows, [{ outcome: 'alarm', channel: 'event', kind: 'sos' }]);
      // A redelivery of the same message id is stored once.
      await c.publishAsync(
        topic('event'),
        JSON.stringify({ id: 'm1', type: 'sos', ts: Date.now(), battery: 77 }),
        { qos: 1 },
      );
      await c.publishAsync(topic('heartbeat'), '{"battery":', { qos: 1 });
      await c.publishAsync(topic('telemetry'), JSON.stringify({ battery: 76, heartRate: 70 }), { qos: 1 });
      const page = (await admin.get(`/api/v1/devices/${d.id}`)).json() as Device;
      assert.equal(page.messageCount, 3);
      assert.equal(page.malformedCount, 1);
      assert.equal(page.battery, 76);
      assert.ok(page.lastSeenAt);
      assert.deepEqual(page.recentMessages.map((m) => m.outcome).sort(), ['alarm', 'malformed', 'stored']);
      assert.ok(page.recentMessages.some((m) => m.payload === '{"battery":'));
      await c.endAsync();
    });

    test('MQTT (embedded): a device may not publish as another, nor connect with a wrong secret', async () => {
      const a = await create(admin, 'BTN-3');
      const b = await create(admin, 'BTN-4');
      const cred = (await admin.post(`/api/v1/devices/${a.id}/credentials`)).json() as { password: string };
      await assert.rejects(
        mqtt.connectAsync(broker.url, { username: a.id, password: 'wrong', reconnectPeriod: 0 }),
      );
      const c = await mqtt.connectAsync(broker.url, {
        username: a.id,
        password: cred.password,
        reconnectPeriod: 0,
      });
      const gone = closed(c);
      c.publish(`yiyang/v1/devices/${b.id}/event`, JSON.stringify({ type: 'sos' }), { qos: 1 }, () => {});
      await gone;
      const n = await rowsOf(sql`SELECT count(*)::int AS n FROM device_messages WHERE device_ref = ${b.id}`);
      assert.equal(n.rows[0]!.n, 0);
      c.end(true);
    });

    test('vendor HTTP: signed, within the replay window, idempotent; bad signature, stale, malformed', async () => {
      const d = await create(admin, 'V-100', { vendor: 'cloudco', elderIds: [elders[0]!.id] });
      const key = await env.services.deviceVendors.issueKey('cloudco', '云厂商');
      const post = (body: string, ts = String(Date.now()), sig = signVendorBody(key, ts, body)) =>
        env.app.inject({
          method: 'POST',
          url: '/api/v1/ingest/cloudco/events',
          headers: {
            'content-type': 'application/json',
            'x-yiyang-signature': sig,
            'x-yiyang-timestamp': ts,
          },
          payload: body,
        });
      const body = JSON.stringify({
        messageId: 'c-1',
        serial: 'V-100',
        channel: 'event',
        payload: { type: 'fall' },
      });
      const ok = await post(body);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().outcome, 'alarm');
      assert.equal(ok.json().duplicate, false);
      assert.equal((await post(body)).json().duplicate, true);
      const bad = await post(body, String(Date.now()), 'sha256=00');
      assert.equal(bad.statusCode, 401);
      assert.match(bad.headers['content-type'] as string, /problem\+json/);
      assert.equal(bad.json().code, 'device.bad_signature');
      const stale = await post(body, String(Date.now() - 6 * 60_000));
      assert.equal(stale.json().code, 'device.stale_timestamp');
      const broken = await post('{"messageId":"c-2","serial":"V-100","channel":"event","payload":{}}');
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.json().errors[0].pointer, '/body/payload');
      const notJson = await post('{nope');
      assert.equal(notJson.statusCode, 400);
      assert.equal(notJson.json().errors[0].pointer, '/body');
      const page = (await admin.get(`/api/v1/devices/${d.id}`)).json() as Device;
      assert.equal(page.messageCount, 2);
      assert.equal(page.malformedCount, 1);
      // An SOS from a device nobody registered is stored (and handed to the alarm module) all the same.
      const unknown = await post(
        JSON.stringify({ messageId: 'c-3', serial: 'NOPE', channel: 'event', payload: { type: 'sos' } }),
      );
      assert.equal(unknown.json().outcome, 'alarm');
      assert.ok(unknown.json().alarmId);
      assert.ok(ok.json().alarmId);
    });
  });
}
