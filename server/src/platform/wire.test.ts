import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { clientErrorHandler } from './wire.ts';

/** What the handler writes to a connection for a parser error, split into head and problem. */
function answer(err: Error & { code?: string; rawPacket?: unknown }) {
  let written = '';
  let destroyed = false;
  const socket = {
    destroyed: false,
    writable: true,
    write: (s: string) => (written += s),
    destroy: () => (destroyed = true),
  } as unknown as Socket;
  const app = { log: { debug: () => {} } } as unknown as FastifyInstance;
  clientErrorHandler.call(app, err, socket);
  const [head = '', body = ''] = written.split('\r\n\r\n');
  return { written, head, problem: body && JSON.parse(body), bodyBytes: Buffer.byteLength(body), destroyed };
}

const overflow = (raw: string) =>
  Object.assign(new Error('Header overflow'), { code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from(raw) });

test('header overflow: 431 problem+json with a code, in the language the request asked for', () => {
  const zh = answer(overflow('GET /api/v1/elders?q=aaaa HTTP/1.1\r\nHost: x\r\n'));
  assert.match(zh.head, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  assert.match(zh.head, /\r\nContent-Type: application\/problem\+json; charset=utf-8/);
  // Content-Length counts bytes: the Chinese detail is longer in UTF-8 than in characters.
  assert.match(zh.head, new RegExp(`\\r\\nContent-Length: ${zh.bodyBytes}\\r\\n`));
  assert.equal(zh.problem.code, 'common.request_too_large');
  assert.equal(zh.problem.status, 431);
  assert.equal(zh.problem.detail, '请求的网址或请求头过长，请缩短查询条件');
  assert.ok(zh.destroyed);
  const en = answer(overflow('GET /?q=a HTTP/1.1\r\nHost: x\r\nAccept-Language: en-US,en;q=0.9\r\n'));
  assert.equal(en.problem.title, 'Request header fields too large');
  assert.equal(en.problem.detail, 'The request URL or headers are too long; shorten the query');
});

test('other parser errors: 400 or 408 problem+json; a reset connection gets nothing', () => {
  const bad = answer(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }));
  assert.equal(bad.problem.status, 400);
  assert.equal(bad.problem.code, 'common.bad_request');
  const slow = answer(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }));
  assert.equal(slow.problem.status, 408);
  assert.equal(slow.problem.code, 'common.request_timeout');
  assert.equal(answer(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).written, '');
});
