/**
 * `npm run bench:heartbeats [-- --quick] [-- --duration S] [-- --broker mosquitto|embedded]`
 *
 * Heartbeats on the alarm path (issue 17, decision 029): 200,000 devices heartbeating every 5 minutes (about
 * 670/s) while 500 SOS events/s run as in bench:alarms (a). On a fresh PostgreSQL database with the demo
 * district, against a Mosquitto started here with the shipped deploy/mosquitto.conf (default) or the
 * embedded broker:
 *   1. alarms alone for D s (default 30; `--quick` 10): p50/p99 publish → committed and → console;
 *   2. the same alarms with the heartbeat load: the same figures;
 *   3. the server's CPU per heartbeat: heartbeats alone for D s, this process's `process.cpuUsage()` delta
 *      less the publishers' own (the same messages to a topic nobody ingests, measured first), divided by the
 *      heartbeats committed (PostgreSQL's CPU is not in it: it runs in its own processes);
 *   4. one health sweep over the 200,000 devices (none due) and its plan: the sweeper reads an index.
 * Publishing as in bench:alarms: 20 connections with the server's credential. Prints figures; asserts nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import mqtt, { type MqttClient } from 'mqtt';
import { DeviceHealth } from '../src/modules/device/device.health.ts';
import { DeviceIngest } from '../src/modules/device/device.mqtt.ts';
import type { Broker } from '../src/platform/mqtt.ts';
import { alarmConsole, onBrokers } from './alarm-console.ts';
import { benchWorld, flag, fmt, machine, option, percentiles } from './orders-setup.ts';

const quick = flag('quick');
const DURATION = option('duration', quick ? 10 : 30);
const ALARMS = 500;
const DEVICES = 200_000;
const HEARTBEAT_S = 300;
const HB_RATE = DEVICES / HEARTBEAT_S;
const CONNECTIONS = 20;
const which = process.argv.includes('--broker')
  ? process.argv[process.argv.indexOf('--broker') + 1]
  : 'mosquitto';
const log = (s: string) => console.log(s);
const PASSWORD = randomBytes(16).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

log(
  `bench:heartbeats: ${DEVICES} devices every ${HEARTBEAT_S} s (${fmt(HB_RATE)}/s) with ${ALARMS} alarms/s, ${DURATION} s per phase; ${machine()}`,
);
const w = await benchWorld('yy_bench_heartbeats', 200);
const db = w.platform.db;
const community = '500110001001';
const alarmIds = Array.from({ length: ALARMS }, () => randomUUID());
const hbIds = Array.from({ length: DEVICES }, () => randomUUID());
for (const [chunk, hb] of [
  [alarmIds, 3600],
  ...Array.from({ length: DEVICES / 50_000 }, (_, i) => [
    hbIds.slice(i * 50_000, (i + 1) * 50_000),
    HEARTBEAT_S,
  ]),
] as [string[], number][])
  await db.execute(sql`INSERT INTO devices (id, type, vendor, serial, region_code, heartbeat_seconds, battery)
    SELECT id, 'button', 'bench', 'B-' || id::text, ${community}, ${hb}, 80 FROM unnest(${sql.param(chunk)}::uuid[]) AS id`);
await db.execute(sql`ANALYZE devices`);
const admin = await w.login('admin');

type Sample = { sent: number; committed?: number; shown?: number };

async function run(name: string, broker: Broker) {
  const config = { ...w.platform.config, MQTT_PASSWORD: PASSWORD, MQTT_CLIENT_ID: `bench-${name}` };
  const conns: MqttClient[] = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) =>
      mqtt.connectAsync(broker.url, {
        clientId: `bench-pub-${name}-${i}`,
        username: 'yiyang-server',
        password: PASSWORD,
      }),
    ),
  );
  let k = 0;
  const send = (topic: string, body: string) =>
    conns[k++ % CONNECTIONS]!.publishAsync(topic, body, { qos: 1 });
  let hbTick = 0;
  const heartbeat = (topicOf: (id: string) => string) =>
    send(
      topicOf(hbIds[hbTick++ % DEVICES]!),
      JSON.stringify({ id: randomUUID(), ts: Date.now(), battery: 80 }),
    );

  /** Paces alarms and/or heartbeats for D seconds; returns the alarm samples and the heartbeats sent. */
  const phase = async (o: { alarms: boolean; heartbeats: ((id: string) => string) | null }) => {
    const list: string[] = [];
    const acks: Promise<unknown>[] = [];
    const t0 = performance.now();
    let a = 0;
    let h = 0;
    while (performance.now() - t0 < DURATION * 1000) {
      const s = (performance.now() - t0) / 1000;
      if (o.alarms) while (a < Math.floor(s * ALARMS)) acks.push(publishAlarm(alarmIds[a++ % ALARMS]!, list));
      if (o.heartbeats) for (; h < Math.floor(s * HB_RATE); h++) acks.push(heartbeat(o.heartbeats));
      await sleep(2);
    }
    await Promise.allSettled(acks);
    return { list, heartbeats: h };
  };

  // 0. The publishers' own CPU: heartbeats to a topic nobody ingests.
  const c0 = process.cpuUsage();
  const idle = await phase({ alarms: false, heartbeats: (id) => `bench/hb/${id}` });
  const clientCpu = process.cpuUsage(c0);

  const samples = new Map<string, Sample>();
  const ingest = new DeviceIngest({ ...w.platform, config, broker });
  const submit = ingest.submit.bind(ingest);
  let hbCommitted = 0;
  ingest.submit = async (m) => {
    const r = await submit(m);
    if (m.channel === 'heartbeat') hbCommitted++;
    else {
      const s = samples.get((JSON.parse(String(m.payload)) as { id: string }).id);
      if (s) s.committed = performance.now();
    }
    return r;
  };
  await ingest.start();
  const ws = await alarmConsole(w.base, admin.cookie, (id) => (samples.get(id)!.shown = performance.now()));
  function publishAlarm(deviceId: string, into: string[]) {
    const id = randomUUID();
    samples.set(id, { sent: performance.now() });
    into.push(id);
    ws.expect(deviceId, id);
    return send(`yiyang/v1/devices/${deviceId}/event`, JSON.stringify({ id, type: 'sos', ts: Date.now() }));
  }
  const settle = async (list: string[]) => {
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline && list.some((id) => samples.get(id)!.shown === undefined))
      await sleep(20);
  };
  const report = (label: string, list: string[]) => {
    const lat = (f: (s: Sample) => number | undefined) =>
      list.map((id) => f(samples.get(id)!)).filter((x): x is number => x !== undefined);
    const c = percentiles(lat((s) => (s.committed ? s.committed - s.sent : undefined)));
    const v = percentiles(lat((s) => (s.shown ? s.shown - s.sent : undefined)));
    log(
      `  ${label}: publish → committed p50 ${fmt(c.p50)} ms, p99 ${fmt(c.p99)} ms; → console p50 ${fmt(v.p50)} ms, p99 ${fmt(v.p99)} ms (${lat((s) => s.shown).length}/${list.length} shown)`,
    );
    return v.p99;
  };
  const deviceTopic = (id: string) => `yiyang/v1/devices/${id}/heartbeat`;

  log(`\n[${name}] ${ALARMS} SOS events/s for ${DURATION} s`);
  const alone = await phase({ alarms: true, heartbeats: null });
  await settle(alone.list);
  const p99Alone = report('alarms alone          ', alone.list);
  await db.execute(sql`UPDATE alarms SET status = 'closed' WHERE status <> 'closed'`);
  const loaded = await phase({ alarms: true, heartbeats: deviceTopic });
  await settle(loaded.list);
  const p99Loaded = report(`with ${fmt(loaded.heartbeats / DURATION)} heartbeats/s`, loaded.list);
  log(`  alarm p99 to the console: ${fmt(p99Alone)} ms alone, ${fmt(p99Loaded)} ms with heartbeats`);

  await sleep(1000);
  const before = hbCommitted;
  const c1 = process.cpuUsage();
  const only = await phase({ alarms: false, heartbeats: deviceTopic });
  const deadline = performance.now() + 10_000;
  while (hbCommitted - before < only.heartbeats && performance.now() < deadline) await sleep(20);
  const total = process.cpuUsage(c1);
  const us = (c: NodeJS.CpuUsage) => c.user + c.system;
  const served = hbCommitted - before;
  const perHb =
    (us(total) - us(clientCpu) * (only.heartbeats / Math.max(1, idle.heartbeats))) / Math.max(1, served);
  log(
    `\n[${name}] heartbeats alone: ${served} committed of ${only.heartbeats} in ${DURATION} s; this process ${fmt(us(total) / 1000)} ms CPU, the publishers ${fmt(us(clientCpu) / 1000)} ms for ${idle.heartbeats}`,
  );
  log(
    `  server CPU per heartbeat: ${fmt(perHb)} µs (${fmt((perHb * HB_RATE) / 10_000)}% of one core at ${fmt(HB_RATE)}/s)`,
  );
  ws.close();
  await ingest.stop();
  await Promise.all(conns.map((c) => c.endAsync()));
}

await onBrokers(which, { password: PASSWORD, log: w.platform.log, out: log }, run);

// 4. One sweep over every device, none due: the partial index on the offline deadline, nothing else.
const health = new DeviceHealth(w.platform);
const s0 = performance.now();
const swept = await health.sweep();
log(
  `\nhealth sweep over ${DEVICES + ALARMS} devices: ${fmt(performance.now() - s0)} ms, ${JSON.stringify(swept)}`,
);
const plan = await db.execute(sql`EXPLAIN SELECT id FROM devices
  WHERE offline_since IS NULL AND status = 'active' AND offline_at < now() ORDER BY offline_at LIMIT 500`);
log(
  `  plan: ${(plan as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`,
);
await w.close();
process.exit(0);
