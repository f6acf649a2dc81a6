import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connect as netConnect } from 'node:net';
import mqtt from 'mqtt';
import pino from 'pino';
import { IN_CI } from '../../test/harness.ts';
import { startBroker } from './mqtt.ts';

const MOSQUITTO = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

async function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = netConnect({ host: u.hostname, port: Number(u.port || 1883) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    setTimeout(() => (s.destroy(), resolve(false)), 1500);
  });
}

/** QoS 1 round trip through a broker with a persistent session, as device ingest will use it. */
async function roundTrip(url: string): Promise<void> {
  const clientId = `yy-test-${Math.random().toString(36).slice(2)}`;
  const sub = await mqtt.connectAsync(url, { clientId, clean: false, reconnectPeriod: 0 });
  const topic = `yiyang/v1/devices/${clientId}/event`;
  await sub.subscribeAsync(topic, { qos: 1 });
  const got = new Promise<string>((resolve) => sub.on('message', (_t, payload) => resolve(String(payload))));
  const pub = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  await pub.publishAsync(topic, JSON.stringify({ type: 'sos' }), { qos: 1 });
  assert.deepEqual(JSON.parse(await got), { type: 'sos' });
  await pub.endAsync();
  await sub.endAsync();
}

describe('MQTT brokers', () => {
  test('embedded aedes broker: QoS 1 round trip', async () => {
    const broker = await startBroker({ port: 0, embedded: true, log: pino({ level: 'silent' }) });
    try {
      await roundTrip(broker!.url);
    } finally {
      await broker!.close();
    }
  });

  test('external broker (Mosquitto): QoS 1 round trip', async (t) => {
    if (!(await reachable(MOSQUITTO))) {
      if (IN_CI) throw new Error(`CI=true but no MQTT broker at ${MOSQUITTO}`);
      t.skip(`no MQTT broker at ${MOSQUITTO}`);
      return;
    }
    const broker = await startBroker({
      url: MOSQUITTO,
      port: 0,
      embedded: true,
      log: pino({ level: 'silent' }),
    });
    assert.equal(broker!.embedded, false);
    await roundTrip(broker!.url);
  });
});

test('the embedded broker takes a free port when its port is taken', async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const taken = (blocker.address() as { port: number }).port;
  const broker = await startBroker({ port: taken, embedded: true, log: pino({ level: 'silent' }) });
  try {
    assert.notEqual(new URL(broker!.url).port, String(taken));
    await roundTrip(broker!.url);
  } finally {
    await broker!.close();
    blocker.close();
  }
});
