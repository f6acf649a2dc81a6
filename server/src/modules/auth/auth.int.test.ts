import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, DEMO_PASSWORD, startTestEnv, type TestEnv } from '../../../test/harness.ts';

for (const target of await dbTargets()) {
  describe(`auth (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target, { env: { LOGIN_MAX_FAILURES: '3' } });
    });
    after(() => env?.close());

    const login = (username: string, password: string, lang = 'zh-CN') =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
        headers: { 'accept-language': lang },
      });

    test('signs in with an httpOnly SameSite cookie and returns the profile with permissions', async () => {
      const res = await login('admin', DEMO_PASSWORD);
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'yy_session');
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Lax');
      const me = res.json();
      assert.equal(me.username, 'admin');
      assert.ok(me.permissions.includes('user:write'));
      assert.equal(me.regionCode, '500110000000');
      assert.equal(me.regionName, '綦江区');
      assert.ok(me.csrfToken.length > 20);
    });

    test('wrong password: 401 with a localized message, no cookie', async () => {
      const zh = await login('street', 'wrong-password-1');
      assert.equal(zh.statusCode, 401);
      assert.equal(zh.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(zh.json().code, 'auth.invalid_credentials');
      assert.equal(zh.json().detail, '用户名或密码错误');
      assert.equal(zh.cookies.length, 0);
      const en = await login('nobody', 'wrong-password-1', 'en-US,en;q=0.9');
      assert.equal(en.json().detail, 'Wrong username or password');
    });

    test('locks a username after repeated failures, even with the right password', async () => {
      for (let i = 0; i < 2; i++)
        assert.equal((await login('inspector', 'bad-password-' + i)).statusCode, 401);
      const third = await login('inspector', 'bad-password-x');
      assert.equal(third.statusCode, 429);
      assert.equal(third.json().code, 'auth.locked');
      const right = await login('inspector', DEMO_PASSWORD);
      assert.equal(right.statusCode, 429, 'locked account refuses the right password too');
    });

    test('state changes need the CSRF token of the session', async () => {
      const c = await env.login('admin');
      const withoutToken = await c.request(
        'PATCH',
        '/api/v1/me/preferences',
        { elderMode: true },
        { 'x-csrf-token': 'forged' },
      );
      assert.equal(withoutToken.statusCode, 403);
      assert.equal(withoutToken.json().code, 'auth.csrf');
      const ok = await c.patch('/api/v1/me/preferences', { elderMode: true, locale: 'en-US' });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { elderMode: true, locale: 'en-US' });
      assert.equal((await c.get('/api/v1/me')).json().preferences.elderMode, true);
    });

    test("logout ends the session; revoking a user's sessions ends them everywhere", async () => {
      const c = await env.login('hotline');
      assert.equal((await c.get('/api/v1/me')).statusCode, 200);
      assert.equal((await c.post('/api/v1/auth/logout')).statusCode, 204);
      const after = await c.get('/api/v1/me');
      assert.equal(after.statusCode, 401);
      assert.equal(after.json().code, 'auth.session_expired');

      const victim = await env.login('village');
      const admin = await env.login('admin');
      const r = await admin.post(`/api/v1/users/${victim.userId}/revoke-sessions`);
      assert.equal(r.statusCode, 200);
      assert.ok(r.json().revoked >= 1);
      assert.equal((await victim.get('/api/v1/me')).statusCode, 401);
    });

    test('disabled users cannot sign in and lose their sessions', async () => {
      const admin = await env.login('admin');
      const vol = await env.login('volunteer');
      const res = await admin.patch(`/api/v1/users/${vol.userId}`, { status: 'disabled' });
      assert.equal(res.statusCode, 200);
      assert.equal((await vol.get('/api/v1/me')).statusCode, 401);
      const again = await login('volunteer', DEMO_PASSWORD);
      assert.equal(again.statusCode, 403);
      assert.equal(again.json().code, 'auth.disabled');
    });

    test("API tokens authenticate integrations with the owner's scope and can be revoked", async () => {
      const admin = await env.login('admin');
      const created = await admin.post('/api/v1/users', {
        username: 'integration-bot',
        displayName: '对接账号',
        password: 'Integr4tion-pass',
        roles: ['community_worker'],
        regionCode: (await admin.get('/api/v1/me')).json().regionCode,
        isServiceAccount: true,
      });
      assert.equal(created.statusCode, 201, created.body);
      const botId = created.json().id;
      const t = await admin.post(`/api/v1/users/${botId}/api-tokens`, { name: 'ERP' });
      assert.equal(t.statusCode, 201);
      const token = t.json().token as string;
      const bearer = (url: string) =>
        env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      const me = await bearer('/api/v1/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().username, 'integration-bot');
      // Bearer requests carry no cookie, so no CSRF token is needed for writes.
      const pref = await env.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/preferences',
        headers: { authorization: `Bearer ${token}` },
        payload: { locale: 'en-US' },
      });
      assert.equal(pref.statusCode, 200);
      // Service accounts never sign in with a password.
      assert.equal((await login('integration-bot', 'Integr4tion-pass')).statusCode, 401);
      assert.equal((await admin.delete(`/api/v1/users/${botId}/api-tokens/${t.json().id}`)).statusCode, 204);
      const revoked = await bearer('/api/v1/me');
      assert.equal(revoked.statusCode, 401);
      assert.equal(revoked.json().code, 'auth.token_invalid');
      assert.equal(
        (
          await bearer('/api/v1/me').then(() =>
            env.app.inject({
              method: 'GET',
              url: '/api/v1/me',
              headers: { authorization: 'Bearer nonsense' },
            }),
          )
        ).statusCode,
        401,
      );
    });

    test('sign-ins, failures and locks are in the audit log', async () => {
      const admin = await env.login('admin');
      const res = await admin.get('/api/v1/audit-events?limit=200');
      const actions = new Set(res.json().items.map((i: { action: string }) => i.action));
      for (const a of ['auth.login', 'auth.login_failed', 'auth.locked', 'user.revoke_sessions'])
        assert.ok(actions.has(a), a);
    });
  });
}
