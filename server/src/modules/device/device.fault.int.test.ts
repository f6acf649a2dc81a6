import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import mqtt from 'mqtt';
import pg from 'pg';
import { ADMIN_URL, dbTargets, TEST_KEYS } from '../../../test/harness.ts';
import { mosquittoBinary, ServerProcess, TestMosquitto } from '../../../test/mosquitto.ts';
import { FieldCipher } from '../../platform/crypto.ts';
import { secretHashOf } from './device.mqtt.ts';
import { mosquittoPasswdLine } from './device.passwd.ts';

/**
 * One persistent session (client id) serves the tests in turn, and the second instance comes last: an offline
 * persistent session stays in the shared group and keeps its share of messages until it returns.
 *
 * Faults (issue 16): each test runs server processes (server/src/main.ts) against a Mosquitto of its own
 * started with the shipped deploy/mosquitto.conf and deploy/mosquitto.acl, on a PostgreSQL database of its
 * own. Every message a device got a PUBACK for from the broker must end up committed exactly once, with its
 * alarm, whatever is killed or restarted meanwhile.
 */
const DEVICES = 40;
const COMMUNITY = '500110001001';
const SERVER_PASSWORD = randomBytes(16).toString('hex');

type Dev = { id: string; password: string };

async function makeDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `yy_fault_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A device that records which of its messages the broker acknowledged. */
class Device {
  acked = new Set<string>();
  client!: mqtt.MqttClient;
  constructor(readonly d: Dev) {}
  async connect(url: string) {
    this.client = await mqtt.connectAsync(url, {
      clientId: `dev-${this.d.id}`,
      username: this.d.id,
      password: this.d.password,
      reconnectPeriod: 100,
      clean: false,
    });
  }
  publish(channel = 'event', topicId = this.d.id): Promise<string> {
    const id = randomUUID();
    return this.client
      .publishAsync(
        `yiyang/v1/devices/${topicId}/${channel}`,
        JSON.stringify({ id, type: 'sos', ts: Date.now() }),
        { qos: 1 },
      )
      .then(() => (topicId === this.d.id && this.acked.add(id), id)); // a forged one is never committed
  }
}

/** Waits for a condition (checked every 5 ms); fails after 60 s with what it was waiting for. */
async function until(cond: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

for (const target of await dbTargets()) {
  if (target.name !== 'postgres') continue;
  const binary = mosquittoBinary();
  describe(
    'device ingest faults (PostgreSQL, Mosquitto)',
    { skip: binary ? false : 'no mosquitto binary' },
    () => {
      let db: { url: string; drop(): Promise<void> };
      let sql: pg.Pool;
      let broker: TestMosquitto;
      let devices: Device[];
      const servers: ServerProcess[] = [];
      const spawnServer = (clientId: string) => {
        const s = new ServerProcess({
          NODE_ENV: 'test',
          DATABASE_URL: db.url,
          MQTT_URL: broker.url,
          MQTT_USERNAME: 'yiyang-server',
          MQTT_PASSWORD: SERVER_PASSWORD,
          MQTT_CLIENT_ID: clientId,
          PORT: '0',
          SEED_DEMO: 'false',
          LOG_LEVEL: 'debug',
          DATA_DIR: mkdtempSync(join(tmpdir(), 'yy-fault-')),
          DATA_KEYS: TEST_KEYS.DATA_KEYS,
          HASH_KEY: TEST_KEYS.HASH_KEY,
        });
        servers.push(s);
        return s;
      };

      before(async () => {
        db = await makeDatabase();
        // The schema: one server start migrates (it needs no broker for that).
        const cipher = FieldCipher.fromConfig(TEST_KEYS.DATA_KEYS, TEST_KEYS.HASH_KEY);
        const devs: Dev[] = Array.from({ length: DEVICES }, () => ({
          id: randomUUID(),
          password: randomBytes(16).toString('hex'),
        }));
        broker = await TestMosquitto.start(binary!, [
          mosquittoPasswdLine('yiyang-server', SERVER_PASSWORD),
          ...devs.map((d) => mosquittoPasswdLine(d.id, d.password)),
        ]);
        const first = spawnServer('yy-fault-a');
        await first.ready;
        await first.kill();
        sql = new pg.Pool({ connectionString: db.url, max: 2 });
        for (const d of devs)
          await sql.query(
            `INSERT INTO devices (id, type, vendor, serial, region_code, secret_hash) VALUES ($1, 'button', 'fault', $2, $3, $4)`,
            [d.id, `F-${d.id.slice(0, 8)}`, COMMUNITY, secretHashOf(cipher, d.password)],
          );
        devices = devs.map((d) => new Device(d));
        await Promise.all(devices.map((d) => d.connect(broker.url)));
      });
      after(async () => {
        for (const s of servers) await s.kill();
        await Promise.all((devices ?? []).map((d) => d.client?.endAsync(true)));
        await broker?.stop();
        await sql?.end();
        await db?.drop();
      });

      /** Waits until every acknowledged message is committed with its alarm (or fails after 60 s). */
      async function allCommitted(): Promise<number> {
        const acked = devices.flatMap((d) => [...d.acked].map((id) => `m:${d.d.id}:${id}`));
        const until = Date.now() + 60_000;
        for (;;) {
          const r = await sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM device_messages WHERE message_key = ANY($1::text[]) AND alarm_id IS NOT NULL`,
            [acked],
          );
          if (r.rows[0]!.n === acked.length) return acked.length;
          if (Date.now() > until)
            assert.fail(`${r.rows[0]!.n} of ${acked.length} acknowledged messages committed`);
          await new Promise((res) => setTimeout(res, 100));
        }
      }

      const burst = (perDevice: number) =>
        Promise.allSettled(devices.flatMap((d) => Array.from({ length: perDevice }, () => d.publish())));

      test('kill -9 during a burst: every acknowledged message is committed, with its alarm, after a restart', async () => {
        const a = spawnServer('yy-fault-a');
        await a.ready;
        const sent = burst(25);
        // Killed while the burst is being committed.
        await until(
          () => a.committed() >= 100,
          () => a.out.slice(-3000),
        );
        await a.kill();
        await sent;
        const again = spawnServer('yy-fault-a');
        await again.ready;
        const n = await allCommitted();
        assert.equal(n, DEVICES * 25);
        const dup = await sql.query(`SELECT count(*)::int AS n FROM device_messages`);
        assert.equal(dup.rows[0].n, n, 'each message stored once');
        await again.kill();
      });

      /** Traffic (about 400 messages/s) while `during` runs; every acknowledged message must then commit. */
      async function withTraffic(s: ServerProcess, during: () => Promise<void>): Promise<void> {
        let stop = false;
        const traffic = (async () => {
          while (!stop) {
            await Promise.allSettled(devices.map((d) => d.publish()));
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        try {
          const before = s.committed();
          await until(
            () => s.committed() >= before + 200,
            () => s.out.slice(-3000),
          );
          await during();
          const after = s.committed();
          await until(
            () => s.committed() >= after + 200,
            () => s.out.slice(-3000),
          );
        } finally {
          stop = true;
          await traffic;
        }
        await allCommitted();
      }

      test('database connections terminated during traffic: the server reconnects, nothing acknowledged is lost', async () => {
        const s = spawnServer('yy-fault-a');
        await s.ready;
        await withTraffic(s, async () => {
          await sql.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          );
        });
        await s.kill();
      });

      test('a device publishing as another is refused by the shipped ACL', async () => {
        const s = spawnServer('yy-fault-a');
        await s.ready;
        const [a, b] = devices;
        await a!.publish('event', b!.d.id).catch(() => undefined);
        // Its own next message is committed after the forged one would have been (one session, in order).
        const own = await a!.publish();
        await allCommitted();
        assert.ok(own);
        const forged = await sql.query(
          `SELECT count(*)::int AS n FROM device_messages WHERE device_ref = $1 AND message_key NOT IN (SELECT unnest($2::text[]))`,
          [b!.d.id, [...b!.acked].map((id) => `m:${b!.d.id}:${id}`)],
        );
        assert.equal(forged.rows[0].n, 0);
        await s.kill();
      });
      test('two instances share the subscription: both commit, every message once', async () => {
        const x = spawnServer('yy-fault-a');
        const y = spawnServer('yy-fault-x');
        await Promise.all([x.ready, y.ready]);
        const before = (await sql.query(`SELECT count(*)::int AS n FROM device_messages`)).rows[0]
          .n as number;
        await burst(10);
        const total = await allCommitted();
        const rows = (await sql.query(`SELECT count(*)::int AS n FROM device_messages`)).rows[0].n as number;
        assert.equal(rows - before, DEVICES * 10);
        assert.equal(rows, total);
        assert.ok(x.committed() > 0 && y.committed() > 0, `x ${x.committed()}, y ${y.committed()}`);
        await x.kill();
        await y.kill();
      });
      test(
        'the broker restarted during traffic: the server reconnects, nothing acknowledged is lost',
        {
          todo: 'fails: after a Mosquitto 2.0.11 restart the restored persistent shared subscription delivers nothing to the reconnected server (decision 025)',
        },
        async () => {
          const s = spawnServer('yy-fault-a');
          await s.ready;
          await withTraffic(s, () => broker.restart());
          await s.kill();
        },
      );
    },
  );
}
