import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, startTestEnv, type Client, type TestEnv } from './harness.ts';

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
