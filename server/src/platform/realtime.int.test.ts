import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../test/harness.ts';
import { connectConsole, portOf } from '../../test/realtime-client.ts';

/** Scope filtering and authentication of console WebSockets; across instances: events.int.test.ts. */

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
      const district = await connectConsole(env, 'admin');
      const community = await connectConsole(env, 'community');
      await createOrg(admin, otherStreet, '其他街道的机构');
      await createOrg(admin, communityRegion, '本社区的机构');
      const created = (e: { topic: string }) => e.topic === 'organisation.created';
      await community.waitFor(created);
      await district.waitFor(created, { count: 2 });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(district.events.filter(created).length, 2);
      assert.deepEqual(
        community.events.map((e) => e.regionCode),
        [communityRegion],
        'the community console sees only its own community',
      );
      await district.close();
      await community.close();
    });

    test('an unauthenticated or cross-site WebSocket is refused', async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${portOf(env)}/api/v1/events`);
      const status = await new Promise<number>((resolve) => {
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
      });
      assert.equal(status, 401);
    });
  });
}
