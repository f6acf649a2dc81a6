import { z } from 'zod';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import type { CaregiverService } from './staff.caregivers.service.ts';
import {
  baseBody,
  baseView,
  caregiverDetail,
  caregiverList,
  caregiverQuery,
  indicatorQuery,
  indicatorsView,
  leaveCreateBody,
  leaveView,
  shiftCreateBody,
  shiftView,
  trainingCreateBody,
  trainingView,
} from './staff.schema.ts';

const tags = ['staff'];
const params = z.object({ userId: z.uuid() }).strict();
const itemParams = z.object({ userId: z.uuid(), id: z.uuid() }).strict();
const victim = { params: { userId: '{{victim.caregiverId}}' } };

/** Providers' caregivers: the list, one caregiver, training, shifts, leave, work base, the indicators. */
export function caregiverRoutes(app: App, caregivers: CaregiverService): void {
  app.get(
    '/api/v1/staff/caregivers',
    {
      config: { access: 'staff:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: caregiverQuery, response: { 200: caregiverList } },
    },
    (req) => caregivers.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/staff/caregivers/:userId',
    {
      config: { access: 'staff:read', authz: victim },
      schema: { tags, params, response: { 200: caregiverDetail } },
    },
    (req) => caregivers.detail(authOf(req), req.params.userId),
  );
  app.get(
    '/api/v1/staff/indicators',
    {
      config: { access: 'staff:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: indicatorQuery, response: { 200: indicatorsView } },
    },
    (req) => caregivers.indicators(authOf(req), req.query.regionCode),
  );
  app.put(
    '/api/v1/staff/:userId/base',
    {
      config: {
        access: 'staff:write',
        authz: { ...victim, body: { lat: 29.5, lng: 106.5 } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params, body: baseBody, response: { 200: baseView } },
    },
    (req) => caregivers.setBase(authOf(req), actorOf(req), req.params.userId, req.body),
  );
  recordRoutes(app, caregivers);
}

/** Training records, shifts and leave: add (idempotent with a key) and remove. */
function recordRoutes(app: App, caregivers: CaregiverService): void {
  const add = { access: 'staff:write', idempotent: true } as const;
  app.post(
    '/api/v1/staff/:userId/trainings',
    {
      config: {
        ...add,
        authz: {
          ...victim,
          body: { kind: 'pre_job', topic: 'PROBE', startedOn: '2025-01-01', endedOn: '2025-01-02', hours: 8 },
        },
      },
      schema: { tags, params, body: trainingCreateBody, response: { 201: trainingView } },
    },
    (req, reply) => {
      reply.status(201);
      return caregivers.addTraining(authOf(req), actorOf(req), req.params.userId, req.body);
    },
  );
  app.post(
    '/api/v1/staff/:userId/shifts',
    {
      config: { ...add, authz: { ...victim, body: { weekday: 7, start: '20:00', end: '21:00' } } },
      schema: { tags, params, body: shiftCreateBody, response: { 201: shiftView } },
    },
    (req, reply) => {
      reply.status(201);
      return caregivers.addShift(authOf(req), actorOf(req), req.params.userId, req.body);
    },
  );
  app.post(
    '/api/v1/staff/:userId/leaves',
    {
      config: {
        ...add,
        authz: { ...victim, body: { from: '2025-01-01', to: '2025-01-02', reason: 'PROBE' } },
      },
      schema: { tags, params, body: leaveCreateBody, response: { 201: leaveView } },
    },
    (req, reply) => {
      reply.status(201);
      return caregivers.addLeave(authOf(req), actorOf(req), req.params.userId, req.body);
    },
  );
  removeRoute(app, 'trainings', 'trainingId', (...a) => caregivers.removeTraining(...a));
  removeRoute(app, 'shifts', 'shiftId', (...a) => caregivers.removeShift(...a));
  removeRoute(app, 'leaves', 'leaveId', (...a) => caregivers.removeLeave(...a));
}

function removeRoute(
  app: App,
  path: string,
  fixture: string,
  remove: (auth: AuthContext, actor: Actor, userId: string, id: string) => Promise<void>,
): void {
  app.delete(
    `/api/v1/staff/:userId/${path}/:id`,
    {
      config: {
        access: 'staff:write',
        authz: { params: { userId: '{{victim.caregiverId}}', id: `{{victim.${fixture}}}` } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: itemParams },
    },
    async (req, reply) => {
      await remove(authOf(req), actorOf(req), req.params.userId, req.params.id);
      return reply.status(204).send();
    },
  );
}
