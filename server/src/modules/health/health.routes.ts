import type { RouteAccess } from '../../platform/access.ts';
import { actorOf, authOf, NO_REPLAY, type App, type AuthzProbe } from '../../platform/http.ts';
import {
  alertList,
  alertQuery,
  alertView,
  emptyBody,
  escalateBody,
  idParams,
  resolveBody,
  revealBody,
  ruleCreate,
  ruleList,
  rulePatch,
  ruleView,
  thresholdBody,
  thresholdList,
  thresholdParams,
  vitalBody,
  vitalList,
  vitalQuery,
  vitalView,
} from './health.schema.ts';
import type { HealthService } from './health.service.ts';

const tags = ['health'];
const READ: RouteAccess = 'health:read';
const WRITE: RouteAccess = 'health:write';
const MANAGE: RouteAccess = 'health:manage';
const at = (key: string): AuthzProbe => ({ params: { id: `{{victim.${key}}}` } });

/** Issue 17 item 3: vital signs on the elder's record, thresholds, rules and the alert queue. */
export function healthRoutes(app: App, health: HealthService): void {
  vitalRoutes(app, health);
  ruleRoutes(app, health);
  alertRoutes(app, health);
}

function vitalRoutes(app: App, health: HealthService): void {
  app.get(
    '/api/v1/elders/:id/vital-signs',
    {
      config: { access: READ, authz: at('healthElderId') },
      schema: { tags, params: idParams, querystring: vitalQuery, response: { 200: vitalList } },
    },
    (req) => health.vitals(authOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/elders/:id/vital-signs/reveal',
    {
      config: {
        access: 'health:read_sensitive',
        authz: { ...at('healthElderId'), body: { reason: '核实健康预警' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: revealBody, response: { 200: vitalList } },
    },
    (req) => health.reveal(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/elders/:id/vital-signs',
    {
      config: {
        access: WRITE,
        authz: {
          ...at('healthElderId'),
          body: { kind: 'heart_rate', value: 72, measuredAt: '{{shared.healthMeasuredAt}}' },
        },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: vitalBody, response: { 201: vitalView } },
    },
    async (req, reply) => {
      const out = await health.record(authOf(req), actorOf(req), req.params.id, req.body);
      reply.status(201);
      return out;
    },
  );
  app.get(
    '/api/v1/elders/:id/health-thresholds',
    {
      config: { access: READ, authz: at('healthElderId') },
      schema: { tags, params: idParams, response: { 200: thresholdList } },
    },
    (req) => health.thresholds(authOf(req), req.params.id),
  );
  app.put(
    '/api/v1/elders/:id/health-thresholds/:kind',
    {
      config: {
        access: MANAGE,
        authz: {
          params: { id: '{{victim.healthElderId}}', kind: 'heart_rate' },
          body: { low: 45, high: 100 },
        },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: thresholdParams, body: thresholdBody, response: { 200: thresholdList } },
    },
    (req) => health.setThreshold(authOf(req), actorOf(req), req.params.id, req.params.kind, req.body),
  );
}

function ruleRoutes(app: App, health: HealthService): void {
  app.get(
    '/api/v1/health-rules',
    {
      config: { access: READ, authz: { skip: 'lists the rules of the caller’s own area and its ancestors' } },
      schema: { tags, response: { 200: ruleList } },
    },
    (req) => health.rules(authOf(req)),
  );
  app.post(
    '/api/v1/health-rules',
    {
      config: {
        access: MANAGE,
        authz: {
          body: {
            kind: 'no_water',
            name: '12小时未用水',
            regionCode: '{{victim.regionCode}}',
            params: { hours: 12 },
          },
        },
        idempotent: true,
      },
      schema: { tags, body: ruleCreate, response: { 201: ruleView } },
    },
    async (req, reply) => {
      const out = await health.createRule(authOf(req), actorOf(req), req.body);
      reply.status(201);
      return out;
    },
  );
  app.patch(
    '/api/v1/health-rules/:id',
    {
      config: {
        access: MANAGE,
        authz: { ...at('healthRuleId'), body: { enabled: false } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: idParams, body: rulePatch, response: { 200: ruleView } },
    },
    (req) => health.updateRule(authOf(req), actorOf(req), req.params.id, req.body),
  );
}

function alertRoutes(app: App, health: HealthService): void {
  app.get(
    '/api/v1/health-alerts',
    {
      config: { access: READ, authz: { query: { elderId: '{{victim.healthElderId}}', status: 'all' } } },
      schema: { tags, querystring: alertQuery, response: { 200: alertList } },
    },
    (req) => health.queue.alerts(authOf(req), req.query),
  );
  app.get(
    '/api/v1/health-alerts/:id',
    {
      config: { access: READ, authz: at('healthAlertId') },
      schema: { tags, params: idParams, response: { 200: alertView } },
    },
    (req) => health.queue.alert(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/health-alerts/:id/claim',
    {
      config: { access: WRITE, authz: { ...at('healthAlertId'), body: {} }, idempotent: NO_REPLAY.sameState },
      schema: { tags, params: idParams, body: emptyBody, response: { 200: alertView } },
    },
    (req) => health.queue.claim(authOf(req), actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/health-alerts/:id/resolve',
    {
      config: {
        access: WRITE,
        authz: { ...at('healthAlertId'), body: { outcome: 'false_alarm', method: 'called_elder' } },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: resolveBody, response: { 200: alertView } },
    },
    (req) => health.queue.resolve(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/health-alerts/:id/escalate',
    {
      config: {
        access: WRITE,
        authz: { ...at('healthVerifyingAlertId'), body: { method: 'called_family', note: '家属联系不上' } },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: escalateBody, response: { 200: alertView } },
    },
    (req) => health.queue.escalate(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
