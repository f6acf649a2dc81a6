import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { users } from './user.table.ts';

for (const target of await dbTargets()) {
  describe(`users (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let community: Client;
    let communityRegion: string;
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      community = await env.login('community');
      communityRegion = (await community.get('/api/v1/me')).json().regionCode;
    });
    after(() => env?.close());

    const valid = () => ({
      username: `worker${Math.random().toString(36).slice(2, 8)}`,
      displayName: '李娟',
      password: 'Str0ngPassw0rd',
      phone: '13812345678',
      roles: ['community_worker'],
      regionCode: communityRegion,
    });

    test('creates a user; the phone is encrypted at rest and masked in views', async () => {
      const res = await admin.post('/api/v1/users', valid());
      assert.equal(res.statusCode, 201, res.body);
      const u = res.json();
      assert.equal(u.phoneMasked, '138****5678');
      assert.equal(JSON.stringify(u).includes('13812345678'), false);
      const [row] = await env.platform.db.select().from(users).where(eq(users.id, u.id));
      assert.ok(row!.phoneEnc && !row!.phoneEnc.includes('13812345678'));
      assert.equal(env.platform.cipher.decrypt(row!.phoneEnc!), '13812345678');
    });

    test('field errors carry pointers and localized messages; nothing is written', async () => {
      const before = (await admin.get('/api/v1/users?limit=200')).json().items.length;
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: '', 'accept-language': 'zh-CN' },
      });
      assert.equal(res.statusCode, 401);
      const bad = await admin.post('/api/v1/users', {
        ...valid(),
        password: 'short',
        phone: '12345',
        roles: ['king'],
        extra: 1,
      });
      assert.equal(bad.statusCode, 400);
      const p = bad.json();
      assert.equal(p.code, 'common.validation');
      const byPointer = Object.fromEntries(
        p.errors.map((e: { pointer: string; code: string; message: string }) => [e.pointer, e]),
      );
      assert.equal(byPointer['/body/password'].code, 'auth.weak_password');
      assert.equal(byPointer['/body/phone'].code, 'user.invalid_phone');
      assert.equal(byPointer['/body/phone'].message, '手机号码格式不正确');
      assert.equal(byPointer['/body/roles/0'].code, 'common.invalid_value');
      assert.ok(p.errors.some((e: { code: string }) => e.code === 'common.unknown_field'));
      assert.equal((await admin.get('/api/v1/users?limit=200')).json().items.length, before);
    });

    test('duplicate username is a 409 on the username field', async () => {
      const body = valid();
      assert.equal((await admin.post('/api/v1/users', body)).statusCode, 201);
      const dup = await admin.post('/api/v1/users', { ...valid(), username: body.username });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().errors[0].pointer, '/body/username');
    });

    test('unknown region code and missing binding are field errors', async () => {
      const unknown = await admin.post('/api/v1/users', { ...valid(), regionCode: '500110999999' });
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().errors[0].code, 'region.unknown');
      const none = await admin.post('/api/v1/users', { ...valid(), regionCode: null });
      assert.equal(none.statusCode, 422);
      assert.equal(none.json().errors[0].code, 'user.binding_required');
    });

    test('nobody grants permissions they do not hold', async () => {
      const street = await env.login('street');
      const streetRegion = (await street.get('/api/v1/me')).json().regionCode;
      const res = await street.post('/api/v1/users', {
        ...valid(),
        regionCode: streetRegion,
        roles: ['bureau_admin'],
      });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().errors[0].code, 'user.role_not_grantable');
      const ok = await street.post('/api/v1/users', { ...valid(), regionCode: streetRegion });
      assert.equal(ok.statusCode, 201, ok.body);
    });

    test('a community worker sees only users of their community; the list paginates by cursor', async () => {
      const mine = (await community.get('/api/v1/users?limit=200')).json().items;
      assert.ok(mine.length > 0);
      assert.ok(mine.every((u: { regionCode: string | null }) => u.regionCode?.startsWith(communityRegion)));
      const page1 = (await admin.get('/api/v1/users?limit=3')).json();
      assert.equal(page1.items.length, 3);
      assert.ok(page1.nextCursor);
      const page2 = (await admin.get(`/api/v1/users?limit=3&cursor=${page1.nextCursor}`)).json();
      assert.equal(
        new Set([...page1.items, ...page2.items].map((u: { id: string }) => u.id)).size,
        page1.items.length + page2.items.length,
      );
      const bad = await admin.get('/api/v1/users?cursor=garbage');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].pointer, '/query/cursor');
    });

    test('roles are listed with localized names', async () => {
      const zh = (await admin.get('/api/v1/roles')).json().items;
      assert.ok(
        zh.find((r: { code: string; name: string }) => r.code === 'caregiver' && r.name === '护理员'),
      );
      const en = await admin.request('GET', '/api/v1/roles', undefined, { 'accept-language': 'en-US' });
      assert.ok(
        en
          .json()
          .items.find(
            (r: { code: string; name: string }) => r.code === 'caregiver' && r.name === 'Caregiver',
          ),
      );
    });

    test('an account holds personal roles or staff roles, not both (decision 010)', async () => {
      const before = (await admin.get('/api/v1/users?limit=200')).json().items.length;
      const mixed = await admin.post('/api/v1/users', {
        ...valid(),
        roles: ['community_worker', 'family_member'],
      });
      assert.equal(mixed.statusCode, 422, mixed.body);
      assert.deepEqual(
        mixed.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [['/body/roles', 'user.roles_mixed']],
      );
      assert.equal(
        (await admin.get('/api/v1/users?limit=200')).json().items.length,
        before,
        'nothing written',
      );
      // Personal roles together are one person (an elder who volunteers); changing roles is checked the same way.
      const elder = await admin.post('/api/v1/users', { ...valid(), roles: ['elder', 'volunteer'] });
      assert.equal(elder.statusCode, 201, elder.body);
      const regrant = await admin.patch(`/api/v1/users/${elder.json().id}`, {
        roles: ['elder', 'caregiver'],
      });
      assert.equal(regrant.statusCode, 422);
      assert.equal(regrant.json().errors[0].code, 'user.roles_mixed');
    });

    test('one cannot disable oneself', async () => {
      const res = await admin.patch(`/api/v1/users/${admin.userId}`, { status: 'disabled' });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().errors[0].pointer, '/body/status');
    });
  });
}
