import type { RouteAccess } from '../../platform/access.ts';
import { actorOf, authOf, type App } from '../../platform/http.ts';
import {
  assignBody,
  closeBody,
  complaintBody,
  complaintDetail,
  complaintList,
  complaintListQuery,
  idParams,
  recordBody,
  respondBody,
  returnListQuery,
  returnVisitList,
  returnVisitView,
  sampleBody,
  sampleView,
} from './feedback.schema.ts';
import type { ComplaintService } from './feedback.service.ts';
import type { ReturnVisitService } from './feedback.returns.ts';

const tags = ['feedback'];
const READ: RouteAccess = 'complaint:read';
const WRITE: RouteAccess = 'complaint:write';
const victim = (key: string) => ({ params: { id: `{{victim.${key}}}` } });

/** Complaints (投诉) and return visits (回访), issue 15 §7: /api/v1/complaints, /api/v1/return-visits. */
export function feedbackRoutes(app: App, complaints: ComplaintService, returns: ReturnVisitService): void {
  complaintRoutes(app, complaints);
  returnRoutes(app, returns);
}

function complaintRoutes(app: App, complaints: ComplaintService): void {
  app.get(
    '/api/v1/complaints',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: complaintListQuery, response: { 200: complaintList } },
    },
    (req) => complaints.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/complaints',
    {
      config: {
        access: WRITE,
        authz: {
          body: { elderId: '{{victim.complaintElderId}}', category: 'attitude', description: '越权投诉测试' },
        },
        idempotent: true,
      },
      schema: { tags, body: complaintBody, response: { 201: complaintDetail } },
    },
    async (req, reply) => {
      const out = await complaints.file(authOf(req), actorOf(req), req.body);
      reply.status(201);
      return out;
    },
  );
  app.get(
    '/api/v1/complaints/:id',
    {
      config: { access: READ, authz: victim('complaintId') },
      schema: { tags, params: idParams, response: { 200: complaintDetail } },
    },
    (req) => complaints.get(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/complaints/:id/assign',
    {
      config: {
        access: WRITE,
        authz: { ...victim('complaintId'), body: { organisationId: '{{victim.organisationId}}' } },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: assignBody, response: { 200: complaintDetail } },
    },
    (req) => complaints.assign(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/complaints/:id/respond',
    {
      config: {
        access: WRITE,
        authz: { ...victim('complaintId'), body: { response: '已上门道歉并整改' } },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: respondBody, response: { 200: complaintDetail } },
    },
    (req) => complaints.respond(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/complaints/:id/close',
    {
      config: {
        access: WRITE,
        authz: { ...victim('respondedComplaintId'), body: { satisfaction: 'satisfied' } },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: closeBody, response: { 200: complaintDetail } },
    },
    (req) => complaints.close(authOf(req), actorOf(req), req.params.id, req.body),
  );
}

function returnRoutes(app: App, returns: ReturnVisitService): void {
  app.get(
    '/api/v1/return-visits',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: returnListQuery, response: { 200: returnVisitList } },
    },
    (req) => returns.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/return-visits/sample',
    {
      config: {
        access: WRITE,
        authz: {
          body: {
            regionCode: '{{victim.regionCode}}',
            from: '{{shared.visitFrom}}',
            to: '{{shared.visitTo}}',
            share: 1,
          },
        },
        idempotent: true,
      },
      schema: { tags, body: sampleBody, response: { 200: sampleView } },
    },
    (req) => returns.sample(authOf(req), actorOf(req), req.body),
  );
  app.post(
    '/api/v1/return-visits/:id/record',
    {
      config: {
        access: WRITE,
        authz: {
          ...victim('returnVisitId'),
          body: { reached: true, serviceHappened: true, result: 'satisfied' },
        },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: recordBody, response: { 200: returnVisitView } },
    },
    (req) => returns.record(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
