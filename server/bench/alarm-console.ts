import type { Logger } from 'pino';
import WebSocket from 'ws';
import { mosquittoPasswdLine } from '../src/modules/device/device.passwd.ts';
import { startBroker, type Broker } from '../src/platform/mqtt.ts';
import { mosquittoBinary, TestMosquitto } from '../test/mosquitto.ts';

/**
 * A console's WebSocket for the alarm benches: each `alarm.opened`/`alarm.repeated` event is matched to the
 * oldest message of its device not yet shown (`expect`), and `onShown` gets that message's id.
 */
export async function alarmConsole(
  base: string,
  cookie: string | undefined,
  onShown: (messageId: string) => void,
) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/events`, {
    headers: { cookie: cookie ?? '' },
  });
  await new Promise((r) => ws.once('open', r));
  const pendingOf = new Map<string, string[]>();
  const deviceOfAlarm = new Map<string, string>();
  const show = (deviceId: string | undefined) => {
    const id = deviceId ? pendingOf.get(deviceId)?.shift() : undefined;
    if (id) onShown(id);
  };
  ws.on('message', (raw) => {
    const e = (
      JSON.parse(String(raw)) as { event?: { topic: string; payload: { id: string; deviceId?: string } } }
    ).event;
    if (e?.topic === 'alarm.opened') {
      deviceOfAlarm.set(e.payload.id, e.payload.deviceId!);
      show(e.payload.deviceId);
    } else if (e?.topic === 'alarm.repeated') show(deviceOfAlarm.get(e.payload.id));
  });
  return {
    /** A message of this device was published: the next alarm event of the device shows it. */
    expect(deviceId: string, messageId: string) {
      (pendingOf.get(deviceId) ?? pendingOf.set(deviceId, []).get(deviceId)!).push(messageId);
    },
    close: () => ws.close(),
  };
}

/**
 * Runs a bench on the embedded broker and/or a Mosquitto started with the shipped configuration, the server's
 * MQTT credential holding `password`.
 */
export async function onBrokers(
  which: string | undefined,
  o: { password: string; log: Logger; out: (s: string) => void },
  run: (name: string, broker: Broker) => Promise<void>,
) {
  if (which === 'embedded' || which === 'both') {
    const broker = (await startBroker({ port: 0, embedded: true, log: o.log }))!;
    await run('embedded', broker);
    await broker.close();
  }
  if (which === 'mosquitto' || which === 'both') {
    const binary = mosquittoBinary();
    if (!binary) o.out('\n[mosquitto] skipped: no mosquitto binary');
    else {
      const m = await TestMosquitto.start(binary, [mosquittoPasswdLine('yiyang-server', o.password)]);
      await run('mosquitto', { url: m.url, embedded: false, close: async () => {} });
      await m.stop();
    }
  }
}
