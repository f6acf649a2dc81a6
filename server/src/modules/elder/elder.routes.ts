import { z } from 'zod';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import {
  elderCountQuery,
  elderCountView,
  elderCreateBody,
  elderDetail,
  elderListItem,
  elderListQuery,
  elderUpdateBody,
  familyCreateBody,
  familyUpdateBody,
  familyView,
  historyView,
  revealBody,
  revealView,
  statsQuery,
  statsView,
  statusBody,
  tagsBody,
  validateIdBody,
  validateIdView,
} from './elder.schema.ts';
import type { ElderService } from './elder.service.ts';
import { cnIdCheckChar } from './idNumber.ts';

const tags = ['elders'];
const params = z.object({ id: z.uuid() }).strict();
const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() }).strict();
const victimElder = { params: { id: '{{victim.elderId}}' } };
const victimMember = { params: { id: '{{victim.elderId}}', memberId: '{{victim.familyMemberId}}' } };
// A valid, unregistered resident ID of a 1950-born man, for the authorization walk's create probe.
const PROBE_ID = `11010119500101999${cnIdCheckChar('11010119500101999')}`;

/** In this order: the authorization walk (authz.int.test.ts) probes the routes as registered. */
export function elderRoutes(app: App, elders: ElderService): void {
  registryRoutes(app, elders);
  recordReadRoutes(app, elders);
  recordCommandRoutes(app, elders);
  familyRoutes(app, elders);
}

/** The list, statistics, the ID number check and registration. */
function registryRoutes(app: App, elders: ElderService): void {
  app.get(
    '/api/v1/elders',
    {
      config: { access: 'elder:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: {
        tags,
        description:
          'Elders in scope, masked, ordered by region code (grouped by community), then registration time. With `q` (name, pinyin initials or full pinyin), ranked by kind of match instead: names starting with `q` first, then other names containing it (for Latin letters: initials, then full pinyin, then the name), each kind by name. Keyset pages: pass `nextCursor` as `cursor`.',
        querystring: elderListQuery,
        response: { 200: z.object({ items: z.array(elderListItem), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => elders.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/elders/count',
    {
      config: { access: 'elder:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: {
        tags,
        description:
          'How many elders in scope match the list filters (no name search): exact up to 10,000; above, `count` is 10,000 and `capped` is true ("10,000+").',
        querystring: elderCountQuery,
        response: { 200: elderCountView },
      },
    },
    (req) => elders.count(authOf(req), req.query),
  );
  app.get(
    '/api/v1/elders/stats/by-region',
    {
      config: { access: 'elder:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: statsQuery, response: { 200: statsView } },
    },
    (req) => elders.statsByRegion(authOf(req), req.query.regionCode),
  );
  app.post(
    '/api/v1/elders/validate-id',
    {
      config: {
        access: 'elder:write',
        authz: { skip: 'stateless check of a typed document number; reads and writes no data' },
        idempotent: NO_REPLAY.reads,
      },
      schema: { tags, body: validateIdBody, response: { 200: validateIdView } },
    },
    (req) => elders.validateId(req.body),
  );
  app.post(
    '/api/v1/elders',
    {
      config: {
        access: 'elder:write',
        authz: { body: { name: '越权登记', idNumber: PROBE_ID, regionCode: '{{victim.regionCode}}' } },
        // Registration on a phone (/m) may be sent again after a lost answer.
        idempotent: true,
      },
      schema: { tags, body: elderCreateBody, response: { 201: elderDetail } },
    },
    (req, reply) => {
      reply.status(201);
      return elders.create(authOf(req), actorOf(req), req.body);
    },
  );
}

/** One record: detail, history, revealed fields. */
function recordReadRoutes(app: App, elders: ElderService): void {
  app.get(
    '/api/v1/elders/:id',
    {
      config: { access: 'elder:read', authz: victimElder },
      schema: { tags, params, response: { 200: elderDetail } },
    },
    (req) => elders.get(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/elders/:id/history',
    {
      config: { access: 'elder:read', authz: victimElder },
      schema: { tags, params, response: { 200: historyView } },
    },
    (req) => elders.history(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/elders/:id/reveal',
    {
      config: {
        access: 'elder:read_sensitive',
        authz: { ...victimElder, body: { reason: '越权查看', fields: ['idNumber', 'phone'] } },
        idempotent: { exempt: 'a read, audited each time; full values are never kept for a replay' },
      },
      schema: { tags, params, body: revealBody, response: { 200: revealView } },
    },
    (req) => elders.reveal(authOf(req), actorOf(req), req.params.id, req.body),
  );
}

/** One record's changes: fields, status, manual tags. */
function recordCommandRoutes(app: App, elders: ElderService): void {
  // Registered before the other commands: the owner's probe expects version 2 of the victim record
  // (created, then a family member added — authz.int.test.ts fixtures).
  app.patch(
    '/api/v1/elders/:id',
    {
      config: {
        access: 'elder:write',
        authz: { ...victimElder, body: { version: 2, reason: '越权修改', livingSituation: 'alone' } },
        idempotent: true,
      },
      schema: { tags, params, body: elderUpdateBody, response: { 200: elderDetail } },
    },
    (req) => elders.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/elders/:id/status',
    {
      config: {
        access: 'elder:write',
        authz: { ...victimElder, body: { status: 'hospitalised', date: '2025-01-02', reason: '越权变更' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: statusBody, response: { 200: elderDetail } },
    },
    (req) => elders.changeStatus(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/elders/:id/tags',
    {
      config: {
        access: 'elder:write',
        authz: {
          ...victimElder,
          body: { tags: [{ code: 'subsistence_allowance', validFrom: '2025-01-01' }] },
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: tagsBody, response: { 200: elderDetail } },
    },
    (req) => elders.setTags(authOf(req), actorOf(req), req.params.id, req.body),
  );
}

/** An elder's family members. */
function familyRoutes(app: App, elders: ElderService): void {
  app.post(
    '/api/v1/elders/:id/family',
    {
      config: {
        access: 'elder:write',
        authz: { ...victimElder, body: { name: '越权家属', relationship: 'son' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: familyCreateBody, response: { 201: familyView } },
    },
    async (req, reply) =>
      reply.status(201).send(await elders.addFamily(authOf(req), actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/elders/:id/family/:memberId',
    {
      config: {
        access: 'elder:write',
        authz: { ...victimMember, body: { mayActFor: true } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: memberParams, body: familyUpdateBody, response: { 200: familyView } },
    },
    (req) => elders.updateFamily(authOf(req), actorOf(req), req.params.id, req.params.memberId, req.body),
  );
  app.delete(
    '/api/v1/elders/:id/family/:memberId',
    {
      config: { access: 'elder:write', authz: victimMember, idempotent: NO_REPLAY.sameState },
      schema: { tags, params: memberParams },
    },
    async (req, reply) => {
      await elders.removeFamily(authOf(req), actorOf(req), req.params.id, req.params.memberId);
      return reply.status(204).send();
    },
  );
}
