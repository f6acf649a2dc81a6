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
import { accessGate, authOf, type App, type AuthzProbe } from './platform/http.ts';
import { clientErrorHandler, useStrictUtf8Json } from './platform/wire.ts';
import { registerSecurityHeaders } from './platform/securityHeaders.ts';
import type { RouteAccess } from './platform/access.ts';
import { assessmentRoutes } from './modules/assessment/assessment.routes.ts';
import { AssessmentService } from './modules/assessment/assessment.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { AuthCache } from './modules/auth/auth.cache.ts';
import { AuthService, SESSION_COOKIE } from './modules/auth/auth.service.ts';
import { elderRoutes } from './modules/elder/elder.routes.ts';
import { ElderService } from './modules/elder/elder.service.ts';
import { elderRelations } from './modules/elder/elder.scope.ts';
import { ElderExportService } from './modules/elder/elder.export.ts';
import { elderImportRoutes } from './modules/elder/import/elder.import.routes.ts';
import { ElderImportService } from './modules/elder/import/elder.import.service.ts';
import { DEFAULT_BULK_RULE } from './modules/elder/import/elder.import.indexes.ts';
import { organisationRoutes } from './modules/organisation/organisation.routes.ts';
import { OrganisationService } from './modules/organisation/organisation.service.ts';
import { regionRoutes } from './modules/region/region.routes.ts';
import { RegionService } from './modules/region/region.service.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { StaffService } from './modules/staff/staff.service.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { StatsService } from './modules/stats/stats.service.ts';
import { userRoutes } from './modules/user/user.routes.ts';
import { UserService } from './modules/user/user.service.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  authz: AuthzProbe | undefined;
}

export interface BuiltApp {
  app: App;
  routes: RegisteredRoute[];
  services: {
    auth: AuthService;
    users: UserService;
    organisations: OrganisationService;
    regions: RegionService;
    elders: ElderService;
    imports: ElderImportService;
    assessments: AssessmentService;
    staff: StaffService;
  };
}

/** Builds the HTTP app from the platform and the modules (STYLE.md: app.ts). */
export async function buildApp(p: Platform): Promise<BuiltApp> {
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
  const authCache = new AuthCache(config.AUTH_CACHE_SECONDS * 1000);
  const deps = { db: p.db, bus: p.bus, config, cipher: p.cipher, authCache };
  const regions = new RegionService(deps);
  const elders = new ElderService({ ...deps, regions });
  const auth = new AuthService({ ...deps, relations: elderRelations(p.db) });
  const services = {
    auth,
    users: new UserService(deps),
    organisations: new OrganisationService(deps),
    regions,
    elders,
    imports: new ElderImportService({
      ...deps,
      elders,
      log: p.log,
      maxMb: config.IMPORT_MAX_MB,
      limits: {
        maxRows: config.IMPORT_MAX_ROWS,
        maxCellChars: config.IMPORT_MAX_CELL_CHARS,
        maxUnzippedBytes: config.IMPORT_XLSX_MAX_UNZIPPED_MB * 1024 * 1024,
      },
      ...(p.database.kind === 'postgres' ? { bulk: DEFAULT_BULK_RULE } : {}),
    }),
    assessments: new AssessmentService({ ...deps, elders, regions, auth }),
    staff: new StaffService(deps),
  };

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/v1')) return;
    const access = r.config?.access;
    // Every API route declares who may call it; a forgotten declaration fails at start-up, not in production.
    if (access === undefined) throw new Error(`Route ${String(r.method)} ${r.url} declares no access`);
    for (const method of ([] as string[]).concat(r.method as string | string[])) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: r.url, access, authz: r.config?.authz });
    }
  });

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

  app.addHook('onRequest', async (req, reply) => {
    req.locale = negotiateLocale(req.headers['accept-language']);
    req.auth = null;
    if (!req.url.startsWith('/api/v1')) return;
    const authz = req.headers.authorization;
    const bearer = authz?.startsWith('Bearer ') ? authz.slice(7).trim() : undefined;
    const cookieToken = req.cookies[SESSION_COOKIE];
    req.auth = await services.auth.resolve(cookieToken, bearer);
    // Every later log line of this request names the user (an id, never personal data).
    if (req.auth) req.log = reply.log = req.log.child({ userId: req.auth.userId });
    const access = req.routeOptions.config.access;
    // Access is decided before the body is parsed or validated: strangers learn nothing about a route.
    if (!req.auth && cookieToken && access !== 'public' && access !== undefined)
      throw new DomainError('auth.session_expired', { status: 401 });
    await accessGate(req, reply);
  });

  // Modules.
  authRoutes(app, { config, ...services });
  regionRoutes(app, services.regions);
  organisationRoutes(app, services.organisations);
  userRoutes(app, services.users);
  elderRoutes(app, services.elders);
  elderImportRoutes(app, services.imports, new ElderExportService({ ...deps, elders }));
  // Background imports of this instance finish (or fail and record it) before the platform closes.
  app.addHook('onClose', () => services.imports.drain());
  assessmentRoutes(app, services.assessments);
  // Immediate reassessment triggers (e.g. hospital discharge) from other modules' events.
  p.onEvent((e) => {
    services.assessments
      .onEvent(e)
      .catch((err: unknown) => p.log.warn({ err, topic: e.topic }, 'assessment trigger failed'));
  });
  staffRoutes(app, services.staff);
  auditRoutes(app, p.db);
  statsRoutes(app, new StatsService({ db: p.db, regions: services.regions }));

  // Realtime: domain events for the caller's scope.
  app.get(
    '/api/v1/events',
    {
      websocket: true,
      config: {
        access: 'authenticated',
        authz: { skip: 'events are filtered per connection by scope (realtime.test.ts)' },
      },
    },
    (socket, req) => {
      // Cross-site WebSocket hijacking: browsers send Origin; it must be this host.
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host) {
        socket.close(1008, 'origin');
        return;
      }
      p.hub.add(socket, authOf(req));
      socket.send(JSON.stringify({ type: 'hello', userId: authOf(req).userId }));
    },
  );

  // Operations.
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

  // The built console and mobile app, with history-API fallback for their client-side routes.
  const hasWeb = existsSync(join(config.webDist, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, { root: config.webDist, index: 'index.html', preCompressed: true });
  app.setNotFoundHandler((req: FastifyRequest, reply) => {
    const path = req.url.split('?')[0]!;
    if (hasWeb && req.method === 'GET' && !path.startsWith('/api') && !path.includes('.'))
      return reply.sendFile('index.html');
    return notFoundHandler(req, reply);
  });

  return { app, routes, services };
}
