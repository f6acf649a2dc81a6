import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, api, setApiLocale, setCsrfToken, setUnauthorizedHandler } from '../src/api/client.ts';

type Call = { url: string; init: RequestInit };
function mockFetch(response: () => Response): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  }) as typeof fetch;
  return calls;
}
const headers = (c: Call) => c.init.headers as Record<string, string>;

test('GET sends Accept-Language and no CSRF header; query skips empty values', async () => {
  setApiLocale('en-US');
  setCsrfToken('tok');
  const calls = mockFetch(() => Response.json({ items: [], nextCursor: null }));
  await api.get('/users', { q: '', regionCode: '500110000000', limit: 20, cursor: undefined });
  assert.equal(calls[0]!.url, '/api/v1/users?regionCode=500110000000&limit=20');
  assert.equal(headers(calls[0]!)['Accept-Language'], 'en-US');
  assert.equal(headers(calls[0]!)['x-csrf-token'], undefined);
  assert.equal(calls[0]!.init.credentials, 'same-origin');
});

test('non-GET sends the CSRF token and a JSON body', async () => {
  setCsrfToken('tok');
  const calls = mockFetch(() => new Response(null, { status: 204 }));
  const r = await api.post('/users/u1/revoke-sessions', { a: 1 });
  assert.equal(r, undefined);
  assert.equal(headers(calls[0]!)['x-csrf-token'], 'tok');
  assert.equal(headers(calls[0]!)['Content-Type'], 'application/json');
  assert.equal(calls[0]!.init.body, '{"a":1}');
});

test('problem+json becomes a typed ApiError', async () => {
  mockFetch(
    () =>
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: '请求有误',
          status: 422,
          code: 'common.validation',
          detail: '提交的内容有误，请检查标出的字段',
          errors: [{ pointer: '/body/username', code: 'common.required', message: '此项为必填项' }],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
  );
  const e = await api.post('/users', {}).catch((x: unknown) => x);
  assert.ok(e instanceof ApiError);
  assert.equal(e.status, 422);
  assert.equal(e.code, 'common.validation');
  assert.equal(e.detail, '提交的内容有误，请检查标出的字段');
  assert.equal(e.errors[0]!.pointer, '/body/username');
});

test('401 calls the unauthorized handler unless the call allows it', async () => {
  let hits = 0;
  setUnauthorizedHandler(() => hits++);
  const unauthorized = () =>
    new Response(JSON.stringify({ status: 401, code: 'auth.unauthenticated', detail: '请先登录' }), {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    });
  mockFetch(unauthorized);
  await api.get('/users').catch(() => undefined);
  assert.equal(hits, 1);
  await api.get('/me', undefined, { allowUnauthorized: true }).catch(() => undefined);
  assert.equal(hits, 1);
  setUnauthorizedHandler(null);
});

test('network failure is an ApiError with status 0', async () => {
  globalThis.fetch = (async () => {
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  const e = await api.get('/me').catch((x: unknown) => x);
  assert.ok(e instanceof ApiError);
  assert.equal(e.status, 0);
  assert.equal(e.code, 'network');
});
