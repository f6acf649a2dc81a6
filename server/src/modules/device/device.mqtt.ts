import { timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import type { Broker } from '../../platform/mqtt.ts';
import type { EventBus } from '../../platform/events.ts';
import {
  commitBatch,
  IngestBatcher,
  parseTopic,
  type IngestResult,
  type RawMessage,
} from './device.ingest.ts';
import { deviceRepo } from './device.repo.ts';

/** The shared subscription every instance joins (Mosquitto splits the messages among them). */
export const SHARED_SUBSCRIPTION = '$share/yiyang/yiyang/v1/devices/+/+';
const SECRET_DOMAIN = 'device.secret';

export type IngestDeps = {
  db: Db;
  bus: EventBus;
  cipher: FieldCipher;
  config: Config;
  log: Logger;
  broker: Broker | null;
};

/** The stored form of a device secret: keyed SHA-256 (the blind-index key), fast enough per CONNECT. */
export const secretHashOf = (cipher: FieldCipher, secret: string) => cipher.blindIndex(secret, SECRET_DOMAIN);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Device ingest over MQTT (issue 16 item 2, decision 025). Embedded aedes: devices authenticate (username =
 * device id, password = its secret) and may publish only under their own id; each PUBLISH is committed
 * before its PUBACK. Mosquitto: a persistent session (fixed client id, clean: false) on a shared
 * subscription; a message is acknowledged to the broker only once committed. Both go through one group
 * commit (`IngestBatcher`).
 */
export class DeviceIngest {
  readonly batcher: IngestBatcher;
  #client: MqttClient | null = null;
  // Verified secrets for a minute: a reconnect storm does not read every device row again.
  #verified = new Map<string, { hash: string; at: number }>();

  constructor(private readonly deps: IngestDeps) {
    this.batcher = new IngestBatcher((batch) => commitBatch(deps, batch), deps.log);
  }

  secretHash(secret: string): string {
    return secretHashOf(this.deps.cipher, secret);
  }

  /** Commits one message (HTTP ingest, tests) through the group commit. */
  submit(m: RawMessage): Promise<IngestResult> {
    return this.batcher.submit(m);
  }

  isServer(username: string | undefined, password: string | undefined): boolean {
    const { MQTT_USERNAME, MQTT_PASSWORD } = this.deps.config;
    return !!MQTT_PASSWORD && username === MQTT_USERNAME && same(password ?? '', MQTT_PASSWORD);
  }

  async authenticate(username: string | undefined, password: Buffer | undefined): Promise<boolean> {
    if (!username || !password) return false;
    const secret = password.toString('utf8');
    if (this.isServer(username, secret)) return true;
    if (!/^[0-9a-f-]{36}$/i.test(username)) return false;
    const hash = this.secretHash(secret);
    const cached = this.#verified.get(username);
    // Only a match is trusted from the cache: new credentials are read at once.
    if (cached && Date.now() - cached.at < 60_000 && same(cached.hash, hash)) return true;
    const d = await deviceRepo(this.deps.db).findById(username);
    if (!d?.secretHash || d.status === 'retired') return false;
    this.#verified.set(username, { hash: d.secretHash, at: Date.now() });
    return same(d.secretHash, hash);
  }

  /** A device publishes only under its own id; the server's user anywhere under the device topics. */
  async accept(username: string | null, topic: string, payload: Buffer): Promise<IngestResult> {
    const t = parseTopic(topic);
    if (!t) throw new Error(`topic not accepted: ${topic}`);
    const server = username === this.deps.config.MQTT_USERNAME && !!this.deps.config.MQTT_PASSWORD;
    if (!server && username !== t.deviceRef) throw new Error(`${username} may not publish as ${t.deviceRef}`);
    return this.submit({ transport: 'mqtt', topic, payload, receivedAt: new Date(), ...t });
  }

  /** Starts taking messages: hooks into the embedded broker, or joins the external one. Idempotent. */
  async start(): Promise<{ broker: string }> {
    const { broker } = this.deps;
    if (!broker) return { broker: 'none' };
    if (broker.embedded) {
      broker.intercept?.({
        authenticate: (u, p) => this.authenticate(u, p),
        publish: async (u, topic, payload) => void (await this.accept(u, topic, payload)),
      });
      return { broker: 'embedded' };
    }
    this.#client ??= this.connect(broker.url);
    return { broker: this.#client.connected ? 'connected' : 'connecting' };
  }

  private connect(url: string): MqttClient {
    const { config, log } = this.deps;
    const client = mqtt.connect(url, {
      clientId: config.MQTT_CLIENT_ID ?? `yiyang-ingest-${hostname()}`.slice(0, 64),
      clean: false,
      username: config.MQTT_USERNAME,
      password: config.MQTT_PASSWORD,
      reconnectPeriod: 500,
      connectTimeout: 5000,
      keepalive: 15,
    });
    // PUBACK after commit: mqtt.js sends the PUBACK when handleMessage calls back, and reads the next
    // packet only after that. So handleMessage calls back at once, and the PUBACK itself is held here
    // until the message's commit: messages keep flowing into the group commit while earlier ones commit.
    const pending = new Map<number, Promise<unknown>>();
    const c = client as unknown as {
      _sendPacket(p: { cmd: string; messageId?: number }, cb?: (err?: Error) => void): void;
    };
    const send = c._sendPacket.bind(c);
    c._sendPacket = (packet, cb) => {
      const wait =
        packet.cmd === 'puback' && packet.messageId !== undefined ? pending.get(packet.messageId) : undefined;
      if (!wait) return send(packet, cb);
      pending.delete(packet.messageId!);
      cb?.();
      // Not committed (refused): no PUBACK; the broker redelivers it on the next connection.
      wait.then(
        () => send(packet),
        () => undefined,
      );
    };
    client.handleMessage = (packet, callback) => {
      const topic = String(packet.topic);
      const t = parseTopic(topic);
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      if (t) {
        const committed = this.submit({ transport: 'mqtt', topic, payload, receivedAt: new Date(), ...t });
        if (packet.messageId !== undefined && packet.qos > 0) pending.set(packet.messageId, committed);
        committed.catch((err: unknown) => log.error({ err, topic }, 'device message not committed'));
      }
      callback();
    };
    client.on('connect', (ack) => {
      log.info({ url, sessionPresent: ack.sessionPresent }, 'device ingest connected to the MQTT broker');
      // Subscribed on every connection, even when the broker kept the session: a restored shared
      // subscription is not always active again after a broker restart (device.fault.int.test.ts).
      client.subscribe(SHARED_SUBSCRIPTION, { qos: 1 }, (err) => {
        if (err) log.error({ err }, 'device ingest: subscription refused');
      });
    });
    client.on('error', (err) => log.warn({ err }, 'device ingest: MQTT error'));
    client.on('offline', () => log.warn({ url }, 'device ingest: MQTT broker unreachable, reconnecting'));
    return client;
  }

  async stop(): Promise<void> {
    this.deps.broker?.intercept?.({
      authenticate: async () => false,
      publish: async () => Promise.reject(new Error('stopping')),
    });
    await this.batcher.close();
    if (this.#client) await this.#client.endAsync();
    this.#client = null;
  }
}
