import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { LOCALES } from '@yiyang/contracts';
import { meView, preferencesView } from '@yiyang/contracts/wire';
import type { Config } from '../../config.ts';
import { DomainError } from '../../platform/errors.ts';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import { text } from '../../platform/text.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';
import type { AuthContext } from '../../platform/access.ts';
import type { UserService } from '../user/index.ts';

const tags = ['auth'];

interface Deps {
  config: Config;
  auth: AuthService;
  users: UserService;
}

/** The signed-in account as `/me` and sign-in answer it, with the session's CSRF token. */
const profileOf = (d: Deps) => async (ctx: AuthContext, csrfToken: string | null) => ({
  ...(await d.users.profile(ctx)),
  csrfToken,
});

export function authRoutes(app: App, d: Deps): void {
  sessionRoutes(app, d);
  meRoutes(app, d);
}

function sessionRoutes(app: App, d: Deps): void {
  const me = profileOf(d);
  const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: d.config.COOKIE_SECURE ?? d.config.NODE_ENV === 'production',
      path: '/',
      expires,
    });

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        // Limited per account and per client address by AuthService (auth.throttle.ts), in the database.
        authz: { skip: 'signs in as the caller' },
        idempotent: { exempt: 'a repeat signs in again with a new session; a password is never kept' },
      },
      schema: {
        tags,
        body: z
          .object({ username: text().min(1).max(60), password: text({ trim: false }).min(1).max(200) })
          .strict(),
        response: { 200: meView },
      },
    },
    async (req, reply) => {
      const s = await d.auth
        .login(req.body.username, req.body.password, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
        })
        .catch((err: unknown) => {
          // A refused sign-in says when to come back (RFC 9110 Retry-After).
          const wait = err instanceof DomainError ? err.meta?.retryAfter : undefined;
          if (typeof wait === 'number') void reply.header('retry-after', String(wait));
          throw err;
        });
      const ctx = await d.auth.contextFor(s.user.id, 'session');
      setCookie(reply, s.token, s.expiresAt);
      return me(ctx!, s.csrfToken);
    },
  );
}

function meRoutes(app: App, d: Deps): void {
  const me = profileOf(d);
  app.post(
    '/api/v1/auth/logout',
    {
      config: {
        access: 'authenticated',
        authz: { skip: "ends the caller's own session" },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags },
    },
    async (req, reply) => {
      await d.auth.logout(authOf(req), actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated', authz: { skip: "the caller's own profile" } },
      schema: { tags, response: { 200: meView } },
    },
    (req) => me(authOf(req), authOf(req).csrfToken ?? null),
  );
  app.patch(
    '/api/v1/me/preferences',
    {
      config: {
        access: 'authenticated',
        authz: { skip: "the caller's own preferences" },
        idempotent: NO_REPLAY.sameState,
      },
      schema: {
        tags,
        description: 'Language and 长辈版 (elder mode), persisted per user.',
        body: z.object({ locale: z.enum(LOCALES).optional(), elderMode: z.boolean().optional() }).strict(),
        response: { 200: preferencesView },
      },
    },
    (req) => d.users.setPreferences(authOf(req), req.body),
  );
}
