import type { z } from 'zod';
import type { AuthContext, RouteAccess } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { actorOf, attachment, authOf, NO_REPLAY, type App, type AuthzProbe } from '../../platform/http.ts';
import {
  alarmDetail,
  alarmList,
  arriveBody,
  closeBody,
  dispatchBody,
  dutyView,
  emptyBody,
  idParams,
  listQuery,
  noteBody,
  raiseBody,
  responderBody,
  responderList,
  responderView,
  revealBody,
  revealView,
  shiftBody,
  shiftView,
  signOnBody,
  reportQuery,
  statsQuery,
  statsView,
  userParams,
} from './alarm.schema.ts';
import type { AlarmService } from './alarm.service.ts';

const tags = ['alarms'];
const READ: RouteAccess = { anyOf: ['alarm:read', 'alarm:respond'] };
const ONLY_DISPATCHED = 'only the responder the alarm was dispatched to may (alarm.int.test.ts)';
const at = (key: string): AuthzProbe => ({ params: { id: `{{victim.${key}}}` } });

/** PRODUCT.md §5: /api/v1/alarms and its commands, the duty rota, responders. */
export function alarmRoutes(app: App, alarms: AlarmService): void {
  alarmReadRoutes(app, alarms);
  alarmCommandRoutes(app, alarms);
  dutyRoutes(app, alarms);
  statsRoutes(app, alarms);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STATS = { access: 'alarm:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } } as const;

/** The answering statistics (issue 17 §4): a month in a region, as JSON and as the monthly Excel report. */
function statsRoutes(app: App, alarms: AlarmService): void {
  app.get(
    '/api/v1/stats/alarms',
    { config: STATS, schema: { tags, querystring: statsQuery, response: { 200: statsView } } },
    (req) => alarms.stats(authOf(req), req.query),
  );
  app.get(
    '/api/v1/stats/alarms/report.xlsx',
    { config: STATS, schema: { tags, querystring: reportQuery } },
    async (req, reply) => {
      const { lang, ...q } = req.query;
      const locale = lang ?? req.locale;
      const { stats, workbook } = await alarms.report(authOf(req), q, locale);
      const name = `${locale === 'zh-CN' ? '紧急呼叫接警统计' : 'alarm-answering'}-${stats.regionName}-${stats.month}.xlsx`;
      return reply.type(XLSX).header('content-disposition', attachment(name)).send(workbook);
    },
  );
}

function alarmReadRoutes(app: App, alarms: AlarmService): void {
  app.get(
    '/api/v1/alarms',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: listQuery, response: { 200: alarmList } },
    },
    (req) => alarms.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/alarms',
    {
      config: {
        access: { anyOf: ['alarm:raise', 'alarm:handle'] },
        authz: { body: { elderId: '{{victim.alarmElderId}}', kind: 'sos', note: '来电求助' } },
        idempotent: true,
      },
      schema: { tags, body: raiseBody, response: { 201: alarmDetail } },
    },
    async (req, reply) => {
      const out = await alarms.raise(authOf(req), actorOf(req), req.body);
      reply.status(201);
      return out;
    },
  );
  app.get(
    '/api/v1/alarms/:id',
    {
      config: { access: READ, authz: at('alarmId') },
      schema: { tags, params: idParams, response: { 200: alarmDetail } },
    },
    (req) => alarms.get(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/alarms/:id/responders',
    {
      config: { access: 'alarm:handle', authz: at('alarmId') },
      schema: { tags, params: idParams, response: { 200: responderList } },
    },
    (req) => alarms.responders(authOf(req), req.params.id),
  );
}

type Req<B> = { auth: AuthContext; actor: Actor; id: string; body: B };

/** `POST /alarms/:id/<name>`: a command; a retry with the same key replays it. */
function command<B extends z.ZodType>(
  app: App,
  alarms: AlarmService,
  name: string,
  access: RouteAccess,
  authz: AuthzProbe,
  body: B,
  run: (r: Req<z.infer<B>>) => Promise<unknown>,
): void {
  app.post(
    `/api/v1/alarms/:id/${name}`,
    {
      config: { access, authz, idempotent: true },
      schema: { tags, params: idParams, body, response: { 200: alarmDetail } },
    },
    async (req) => {
      const r = {
        auth: authOf(req),
        actor: actorOf(req),
        id: (req.params as { id: string }).id,
        body: req.body as z.infer<B>,
      };
      await run(r);
      return (await alarms.get(r.auth, r.id)) as never;
    },
  );
}

function alarmCommandRoutes(app: App, alarms: AlarmService): void {
  const c = alarms.commands;
  const handle = 'alarm:handle' as const;
  const respond = 'alarm:respond' as const;
  command(app, alarms, 'acknowledge', handle, at('alarmId'), emptyBody, (r) =>
    c.acknowledge(r.auth, r.actor, r.id),
  );
  command(
    app,
    alarms,
    'dispatch',
    handle,
    { ...at('claimedAlarmId'), body: { external: '120', note: '已拨打120' } },
    dispatchBody,
    (r) => alarms.dispatch(r.auth, r.actor, r.id, r.body),
  );
  const mine = (key: string): AuthzProbe => ({ ...at(key), noControl: ONLY_DISPATCHED });
  command(app, alarms, 'accept', respond, mine('dispatchedAlarmId'), emptyBody, (r) =>
    c.accept(r.auth, r.actor, r.id),
  );
  command(app, alarms, 'arrive', respond, mine('dispatchedAlarmId'), arriveBody, (r) =>
    c.arrive(r.auth, r.actor, r.id, r.body),
  );
  command(
    app,
    alarms,
    'close',
    handle,
    { ...at('closeAlarmId'), body: { outcome: 'test', note: '测试呼叫' } },
    closeBody,
    (r) => c.close(r.auth, r.actor, r.id, r.body),
  );
  command(
    app,
    alarms,
    'notes',
    handle,
    { ...at('claimedAlarmId'), body: { kind: 'callback', body: '已回拨', number: '13800000000' } },
    noteBody,
    (r) => alarms.addNote(r.auth, r.actor, r.id, r.body),
  );
  app.post(
    '/api/v1/alarms/:id/reveal',
    {
      config: {
        access: handle,
        authz: { ...at('claimedAlarmId'), body: { reason: '急救需要' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: revealBody, response: { 200: revealView } },
    },
    (req) => alarms.reveal(authOf(req), actorOf(req), req.params.id, req.body.reason),
  );
}

function dutyRoutes(app: App, alarms: AlarmService): void {
  const self = { skip: 'acts on the caller only: their own shift in their own area' };
  app.get(
    '/api/v1/alarm-duty',
    {
      config: { access: { anyOf: ['alarm:read', 'alarm:handle'] }, authz: self },
      schema: { tags, response: { 200: dutyView } },
    },
    (req) => alarms.duty.now(authOf(req)),
  );
  app.post(
    '/api/v1/alarm-duty/sign-on',
    {
      config: { access: 'alarm:handle', authz: self, idempotent: NO_REPLAY.sameState },
      schema: { tags, body: signOnBody, response: { 200: dutyView } },
    },
    (req) => alarms.duty.signOn(authOf(req), actorOf(req), req.body.role),
  );
  app.post(
    '/api/v1/alarm-duty/sign-off',
    {
      config: { access: 'alarm:handle', authz: self, idempotent: NO_REPLAY.sameState },
      schema: { tags, body: emptyBody, response: { 200: dutyView } },
    },
    (req) => alarms.duty.signOff(authOf(req), actorOf(req)),
  );
  app.post(
    '/api/v1/alarm-duty/shifts',
    {
      config: {
        access: 'alarm:manage',
        authz: {
          body: {
            userId: '{{victim.alarmSeatUserId}}',
            role: 'hotline_operator',
            startsAt: '{{shared.alarmShiftStart}}',
            endsAt: '{{shared.alarmShiftEnd}}',
          },
        },
        idempotent: true,
      },
      schema: { tags, body: shiftBody, response: { 201: shiftView } },
    },
    async (req, reply) => {
      const out = await alarms.duty.addShift(authOf(req), actorOf(req), req.body);
      reply.status(201);
      return out;
    },
  );
  app.put(
    '/api/v1/alarm-responders/:userId',
    {
      config: {
        access: 'alarm:manage',
        authz: {
          params: { userId: '{{victim.alarmResponderId}}' },
          body: {
            regionCode: '{{victim.regionCode}}',
            position: { lat: 29.8, lng: 106.05 },
            available: true,
          },
        },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: userParams, body: responderBody, response: { 200: responderView } },
    },
    (req) => alarms.duty.setResponder(authOf(req), actorOf(req), req.params.userId, req.body),
  );
}
