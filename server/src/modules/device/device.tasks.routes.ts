import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import type { DeviceTasks } from './device.tasks.ts';
import {
  areaEventDetail,
  areaEventList,
  areaEventPatch,
  areaEventQuery,
  closeTaskBody,
  taskIdParams,
  taskList,
  taskListQuery,
  taskViewSchema,
  welfareCallBody,
} from './device.tasks.schema.ts';

const tags = ['devices'];
const READ = { anyOf: ['device:read', 'device:write'] } as const;
const SEAT_READ = { anyOf: ['alarm:read', 'device:read', 'device:write'] } as const;
const area = { params: { id: '{{victim.areaEventId}}' } };

/**
 * Device health (decision 029): the maintainer's task queue (设备任务) and its close action; the seats' area
 * events (区域事件) with their welfare-call lists (关怀回访名单).
 */
export function deviceTaskRoutes(app: App, tasks: DeviceTasks): void {
  app.get(
    '/api/v1/device-tasks',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: taskListQuery, response: { 200: taskList } },
    },
    (req) => tasks.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/device-tasks/:id/close',
    {
      config: {
        access: 'device:write',
        authz: { params: { id: '{{victim.deviceTaskId}}' }, body: { note: 'probe' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: taskIdParams, body: closeTaskBody, response: { 200: taskViewSchema } },
    },
    (req) => tasks.close(authOf(req), actorOf(req), req.params.id, req.body.note),
  );
  app.get(
    '/api/v1/device-area-events',
    {
      config: { access: SEAT_READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: areaEventQuery, response: { 200: areaEventList } },
    },
    (req) => tasks.areaEvents(authOf(req), req.query),
  );
  app.get(
    '/api/v1/device-area-events/:id',
    {
      config: { access: SEAT_READ, authz: area },
      schema: { tags, params: taskIdParams, response: { 200: areaEventDetail } },
    },
    (req) => tasks.areaEvent(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/device-area-events/:id/welfare-calls',
    {
      config: {
        access: 'alarm:handle',
        authz: { ...area, body: { elderId: '{{victim.deviceElderId}}', outcome: 'ok' } },
        idempotent: true,
      },
      schema: { tags, params: taskIdParams, body: welfareCallBody, response: { 200: areaEventDetail } },
    },
    (req) => tasks.markCalled(authOf(req), actorOf(req), req.params.id, req.body),
  );
  // Registered last: the authorization walk's positive control corrects the cause, it does not end the event.
  app.patch(
    '/api/v1/device-area-events/:id',
    {
      config: { access: 'alarm:handle', authz: { ...area, body: { cause: 'network' } }, idempotent: true },
      schema: { tags, params: taskIdParams, body: areaEventPatch, response: { 200: areaEventDetail } },
    },
    (req) => tasks.updateArea(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
