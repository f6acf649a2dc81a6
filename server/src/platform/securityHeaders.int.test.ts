import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { dbTargets, startTestEnv, type TestEnv } from '../../test/harness.ts';

/**
 * Every kind of response carries the security headers (decision 013): the built page and its
 * client-side routes, static files, API JSON, problem+json, downloads and /api/docs. The page is
 * a stand-in for web/dist with an inline script like Vite's route preloader.
 */
const INLINE = "(function(){var l=document.createElement('link');l.rel='modulepreload';})();";
const PAGE = `<!doctype html><html><head><script>${INLINE}</script>
<script type="module" crossorigin src="/assets/index-x.js"></script></head><body><div id="root"></div></body></html>`;

// Headers do not depend on the database: the first target will do.
const [target] = await dbTargets();

describe('security headers', () => {
  let env: TestEnv;
  let web: string;
  before(async () => {
    web = mkdtempSync(join(tmpdir(), 'yy-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), PAGE);
    writeFileSync(join(web, 'assets', 'index-x.js'), 'console.log(1)');
    env = await startTestEnv(target!, { env: { WEB_DIST: web } });
  });
  after(async () => {
    await env?.close();
    rmSync(web, { recursive: true, force: true });
  });

  /** The policy as directive → sources. */
  const csp = (res: LightMyRequestResponse) =>
    new Map(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...sources]) => [name!, sources]),
    );

  const assertHeaders = (res: LightMyRequestResponse, what: string) => {
    const policy = csp(res);
    const hash = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`;
    assert.deepEqual(
      policy.get('script-src'),
      ["'self'", hash],
      `${what}: scripts from here and the build's own`,
    );
    assert.deepEqual(policy.get('script-src-attr'), ["'none'"], what);
    assert.deepEqual(policy.get('default-src'), ["'self'"], what);
    assert.deepEqual(policy.get('object-src'), ["'none'"], what);
    assert.deepEqual(policy.get('base-uri'), ["'none'"], what);
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], what);
    assert.ok(
      !policy.has('upgrade-insecure-requests'),
      `${what}: plain-HTTP intranet deployments keep working`,
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
    assert.equal(res.headers['x-frame-options'], 'DENY', what);
    assert.equal(res.headers['referrer-policy'], 'same-origin', what);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', what);
    const permissions = String(res.headers['permissions-policy']);
    assert.match(permissions, /(^|, )geolocation=\(self\)(,|$)/, what);
    assert.match(permissions, /(^|, )camera=\(\)(,|$)/, what);
    assert.match(permissions, /(^|, )microphone=\(\)(,|$)/, what);
  };

  const get = (url: string, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers });

  test('the console and phone app pages, their client-side routes and static files', async () => {
    for (const url of ['/', '/elders/map', '/m', '/m/assessments', '/assets/index-x.js']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assertHeaders(res, url);
    }
    assert.match(String((await get('/')).headers['content-type']), /^text\/html/);
  });

  test('API JSON, problem+json and downloads', async () => {
    const admin = await env.login('admin');
    const json = await admin.get('/api/v1/me');
    assert.equal(json.statusCode, 200);
    assertHeaders(json, 'JSON');
    const unauthenticated = await get('/api/v1/me');
    assert.equal(unauthenticated.headers['content-type'], 'application/problem+json; charset=utf-8');
    assertHeaders(unauthenticated, 'problem+json 401');
    const missing = await get('/api/v1/nothing-here');
    assert.equal(missing.statusCode, 404);
    assertHeaders(missing, 'problem+json 404');
    const invalid = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    assert.equal(invalid.statusCode, 400);
    assertHeaders(invalid, 'problem+json 400');
    const download = await admin.get('/api/v1/elders/import/template');
    assert.equal(download.statusCode, 200);
    assertHeaders(download, 'xlsx download');
    assertHeaders(await get('/healthz'), 'health');
  });

  test('the API documentation', async () => {
    const docs = await get('/api/docs/');
    assert.equal(docs.statusCode, 200);
    assertHeaders(docs, '/api/docs');
    assertHeaders(await get('/api/openapi.json'), 'OpenAPI');
  });
});
