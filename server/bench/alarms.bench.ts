/**
 * `npm run bench:alarms [-- --quick] [-- --duration S] [-- --broker embedded|mosquitto|both]`
 *
 * The alarm pipeline (issue 16, PRODUCT.md §6: p99 ≤ 200 ms at 500 alarms/s; 10,000 alarms in 1 s all on the
 * console within 10 s), against the embedded aedes broker and against a Mosquitto started here with the
 * shipped deploy/mosquitto.conf and deploy/mosquitto.acl (free port), on a fresh PostgreSQL database with the
 * demo district:
 *   (a) 500 SOS events/s from 500 devices for 60 s (`--quick`: 10 s): p50/p99 publish → committed (the
 *       ingest's group commit resolved: the message and its alarm are in the database) and publish → the
 *       `alarm.opened`/`alarm.repeated` event on a console WebSocket (the admin's); the broker's own QoS 1
 *       round trip measured in the same run, and the ratio;
 *   (b) 10,000 SOS events from 10,000 distinct devices (nothing folds) published within 1 s: how many alarms
 *       were committed and shown on the console, and how long it took.
 * The traffic is published by 20 connections holding the server's MQTT credential (allowed on every device
 * topic), so that 10,000 device connections do not weigh on this 2-core machine; each message still names
 * its own device. Prints figures; asserts nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import mqtt, { type MqttClient } from 'mqtt';
import type { Broker } from '../src/platform/mqtt.ts';
import { DeviceIngest } from '../src/modules/device/device.mqtt.ts';
import { alarmConsole, onBrokers } from './alarm-console.ts';
import { benchWorld, flag, fmt, machine, option, percentiles } from './orders-setup.ts';

const quick = flag('quick');
const DURATION = option('duration', quick ? 10 : 60);
const RATE = 500;
const BURST = 10_000;
const CONNECTIONS = 20;
const which = process.argv.includes('--broker') ? process.argv[process.argv.indexOf('--broker') + 1] : 'both';
const log = (s: string) => console.log(s);
const PASSWORD = randomBytes(16).toString('hex');

log(`bench:alarms: ${RATE}/s for ${DURATION} s, then a burst of ${BURST}; ${machine()}`);
const w = await benchWorld('yy_bench_alarms', 200);
const db = w.platform.db;
const community = '500110001001';
// 10,500 devices of the demo community: 500 for the steady load, 10,000 for the burst.
const ids = Array.from({ length: RATE + BURST }, () => randomUUID());
await db.execute(sql`INSERT INTO devices (id, type, vendor, serial, region_code)
  SELECT id, 'button', 'bench', 'B-' || id::text, ${community} FROM unnest(${sql.param(ids)}::uuid[]) AS id`);
const admin = await w.login('admin');

type Sample = { sent: number; committed?: number; shown?: number };

async function run(name: string, broker: Broker) {
  const config = { ...w.platform.config, MQTT_PASSWORD: PASSWORD, MQTT_CLIENT_ID: `bench-${name}` };
  const url = broker.url;
  const conns: MqttClient[] = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) =>
      mqtt.connectAsync(url, {
        clientId: `bench-pub-${name}-${i}`,
        username: 'yiyang-server',
        password: PASSWORD,
      }),
    ),
  );
  // The broker's own QoS 1 round trip (embedded: before the ingest takes its hooks).
  const rtt: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await conns[i % CONNECTIONS]!.publishAsync(`bench/rtt`, 'x', { qos: 1 });
    rtt.push(performance.now() - t);
  }
  const samples = new Map<string, Sample>();
  const ingest = new DeviceIngest({ ...w.platform, config, broker });
  const submit = ingest.submit.bind(ingest);
  ingest.submit = async (m) => {
    const r = await submit(m);
    const id = (JSON.parse(String(m.payload)) as { id: string }).id;
    const s = samples.get(id);
    if (s) s.committed = performance.now();
    return r;
  };
  await ingest.start();
  // The console: the admin's WebSocket; each alarm event is matched to the oldest unshown message of its device.
  const ws = await alarmConsole(w.base, admin.cookie, (id) => (samples.get(id)!.shown = performance.now()));
  let k = 0;
  const publish = (deviceId: string, into: string[]) => {
    const id = randomUUID();
    const s: Sample = { sent: performance.now() };
    samples.set(id, s);
    into.push(id);
    ws.expect(deviceId, id);
    return conns[k++ % CONNECTIONS]!.publishAsync(
      `yiyang/v1/devices/${deviceId}/event`,
      JSON.stringify({ id, type: 'sos', ts: Date.now() }),
      { qos: 1 },
    );
  };

  // (a) 500/s: every 10 ms, 5 devices in turn.
  const steady: string[] = [];
  const t0 = performance.now();
  let tick = 0;
  const acks: Promise<unknown>[] = [];
  while (performance.now() - t0 < DURATION * 1000) {
    const due = Math.floor(((performance.now() - t0) / 1000) * RATE);
    while (tick < due) acks.push(publish(ids[tick++ % RATE]!, steady));
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.allSettled(acks);
  const settle = async (list: string[], ms: number) => {
    const deadline = performance.now() + ms;
    while (performance.now() < deadline && list.some((id) => samples.get(id)!.shown === undefined))
      await new Promise((r) => setTimeout(r, 20));
  };
  await settle(steady, 10_000);
  const lat = (list: string[], f: (s: Sample) => number | undefined) =>
    list.map((id) => f(samples.get(id)!)).filter((x): x is number => x !== undefined);
  const committed = percentiles(lat(steady, (s) => (s.committed ? s.committed - s.sent : undefined)));
  const shown = percentiles(lat(steady, (s) => (s.shown ? s.shown - s.sent : undefined)));
  const r = percentiles(rtt);
  log(`\n[${name}] (a) ${steady.length} SOS events over ${DURATION} s from ${RATE} devices`);
  log(`  broker QoS 1 round trip: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`);
  log(
    `  publish → committed: p50 ${fmt(committed.p50)} ms, p99 ${fmt(committed.p99)} ms (${fmt(committed.p99 / r.p99)}× the broker's p99)`,
  );
  log(
    `  publish → console:   p50 ${fmt(shown.p50)} ms, p99 ${fmt(shown.p99)} ms (${fmt(shown.p99 / r.p99)}× the broker's p99; budget 200 ms: ${shown.p99 <= 200 ? 'met' : 'MISSED'})`,
  );
  log(
    `  committed ${lat(steady, (s) => s.committed).length}, shown ${lat(steady, (s) => s.shown).length} of ${steady.length}`,
  );

  // (b) 10,000 distinct devices within 1 s.
  const burst: string[] = [];
  const b0 = performance.now();
  const backs: Promise<unknown>[] = [];
  for (let i = 0; i < BURST; i++) {
    backs.push(publish(ids[RATE + i]!, burst));
    if (i % 500 === 499)
      await new Promise((res) =>
        setTimeout(res, Math.max(0, b0 + ((i + 1) / BURST) * 1000 - performance.now())),
      );
  }
  const publishedIn = performance.now() - b0;
  await Promise.allSettled(backs);
  await settle(burst, 30_000);
  const bc = lat(burst, (s) => s.committed);
  const bs = lat(burst, (s) => s.shown);
  const last = (xs: number[]) => (xs.length ? Math.max(...xs) - b0 : NaN);
  const alarms = await db.execute(
    sql`SELECT count(*)::int AS n FROM alarms WHERE device_id = ANY(${sql.param(ids.slice(RATE))}::uuid[])`,
  );
  log(`\n[${name}] (b) burst of ${BURST} from ${BURST} devices, published in ${fmt(publishedIn)} ms`);
  log(
    `  committed ${bc.length} (alarms in the database: ${(alarms as unknown as { rows: { n: number }[] }).rows[0]!.n}), last after ${fmt(last(bc))} ms`,
  );
  log(
    `  shown on the console ${bs.length}, last after ${fmt(last(bs))} ms (budget all within 10,000 ms: ${bs.length === BURST && last(bs) <= 10_000 ? 'met' : 'MISSED'})`,
  );
  ws.close();
  await ingest.stop();
  await Promise.all(conns.map((c) => c.endAsync()));
  // The next run's alarms must not fold into this one's.
  await db.execute(sql`UPDATE alarms SET status = 'closed' WHERE status <> 'closed'`).catch(() => undefined);
}

await onBrokers(which, { password: PASSWORD, log: w.platform.log, out: log }, run);
await w.close();
process.exit(0);
