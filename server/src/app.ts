import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { negotiateLocale } from '@yiyang/contracts';
import { fastifyTrustProxy } from './config.ts';
import type { Platform } from './platform/context.ts';
import { DomainError, errorHandler, notFoundHandler } from './platform/errors.ts';
import { accessGate, type App, type AuthzProbe, type IdempotencyDeclaration } from './platform/http.ts';
import { idempotentRoutes } from './platform/idempotency.ts';
import { realtimeRoutes } from './platform/realtime.routes.ts';
import { clientErrorHandler, useStrictUtf8Json } from './platform/wire.ts';
import { registerSecurityHeaders } from './platform/securityHeaders.ts';
import type { RouteAccess } from './platform/access.ts';
import { AuthCache } from './platform/authCache.ts';
import { SESSION_COOKIE } from './modules/auth/auth.service.ts';
import { modules, type Modules } from './modules/index.ts';
import {
  createServices,
  flatServices,
  type AnyModule,
  type BuiltModules,
  type FlatServices,
} from './platform/module.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  authz: AuthzProbe | undefined;
  idempotent: IdempotencyDeclaration | undefined;
  /** The module that registered it (null: the platform's own, e.g. the realtime socket). */
  module: string | null;
}

export interface BuiltApp {
  app: App;
  routes: RegisteredRoute[];
  /** Every module's services in one object (`services.elders`, `services.assessments`…). */
  services: FlatServices<Modules>;
  /** The modules, their services and dependencies (schedules, the CLI, the authorization walk). */
  built: BuiltModules;
}

/**
 * Builds the HTTP app from the platform and the modules of `list` (STYLE.md: app.ts; decision 017):
 * their services in list order, their routes, event handlers and close hooks.
 */
export async function buildApp(p: Platform, list: readonly AnyModule[] = modules): Promise<BuiltApp> {
  const { config } = p;
  const app = Fastify({
    loggerInstance: p.log,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  useStrictUtf8Json(app);

  // One session cache per instance, shared by the auth gate and the services that revoke sessions.
  const built = createServices(p, list, new AuthCache(config.AUTH_CACHE_SECONDS * 1000));
  const services = flatServices<Modules>(built);
  const { auth } = built.byName('auth')?.services as { auth?: FlatServices<Modules>['auth'] };
  if (!auth) throw new Error('The auth module is not in the module list: nothing could resolve a session');

  const registry = recordRoutes(app);
  app.addHook('onRoute', idempotentRoutes({ db: p.db, cipher: p.cipher }));
  await registerPlugins(app, config);
  sessionGate(app, auth);

  // Modules, in list order.
  for (const { module: m, services: s, deps } of built.modules) {
    registry.registering = m.name;
    m.routes?.(app, s, deps, built.ctx);
    registry.registering = null;
    if (m.close) app.addHook('onClose', () => m.close!(s));
    for (const h of m.events ?? [])
      p.onEvent((e) => {
        h.handle(e, s, deps).catch((err: unknown) => p.log.warn({ err, topic: e.topic }, `${h.name} failed`));
      });
  }

  // Realtime: domain events for the caller's scope.
  realtimeRoutes(app, p);
  operationsRoutes(app, p);
  await webRoutes(app, config.webDist);
  return { app, routes: registry.routes, services, built };
}

/** Every API route as registered, with the module registering it (the authorization walk's list). */
function recordRoutes(app: App): { routes: RegisteredRoute[]; registering: string | null } {
  const registry = { routes: [] as RegisteredRoute[], registering: null as string | null };
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/v1')) return;
    const access = r.config?.access;
    // Every API route declares who may call it; a forgotten declaration fails at start-up, not in production.
    if (access === undefined) throw new Error(`Route ${String(r.method)} ${r.url} declares no access`);
    for (const method of ([] as string[]).concat(r.method as string | string[])) {
      if (method === 'HEAD') continue;
      registry.routes.push({
        method,
        url: r.url,
        access,
        authz: r.config?.authz,
        idempotent: r.config?.idempotent,
        module: registry.registering,
      });
    }
  });
  return registry;
}

async function registerPlugins(app: App, config: Platform['config']): Promise<void> {
  await app.register(cookie);
  await registerSecurityHeaders(app, config.webDist);
  // Uploads (摸底表 import): one file per request, streamed; the JSON body limit does not apply.
  await app.register(multipart, {
    limits: { fileSize: config.IMPORT_MAX_MB * 1024 * 1024, files: 1, fields: 5, parts: 6 },
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yiyang 颐养 API',
        version: '1',
        description:
          'Community and home-based elderly care platform. Errors are RFC 9457 problem+json with `code` and `errors[{pointer, code, message}]`, localised by Accept-Language (zh-CN, en-US).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}

/** Resolves the caller's session and applies the route's access before anything else runs. */
function sessionGate(app: App, auth: FlatServices<Modules>['auth']): void {
  app.addHook('onRequest', async (req, reply) => {
    req.locale = negotiateLocale(req.headers['accept-language']);
    req.auth = null;
    if (!req.url.startsWith('/api/v1')) return;
    const authz = req.headers.authorization;
    const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : undefined;
    const cookieToken = req.cookies[SESSION_COOKIE];
    req.auth = await auth.resolve(cookieToken, bearer);
    // Every later log line of this request names the user (an id, never personal data).
    if (req.auth) req.log = reply.log = req.log.child({ userId: req.auth.userId });
    const access = req.routeOptions.config.access;
    // Access is decided before the body is parsed or validated: strangers learn nothing about a route.
    if (!req.auth && cookieToken && access !== 'public' && access !== undefined)
      throw new DomainError('auth.session_expired', { status: 401 });
    await accessGate(req, reply);
  });
}

/** Health, readiness and the OpenAPI document. */
function operationsRoutes(app: App, p: Platform): void {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await p.db.execute(sql`SELECT 1`);
      return { status: 'ready', database: p.database.kind, broker: p.broker?.url ?? null };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: z.any() } } },
    async () => app.swagger(),
  );
}

/** The built console and mobile app, with history-API fallback for their client-side routes. */
async function webRoutes(app: App, webDist: string): Promise<void> {
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, index: 'index.html', preCompressed: true });
  app.setNotFoundHandler((req: FastifyRequest, reply) => {
    const path = req.url.split('?')[0]!;
    if (hasWeb && req.method === 'GET' && !path.startsWith('/api') && !path.includes('.'))
      return reply.sendFile('index.html');
    return notFoundHandler(req, reply);
  });
}
