import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { formatMessage, STATUS_TITLES, type FieldError, type Locale, type Problem } from '@yiyang/contracts';
import { issueCode } from './issues.ts';

/**
 * A failure the user can act on. The code is the i18n key (contracts
 * messages.ts); one handler turns it into RFC 9457 problem+json
 * (STYLE.md habit 3).
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, unknown>;
  readonly fieldErrors: { pointer: string; code: string; params?: Record<string, unknown> }[];
  /** Extension members for the problem body (never personal data). */
  readonly meta: Record<string, unknown> | undefined;
  constructor(
    code: string,
    opts: {
      status?: number;
      params?: Record<string, unknown>;
      errors?: { pointer: string; code: string; params?: Record<string, unknown> }[];
      meta?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.code = code;
    this.status = opts.status ?? 422;
    this.params = opts.params ?? {};
    this.fieldErrors = opts.errors ?? [];
    this.meta = opts.meta;
  }
}

export const notFound = (code = 'common.not_found', params?: Record<string, unknown>) =>
  new DomainError(code, { status: 404, params });
export const forbidden = (code = 'auth.forbidden') => new DomainError(code, { status: 403 });
export const conflict = (code: string, params?: Record<string, unknown>, pointer?: string) =>
  new DomainError(code, { status: 409, params, errors: pointer ? [{ pointer, code, params }] : [] });
/** A field that passed the schema but breaks a rule: 422 with the pointer the form shows. */
export const invalidField = (pointer: string, code: string, params?: Record<string, unknown>) =>
  new DomainError('common.validation', { status: 422, errors: [{ pointer, code, params }] });

/** Whether `err` (or an error it wraps: Drizzle puts the driver's in `cause`) has SQLSTATE `code`. */
export function hasPgCode(err: unknown, code: string): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === code) return true;
  return false;
}

/** A unique-index violation (SQLSTATE 23505)? */
export const isUniqueViolation = (err: unknown): boolean => hasPgCode(err, '23505');

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** A problem body; `at` is the request when there is one (a client error of the HTTP parser has none). */
export function problemOf(
  at: { locale: Locale; instance?: string; requestId?: string },
  status: number,
  code: string,
  params: Record<string, unknown>,
  errors: FieldError[] = [],
): Problem {
  return {
    type: `https://yiyang.dev/problems/${code}`,
    title: (STATUS_TITLES[status] ?? STATUS_TITLES[500]!)[at.locale],
    status,
    code,
    detail: formatMessage(code, at.locale, params),
    ...(at.instance !== undefined ? { instance: at.instance } : {}),
    ...(at.requestId !== undefined ? { requestId: at.requestId } : {}),
    ...(errors.length ? { errors } : {}),
  };
}

function problem(
  req: FastifyRequest,
  status: number,
  code: string,
  params: Record<string, unknown>,
  errors: FieldError[] = [],
): Problem {
  const at = { locale: req.locale ?? 'zh-CN', instance: req.url.split('?')[0], requestId: req.id };
  return problemOf(at, status, code, params, errors);
}

function fromValidation(req: FastifyRequest, err: FastifyError): Problem {
  const where = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
  const locale = req.locale ?? 'zh-CN';
  const items = (err.validation ?? []) as unknown as ValidationItem[];
  const errors: FieldError[] = items.map((v) => {
    const { code, params } = issueCode({ ...v.params, code: v.keyword, message: v.message });
    const path = v.instancePath === '/' ? '' : v.instancePath;
    return { pointer: `/${where}${path}`, code, message: formatMessage(code, locale, params) };
  });
  return problem(req, 400, 'common.validation', {}, errors);
}

/** The one error handler: everything leaves as problem+json, 4xx for the client's faults. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let body: Problem;
  if (err instanceof DomainError) {
    const locale = req.locale ?? 'zh-CN';
    body = problem(
      req,
      err.status,
      err.code,
      err.params,
      err.fieldErrors.map((f) => ({
        pointer: f.pointer,
        code: f.code,
        message: formatMessage(f.code, locale, f.params ?? err.params),
      })),
    );
    if (err.meta) body.meta = err.meta;
  } else if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
    body = fromValidation(req, err);
  } else if (
    err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (err instanceof SyntaxError && err.statusCode === 400)
  ) {
    body = problem(req, 400, 'common.malformed_json', {});
  } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    body = problem(req, 400, 'common.malformed_json', {});
  } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    body = problem(req, 413, 'common.payload_too_large', {});
  } else if (
    err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
    err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
  ) {
    body = problem(req, 415, 'common.unsupported_media_type', {});
  } else if (err.statusCode === 429) {
    body = problem(req, 429, 'common.rate_limited', {});
  } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    body = problem(
      req,
      err.statusCode,
      err.statusCode === 404 ? 'common.not_found' : 'common.invalid_value',
      {},
    );
  } else {
    req.log.error({ err }, 'unhandled error');
    body = problem(req, 500, 'common.internal', {});
  }
  return reply.status(body.status).type('application/problem+json').send(body);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const body = problem(req, 404, 'common.route_not_found', {
    method: req.method,
    url: req.url.split('?')[0],
  });
  return reply.status(404).type('application/problem+json').send(body);
}
