import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';

/** The 15 demo accounts (seed.ts DEMO_ACCOUNTS): five are bound to an organisation only. */
const DEMO = [
  'admin',
  'street',
  'community',
  'village',
  'provider',
  'caregiver',
  'lead',
  'assessor',
  'assessor2',
  'assessor3',
  'hotline',
  'volunteer',
  'elder',
  'family',
  'inspector',
];

/**
 * Issue 13 item 2: a user bound only to an organisation (provider, caregiver, assessors) is listed and
 * counted for whoever's region covers that organisation; the bureau saw 10 of its 15 accounts.
 */
for (const target of await dbTargets()) {
  describe(`users scoped through their organisation (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target);
    });
    after(() => env?.close());

    async function seen(c: Client): Promise<{ names: string[]; count: number }> {
      const list = await c.get('/api/v1/users?limit=200');
      assert.equal(list.statusCode, 200, list.body);
      const names = list.json().items.map((u: { username: string }) => u.username);
      const stats = await c.get('/api/v1/stats/overview');
      assert.equal(stats.statusCode, 200, stats.body);
      return { names, count: stats.json().counts.users };
    }

    test('the bureau lists and counts all 15 demo accounts', async () => {
      const admin = await env.login('admin');
      const { names, count } = await seen(admin);
      for (const u of DEMO) assert.ok(names.includes(u), `${u} missing from the bureau's list`);
      assert.equal(count, names.length);
      assert.ok(count >= DEMO.length);
      // …and may act on them: the assessor's record opens (findInScope).
      const assessor = admin.get(`/api/v1/users?limit=200&q=assessor2`);
      const id = (await assessor).json().items[0].id;
      assert.equal((await admin.get(`/api/v1/users/${id}`)).statusCode, 200);
    });

    test('a street sees the provider staff of its street, not the county agency', async () => {
      const street = await env.login('street');
      const { names, count } = await seen(street);
      for (const u of ['street', 'community', 'provider', 'caregiver'])
        assert.ok(names.includes(u), `${u} missing from the street's list`);
      for (const u of ['admin', 'assessor', 'assessor2', 'lead', 'inspector'])
        assert.ok(!names.includes(u), `${u} must not be in the street's list`);
      assert.equal(count, names.length);
      const caregiver = (await street.get('/api/v1/users?limit=200&q=caregiver')).json().items[0];
      assert.equal((await street.get(`/api/v1/users/${caregiver.id}`)).statusCode, 200);
    });

    test('a community sees its own accounts only, not the street provider', async () => {
      const community = await env.login('community');
      const { names, count } = await seen(community);
      for (const u of ['community', 'volunteer', 'elder', 'family'])
        assert.ok(names.includes(u), `${u} missing from the community's list`);
      for (const u of ['street', 'provider', 'caregiver', 'assessor'])
        assert.ok(!names.includes(u), `${u} must not be in the community's list`);
      assert.equal(count, names.length);
    });

    test('a region chosen in the console narrows organisation-bound accounts too', async () => {
      const admin = await env.login('admin');
      const street = await env.login('street');
      const streetCode = (await street.get('/api/v1/me')).json().regionCode as string;
      const list = await admin.get(`/api/v1/users?limit=200&regionCode=${streetCode}`);
      const names = list.json().items.map((u: { username: string }) => u.username);
      assert.ok(names.includes('caregiver') && names.includes('provider'));
      assert.ok(!names.includes('assessor'));
      const stats = await admin.get(`/api/v1/stats/overview?regionCode=${streetCode}`);
      assert.equal(stats.json().counts.users, names.length);
    });
  });
}
