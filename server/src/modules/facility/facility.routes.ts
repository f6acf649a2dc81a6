import { z } from 'zod';
import { assertCovers } from '../../platform/access.ts';
import { todayIso } from '../../platform/dates.ts';
import { DomainError } from '../../platform/errors.ts';
import { actorOf, attachment, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { facilityWorkbook, planWorkbook } from './facility.excel.ts';
import {
  closeBody,
  createBody,
  facilityDetail,
  facilityList,
  idParams,
  importResult,
  listQuery,
  planQuery,
  planTable,
  updateBody,
} from './facility.schema.ts';
import type { FacilityService } from './facility.service.ts';

const tags = ['facilities'];
const READ = { anyOf: ['facility:read', 'facility:write'] } as const;
const at = { params: { id: '{{victim.facilityId}}' } };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportQuery = listQuery.omit({ offset: true, limit: true });
const importQuery = z.object({ regionCode: regionCodeSchema.optional() }).strict();

/** PRODUCT.md §4.8 `facilities`: the registry, its Excel import/export and the plan tables of `000_…`. */
export function facilityRoutes(app: App, facilities: FacilityService): void {
  app.get(
    '/api/v1/facilities',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: listQuery, response: { 200: facilityList } },
    },
    (req) => facilities.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/facilities',
    {
      config: {
        access: 'facility:write',
        authz: {
          body: { tier: 'community_station', name: '越权养老服务站', regionCode: '{{victim.regionCode}}' },
        },
        idempotent: true,
      },
      schema: { tags, body: createBody, response: { 201: facilityDetail } },
    },
    (req, reply) => {
      reply.status(201);
      return facilities.create(authOf(req), actorOf(req), req.body);
    },
  );
  app.get(
    '/api/v1/facilities/export.xlsx',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: exportQuery },
    },
    async (req, reply) => {
      const auth = authOf(req);
      if (req.query.regionCode) assertCovers(auth, { regionCode: req.query.regionCode }, '/query/regionCode');
      const buf = await facilityWorkbook(await facilities.all(auth, req.query), req.locale);
      const day = todayIso(new Date());
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`养老服务设施-${day}.xlsx`))
        .send(buf);
    },
  );
  app.post(
    '/api/v1/facilities/import',
    {
      config: {
        access: 'facility:write',
        authz: {
          query: { regionCode: '{{victim.regionCode}}' },
          upload: { fileName: 'probe.xlsx', contentType: XLSX, content: 'not a workbook' },
          noControl:
            'the probe file is not a workbook: the owner gets 422, an attacker 403 before it is read',
        },
        idempotent: {
          exempt: 'an upload (multipart), all or nothing; a repeat meets its own names (409 rows)',
        },
      },
      schema: { tags, querystring: importQuery, response: { 200: importResult } },
    },
    async (req) => {
      const auth = authOf(req);
      // Scope first: nothing of the upload is read for an area the caller does not cover.
      const region = req.query.regionCode ?? auth.regionCode;
      if (!region) throw new DomainError('auth.out_of_scope', { status: 403 });
      assertCovers(auth, { regionCode: region }, '/query/regionCode');
      if (!req.isMultipart()) throw new DomainError('common.unsupported_media_type', { status: 415 });
      const file = await req.file();
      if (!file)
        throw new DomainError('common.required', {
          status: 400,
          errors: [{ pointer: '/body/file', code: 'common.required' }],
        });
      return facilities.import(auth, actorOf(req), await file.toBuffer());
    },
  );
  planRoutes(app, facilities);
  itemRoutes(app, facilities);
}

/** `000_…` 附件2/附件3 from live data, as JSON and as a workbook in the plan's layout. */
function planRoutes(app: App, facilities: FacilityService): void {
  const access = {
    access: READ,
    authz: {
      query: { table: '2' },
      noControl:
        'counts of public facilities for the whole plan (the district): no resource of one community',
    },
  };
  app.get(
    '/api/v1/facilities/plan-tables',
    { config: access, schema: { tags, querystring: planQuery, response: { 200: planTable } } },
    (req) => facilities.planTable(authOf(req), req.query.table),
  );
  app.get(
    '/api/v1/facilities/plan-tables.xlsx',
    { config: access, schema: { tags, querystring: planQuery } },
    async (req, reply) => {
      const t = await facilities.planTable(authOf(req), req.query.table);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`附件${t.table}-${t.title}.xlsx`))
        .send(await planWorkbook(t));
    },
  );
}

function itemRoutes(app: App, facilities: FacilityService): void {
  app.get(
    '/api/v1/facilities/:id',
    {
      config: { access: READ, authz: at },
      schema: { tags, params: idParams, response: { 200: facilityDetail } },
    },
    (req) => facilities.get(authOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/facilities/:id',
    {
      config: {
        access: 'facility:write',
        authz: { ...at, body: { openingHours: '08:30-17:30', version: 1 } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: updateBody, response: { 200: facilityDetail } },
    },
    (req) => facilities.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/facilities/:id/close',
    {
      config: {
        access: 'facility:write',
        authz: {
          ...at,
          body: { version: 1, closedOn: '2026-01-01', reason: '越权停用' },
          noControl: 'the PATCH probe runs first and moves the version on: the owner meets 409',
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: closeBody, response: { 200: facilityDetail } },
    },
    (req) => facilities.close(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
