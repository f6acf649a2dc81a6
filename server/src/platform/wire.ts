import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { negotiateLocale } from '@yiyang/contracts';
import { DomainError, problemOf } from './errors.ts';

/**
 * What arrives on the wire before a route sees it: the bytes of a JSON body,
 * and requests Node's HTTP parser refuses on its own.
 */

/**
 * JSON bodies are UTF-8 (RFC 8259 §8.1). Fastify decodes them leniently, so
 * invalid bytes became U+FFFD and were stored as "��"; here they are a 400
 * that changes nothing. Parsing itself stays Fastify's (prototype
 * poisoning checks included).
 */
export function useStrictUtf8Json(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    let decoded: string;
    try {
      decoded = utf8.decode(body);
    } catch {
      done(
        new DomainError('common.invalid_utf8', {
          status: 400,
          errors: [{ pointer: '/body', code: 'common.invalid_utf8' }],
        }),
        undefined,
      );
      return;
    }
    parse(req, decoded, done);
  });
}

const ACCEPT_LANGUAGE = /\r\naccept-language:[ \t]*([^\r\n]*)/i;

/**
 * Requests Node's HTTP parser refuses before Fastify sees them — headers or
 * URL over `maxHeaderSize` (16 KiB: a 15 KB query string and a few headers),
 * malformed request lines, timeouts — answered as problem+json with a code
 * like every other error, instead of Fastify's bare JSON. There is no request
 * yet: the locale comes from the bytes received, if they hold one.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'common.request_too_large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'common.request_timeout']
        : [400, 'common.bad_request'];
  const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
  const locale = negotiateLocale(ACCEPT_LANGUAGE.exec(raw)?.[1]);
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(problemOf({ locale }, status, code, {}));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
