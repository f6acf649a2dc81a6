import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect as netConnect } from 'node:net';
import WebSocket from 'ws';
import { dbTargets, IN_CI, startTestEnv, type Client, type TestEnv } from '../../test/harness.ts';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

async function natsReachable(): Promise<boolean> {
  const u = new URL(NATS_URL);
  return new Promise((resolve) => {
    const s = netConnect({ host: u.hostname, port: Number(u.port || 4222) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    setTimeout(() => (s.destroy(), resolve(false)), 1500);
  });
}

interface Listener {
  events: { topic: string; regionCode: string | null }[];
  ws: WebSocket;
  waitFor(topic: string, ms?: number): Promise<void>;
}

async function listen(env: TestEnv, username: string): Promise<Listener> {
  const address = env.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'Yiyang@2026' },
  });
  const cookie = res.cookies.find((c) => c.name === 'yy_session')!;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/events`, {
    headers: { cookie: `yy_session=${cookie.value}` },
  });
  const events: Listener['events'] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.type === 'event') events.push(m.event);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve()); // hello
    ws.once('error', reject);
  });
  return {
    events,
    ws,
    async waitFor(topic, ms = 3000) {
      const deadline = Date.now() + ms;
      while (!events.some((e) => e.topic === topic)) {
        if (Date.now() > deadline) throw new Error(`no ${topic} within ${ms} ms`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
  };
}

async function createOrg(admin: Client, regionCode: string, name: string) {
  const r = await admin.post('/api/v1/organisations', { name, type: 'provider', regionCode });
  assert.equal(r.statusCode, 201, r.body);
}

for (const target of await dbTargets()) {
  describe(`realtime events (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let communityRegion: string;
    let otherStreet: string;
    before(async () => {
      env = await startTestEnv(target);
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      admin = await env.login('admin');
      communityRegion = (await (await env.login('community')).get('/api/v1/me')).json().regionCode;
      const towns = (await admin.get('/api/v1/regions?parent=500110000000')).json().items;
      otherStreet = towns.find((t: { code: string }) => !communityRegion.startsWith(t.code.slice(0, 9))).code;
    });
    after(() => env?.close());

    test('events reach the consoles whose scope covers them, and only those', async () => {
      const district = await listen(env, 'admin');
      const community = await listen(env, 'community');
      await createOrg(admin, otherStreet, '其他街道的机构');
      await createOrg(admin, communityRegion, '本社区的机构');
      await district.waitFor('organisation.created');
      await community.waitFor('organisation.created');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(district.events.filter((e) => e.topic === 'organisation.created').length, 2);
      assert.deepEqual(
        community.events.map((e) => e.regionCode),
        [communityRegion],
        'the community console sees only its own community',
      );
      district.ws.close();
      community.ws.close();
    });

    test('an unauthenticated or cross-site WebSocket is refused', async () => {
      const address = env.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/events`);
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
      });
      assert.equal(status, 401);
    });
  });

  if (target.name !== 'postgres') continue;

  describe('realtime across two instances (PostgreSQL LISTEN/NOTIFY)', () => {
    let a: TestEnv;
    let b: TestEnv;
    before(async () => {
      a = await startTestEnv(target);
      b = await startTestEnv(target, { seed: false, shareWith: a });
      await b.app.listen({ port: 0, host: '127.0.0.1' });
    });
    after(async () => {
      await b?.close();
      await a?.close();
    });
    test('a change committed on instance A reaches a console connected to instance B', async () => {
      const onB = await listen(b, 'admin');
      const adminA = await a.login('admin');
      await createOrg(adminA, '500110000000', '跨实例机构');
      await onB.waitFor('organisation.created');
      onB.ws.close();
    });
  });

  const nats = await natsReachable();
  if (!nats && IN_CI) throw new Error(`CI=true but NATS is not reachable at ${NATS_URL}`);
  describe(
    'realtime across two instances (NATS)',
    { skip: nats ? false : `NATS not reachable at ${NATS_URL}` },
    () => {
      let a: TestEnv;
      let b: TestEnv;
      before(async () => {
        a = await startTestEnv(target, { env: { NATS_URL } });
        b = await startTestEnv(target, { seed: false, shareWith: a, env: { NATS_URL } });
        await b.app.listen({ port: 0, host: '127.0.0.1' });
      });
      after(async () => {
        await b?.close();
        await a?.close();
      });
      test('a change committed on instance A reaches a console on instance B through NATS', async () => {
        const onB = await listen(b, 'admin');
        const adminA = await a.login('admin');
        await createOrg(adminA, '500110000000', 'NATS 跨实例机构');
        await onB.waitFor('organisation.created');
        onB.ws.close();
      });
    },
  );
}
