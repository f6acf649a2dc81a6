import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locale } from '@yiyang/contracts';
import { grants, type AuthContext, type RouteAccess } from './access.ts';
import type { Actor } from './audit.ts';
import { DomainError, forbidden } from './errors.ts';

/**
 * How the route-walking authorization test attacks a route: which resource
 * of another community to put in the path, and which body to send. Every
 * non-public route must declare one (or `skip` with a reason), so new routes
 * are covered by that test automatically.
 */
export interface AuthzProbe {
  /** Fixture key of a resource owned by the victim community, substituted for `:id`/`:code`. */
  params?: Record<string, string>;
  /** Body that targets the victim community (fixture keys in {{key}} are substituted). */
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  /** A file sent as multipart/form-data (field `file`) instead of a JSON body; fixture keys are substituted. */
  upload?: { fileName: string; contentType: string; content: string };
  /** Why the route cannot be attacked across scope (e.g. acts only on the caller). */
  skip?: string;
  /** Why the victim's own user cannot run the probe either (so there is no positive control). */
  noControl?: string;
}

/**
 * Whether retries of a command replay its first result (`true`: `Idempotency-Key`, platform/idempotency.ts),
 * or why the command needs no key. Every route that changes data declares one (authz.int.test.ts).
 */
export type IdempotencyDeclaration = true | { exempt: string };

/** The common reasons a command needs no key (a route with another reason writes its own). */
export const NO_REPLAY = {
  console: {
    exempt: 'console command: sent once by a person who sees its result; no client queues and replays it',
  },
  reads: { exempt: 'reads only; changes nothing' },
  sameState: { exempt: 'sets the state it names: a repeat finds that state already' },
} as const satisfies Record<string, IdempotencyDeclaration>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    authz?: AuthzProbe;
    idempotent?: IdempotencyDeclaration;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    locale: Locale;
  }
}

/** A Content-Disposition for a download: an ASCII fallback name and the UTF-8 name (RFC 6266). */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in user; routes with access other than 'public' always have one. */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw new DomainError('auth.unauthenticated', { status: 401 });
  return req.auth;
}

export function actorOf(req: FastifyRequest): Actor {
  return {
    userId: req.auth?.userId ?? null,
    name: req.auth?.username ?? 'anonymous',
    ip: req.ip,
    requestId: req.id,
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The one access gate: runs before every handler, reading the route's declared access. */
export async function accessGate(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = req.routeOptions.config.access;
  if (access === undefined || access === 'public') return;
  if (!req.auth) throw new DomainError('auth.unauthenticated', { status: 401 });
  // Cookie sessions need the per-session CSRF token on state changes; bearer tokens are not sent by browsers.
  if (
    req.auth.via === 'session' &&
    UNSAFE.has(req.method) &&
    req.headers['x-csrf-token'] !== req.auth.csrfToken
  ) {
    throw new DomainError('auth.csrf', { status: 403 });
  }
  if (!grants(req.auth, access)) throw forbidden();
}
