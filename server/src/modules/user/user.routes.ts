import { z } from 'zod';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import {
  apiTokenCreateBody,
  apiTokenView,
  idParams,
  passwordBody,
  roleView,
  userCreateBody,
  userListQuery,
  userUpdateBody,
  userView,
} from './user.schema.ts';
import type { UserService } from './user.service.ts';

const tags = ['users'];
const victimUser = { params: { id: '{{victim.userId}}' } };

export function userRoutes(app: App, users: UserService): void {
  userAccountRoutes(app, users);
  userTokenRoutes(app, users);
}

function userAccountRoutes(app: App, users: UserService): void {
  app.get(
    '/api/v1/users',
    {
      config: { access: 'user:read', authz: {} },
      schema: {
        tags,
        querystring: userListQuery,
        response: { 200: z.object({ items: z.array(userView), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => users.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'user:read', authz: victimUser },
      schema: { tags, params: idParams, response: { 200: userView } },
    },
    (req) => users.get(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/users',
    {
      config: {
        access: 'user:write',
        authz: {
          body: {
            username: 'intruder1',
            displayName: 'X',
            password: 'Passw0rd!23',
            roles: ['community_worker'],
            regionCode: '{{victim.regionCode}}',
          },
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, body: userCreateBody, response: { 201: userView } },
    },
    async (req, reply) => reply.status(201).send(await users.create(authOf(req), actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: {
        access: 'user:write',
        authz: { ...victimUser, body: { displayName: 'hijacked' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: userUpdateBody, response: { 200: userView } },
    },
    (req) => users.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/users/:id/password',
    {
      config: {
        access: 'user:write',
        authz: { ...victimUser, body: { password: 'Hijack3d!pass' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: idParams, body: passwordBody },
    },
    async (req, reply) => {
      await users.setPassword(authOf(req), actorOf(req), req.params.id, req.body.password);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/users/:id/revoke-sessions',
    {
      config: { access: 'user:write', authz: victimUser, idempotent: NO_REPLAY.sameState },
      schema: { tags, params: idParams, response: { 200: z.object({ revoked: z.number() }) } },
    },
    (req) => users.revokeSessions(authOf(req), actorOf(req), req.params.id),
  );
}

function userTokenRoutes(app: App, users: UserService): void {
  app.get(
    '/api/v1/users/:id/api-tokens',
    {
      config: { access: 'integration:manage', authz: victimUser },
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(apiTokenView) }) } },
    },
    async (req) => ({
      items: (await users.listApiTokens(authOf(req), req.params.id)).map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        expiresAt: t.expiresAt?.toISOString() ?? null,
        revokedAt: t.revokedAt?.toISOString() ?? null,
      })),
    }),
  );
  app.post(
    '/api/v1/users/:id/api-tokens',
    {
      config: {
        access: 'integration:manage',
        authz: { ...victimUser, body: { name: 'stolen' } },
        idempotent: { exempt: "the answer holds the new token's secret, which is never kept for a replay" },
      },
      schema: {
        tags,
        params: idParams,
        body: apiTokenCreateBody,
        response: {
          201: z.object({ id: z.uuid(), token: z.string().describe('Shown once; store it safely.') }),
        },
      },
    },
    async (req, reply) => {
      const { token, row } = await users.createApiToken(
        authOf(req),
        actorOf(req),
        req.params.id,
        req.body.name,
        req.body.expiresAt ? new Date(req.body.expiresAt) : null,
      );
      return reply.status(201).send({ id: row.id, token });
    },
  );
  app.delete(
    '/api/v1/users/:id/api-tokens/:tokenId',
    {
      config: {
        access: 'integration:manage',
        authz: { params: { id: '{{victim.userId}}', tokenId: '{{victim.tokenId}}' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: z.object({ id: z.uuid(), tokenId: z.uuid() }).strict() },
    },
    async (req, reply) => {
      await users.revokeApiToken(authOf(req), actorOf(req), req.params.id, req.params.tokenId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/roles',
    {
      config: {
        access: 'authenticated',
        authz: { skip: 'role catalogue is deployment-wide reference data' },
      },
      schema: { tags, response: { 200: z.object({ items: z.array(roleView) }) } },
    },
    async (req) => ({ items: await users.roles(req.locale) }),
  );
}
