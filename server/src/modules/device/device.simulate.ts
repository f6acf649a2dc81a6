import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { DeviceAlarmKind } from '@yiyang/contracts';

export interface SimDevice {
  id: string;
  password: string;
  type: string;
}

export interface SimulateOptions {
  url: string;
  devices: SimDevice[];
  /** Messages per second per device. */
  rate: number;
  durationS: number;
  /** Share of messages that are alarm events (SOS, fall…). */
  sosShare: number;
  out?: (line: string) => void;
}

const ALARM_OF: Record<string, DeviceAlarmKind> = {
  button: 'sos',
  watch: 'sos',
  radar: 'fall',
  smoke: 'smoke',
  gas: 'gas',
  water: 'water',
  door: 'door',
  vital: 'vital',
};

/** A realistic message of a device: mostly heartbeats and telemetry, now and then an alarm event. */
export function simMessage(d: SimDevice, sosShare: number, battery: number) {
  const ts = new Date().toISOString();
  const id = randomUUID();
  const r = Math.random();
  if (r < sosShare) {
    const kind = d.type === 'watch' && Math.random() < 0.3 ? 'fall' : (ALARM_OF[d.type] ?? 'sos');
    return { channel: 'event', body: { id, ts, type: kind, battery } };
  }
  if (r < sosShare + 0.5) return { channel: 'heartbeat', body: { id, ts, battery } };
  const telemetry =
    d.type === 'watch' || d.type === 'vital'
      ? { heartRate: 60 + Math.round(Math.random() * 40), spo2: 94 + Math.round(Math.random() * 5) }
      : { rssi: -60 - Math.round(Math.random() * 30) };
  return { channel: 'telemetry', body: { id, ts, battery, ...telemetry } };
}

/**
 * The device simulator (`npm run yiyang -- devices simulate`): each device connects with its own
 * credentials and publishes QoS 1 messages under its own topic. Returns what was acknowledged.
 */
export async function simulate(o: SimulateOptions): Promise<{ sent: number; acked: number; failed: number }> {
  const clients: MqttClient[] = await Promise.all(
    o.devices.map((d) =>
      mqtt.connectAsync(o.url, {
        clientId: `sim-${d.id}`,
        username: d.id,
        password: d.password,
        reconnectPeriod: 1000,
      }),
    ),
  );
  const stats = { sent: 0, acked: 0, failed: 0 };
  const battery = new Map(o.devices.map((d) => [d.id, 60 + Math.round(Math.random() * 40)]));
  const until = Date.now() + o.durationS * 1000;
  const jobs = o.devices.map(async (d, i) => {
    const c = clients[i]!;
    // Spread the devices over the first interval.
    await new Promise((r) => setTimeout(r, (Math.random() * 1000) / o.rate));
    while (Date.now() < until) {
      const b = Math.max(0, battery.get(d.id)! - (Math.random() < 0.01 ? 1 : 0));
      battery.set(d.id, b);
      const m = simMessage(d, o.sosShare, b);
      stats.sent += 1;
      c.publishAsync(`yiyang/v1/devices/${d.id}/${m.channel}`, JSON.stringify(m.body), { qos: 1 }).then(
        () => void (stats.acked += 1),
        () => void (stats.failed += 1),
      );
      await new Promise((r) => setTimeout(r, 1000 / o.rate));
    }
  });
  const ticker = setInterval(() => o.out?.(`sent ${stats.sent}, acknowledged ${stats.acked}`), 5000);
  await Promise.all(jobs);
  clearInterval(ticker);
  await Promise.all(clients.map((c) => c.endAsync()));
  return stats;
}
