import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { organisations } from '../src/modules/organisation/organisation.table.ts';
import { DEMO_PASSWORD, dbTargets, startTestEnv, type Client, type TestEnv } from './harness.ts';

/** Bad input anywhere: 4xx problem+json, never 500, nothing written (PRODUCT.md §7). */
for (const target of await dbTargets()) {
  describe(`HTTP edge cases (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    before(async () => {
      env = await startTestEnv(target, { env: { BODY_LIMIT_BYTES: '4096' } });
      admin = await env.login('admin');
    });
    after(() => env?.close());

    const raw = (method: string, url: string, payload: string, contentType = 'application/json') =>
      admin.request(method, url, payload, { 'content-type': contentType });

    const isProblem = (
      res: { statusCode: number; headers: Record<string, unknown>; json(): { code: string } },
      status: number,
      code: string,
    ) => {
      assert.equal(res.statusCode, status);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json().code, code);
    };

    test('malformed JSON', async () =>
      isProblem(await raw('POST', '/api/v1/organisations', '{"name": '), 400, 'common.malformed_json'));
    test('empty JSON body', async () => {
      const res = await raw('POST', '/api/v1/organisations', '');
      assert.equal(res.statusCode, 400);
    });
    test('oversized body', async () =>
      isProblem(
        await raw('POST', '/api/v1/organisations', JSON.stringify({ name: 'x'.repeat(10_000) })),
        413,
        'common.payload_too_large',
      ));
    test('unsupported content type', async () =>
      isProblem(
        await raw('POST', '/api/v1/organisations', 'name=x', 'text/csv'),
        415,
        'common.unsupported_media_type',
      ));
    test('wrong types', async () => {
      const res = await admin.post('/api/v1/organisations', {
        name: 42,
        type: 'provider',
        regionCode: 500110000000,
      });
      isProblem(res, 400, 'common.validation');
      assert.deepEqual(
        res
          .json()
          .errors.map((e: { pointer: string }) => e.pointer)
          .sort(),
        ['/body/name', '/body/regionCode'],
      );
    });
    test('wrong query types', async () => {
      const res = await admin.get('/api/v1/users?limit=abc');
      isProblem(res, 400, 'common.validation');
      assert.equal(res.json().errors[0].pointer, '/query/limit');
    });
    test('invalid UTF-8 in a JSON body is refused, not stored as U+FFFD', async () => {
      const count = async () => (await env.platform.db.select().from(organisations)).length;
      const before = await count();
      const body = Buffer.concat([
        Buffer.from('{"name":"张'),
        Buffer.from([0xff, 0xfe, 0xe5, 0xbc]),
        Buffer.from('机构","type":"provider","regionCode":"500110001001"}'),
      ]);
      const res = await admin.request('POST', '/api/v1/organisations', body, {
        'content-type': 'application/json; charset=utf-8',
      });
      isProblem(res, 400, 'common.invalid_utf8');
      assert.equal(res.json().errors[0].pointer, '/body');
      assert.equal(await count(), before);
      // The same JSON as valid UTF-8 goes through (the strict decoder only refuses bad bytes).
      const ok = await admin.request(
        'POST',
        '/api/v1/organisations',
        Buffer.from('\ufeff{"name":"张氏机构","type":"provider","regionCode":"500110001001"}'),
        { 'content-type': 'application/json' },
      );
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().name, '张氏机构');
    });
    test('limits name their unit', async () => {
      const q = `q=${'张'.repeat(51)}`;
      const zh = await admin.get(`/api/v1/elders?${new URLSearchParams(q)}`);
      isProblem(zh, 400, 'common.validation');
      assert.deepEqual(zh.json().errors, [
        { pointer: '/query/q', code: 'common.too_long', message: '不能超过 50 个字符' },
      ]);
      const en = await admin.request('GET', `/api/v1/elders?${new URLSearchParams(q)}`, undefined, {
        'accept-language': 'en-US',
      });
      assert.equal(en.json().errors[0].message, 'At most 50 characters');
      const limit = await admin.get('/api/v1/users?limit=100000');
      assert.equal(limit.json().errors[0].message, '不能大于 200');
    });
    test('a long query string is problem+json, below and above the HTTP parser limit (16 KiB)', async () => {
      const signIn = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      const session = signIn.cookies.find((c) => c.name === 'yy_session')!;
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = env.app.server.address() as AddressInfo;
      const get = (path: string) =>
        new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
          const headers = { cookie: `yy_session=${session.value}` };
          const req = request({ port, path, headers }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (c: string) => (body += c));
            res.on('end', () =>
              resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }),
            );
          });
          req.on('error', reject).end();
        });
      // 15 KB fits: the schema refuses the search text at its field.
      const fits = await get(`/api/v1/elders?q=${'a'.repeat(15 * 1024)}`);
      assert.equal(fits.status, 400);
      assert.match(fits.type, /application\/problem\+json/);
      assert.deepEqual(
        JSON.parse(fits.body).errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [['/query/q', 'common.too_long']],
      );
      // Over the limit Node refuses the request before Fastify: still problem+json with a code.
      const over = await get(`/api/v1/elders?q=${'a'.repeat(17 * 1024)}`);
      assert.equal(over.status, 431);
      assert.match(over.type, /application\/problem\+json/);
      const problem = JSON.parse(over.body);
      assert.equal(problem.code, 'common.request_too_large');
      assert.equal(problem.detail, '请求的网址或请求头过长，请缩短查询条件');
    });
    test('unknown route', async () =>
      isProblem(await admin.get('/api/v1/nothing-here'), 404, 'common.route_not_found'));
    test('unknown method on a known path', async () => {
      const res = await admin.request('PUT', '/api/v1/users', {});
      assert.equal(res.statusCode, 404);
    });
    test('huge limit is refused, not clamped silently', async () =>
      isProblem(await admin.get('/api/v1/users?limit=100000'), 400, 'common.validation'));
    test('an invalid uuid in the path', async () =>
      isProblem(await admin.get('/api/v1/users/not-a-uuid'), 400, 'common.validation'));
    test('English messages on request', async () => {
      const res = await admin.request(
        'POST',
        '/api/v1/organisations',
        { name: 'x' },
        { 'accept-language': 'en-US' },
      );
      assert.equal(res.json().detail, 'Some fields are invalid; please check them');
      assert.equal(res.json().title, 'Bad request');
    });
    test('OpenAPI document describes every API route', async () => {
      const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const r of env.routes) {
        if (r.url === '/api/v1/events') continue;
        const path = r.url.replace(/:(\w+)/g, '{$1}');
        assert.ok(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path} in OpenAPI`);
      }
      assert.equal((await env.app.inject({ method: 'GET', url: '/api/docs' })).statusCode < 400, true);
    });
    test('health and readiness', async () => {
      assert.equal((await env.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      const ready = await env.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().database, target.name);
    });
  });
}
