import { z } from 'zod';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import {
  applyBody,
  applyView,
  assessmentList,
  assignBody,
  createBody,
  detailView,
  disputeView,
  dueQuery,
  dueView,
  eligibleQuery,
  eligibleView,
  formBody,
  historyView,
  levelReviewQuery,
  levelReviewView,
  listQuery,
  prefillView,
  reasonBody,
  signBody,
  standardData,
  standardList,
  standardParams,
  statsQuery,
  statsView,
  submitBody,
} from './assessment.schema.ts';
import type { AssessmentService } from './assessment.service.ts';

const tags = ['assessments'];
const params = z.object({ id: z.uuid() }).strict();
const open = { params: { id: '{{victim.assessmentId}}' } };
const published = { params: { id: '{{victim.publishedAssessmentId}}' } };
const ONLY_ASSIGNED = 'only the two assigned assessors may (assessment.int.test.ts)';

/** Decision 006, under /api/v1. */
export function assessmentRoutes(app: App, assessments: AssessmentService): void {
  readRoutes(app, assessments);
  workflowRoutes(app, assessments);
  recordRoutes(app, assessments);
}

/** Standards, the list, applications, the due list, level review, detail, eligible assessors. */
function readRoutes(app: App, assessments: AssessmentService): void {
  app.get(
    '/api/v1/assessment-standards',
    {
      config: { access: 'assessment:read', authz: { skip: 'national standards as data; not scoped' } },
      schema: { tags, response: { 200: standardList } },
    },
    () => assessments.standards(),
  );
  app.get(
    '/api/v1/assessment-standards/:code',
    {
      config: { access: 'assessment:read', authz: { skip: 'national standards as data; not scoped' } },
      schema: { tags, params: standardParams, response: { 200: standardData } },
    },
    (req) => assessments.standard(req.params.code),
  );
  app.get(
    '/api/v1/assessments',
    {
      config: { access: 'assessment:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: listQuery, response: { 200: assessmentList } },
    },
    (req) => assessments.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/assessments',
    {
      config: {
        access: 'assessment:apply',
        authz: { body: { elderId: '{{victim.elderId}}', reason: 'initial', source: 'cadre' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, body: createBody, response: { 201: detailView } },
    },
    async (req, reply) =>
      reply.status(201).send(await assessments.create(authOf(req), actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/assessments/due',
    {
      config: { access: 'assessment:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: dueQuery, response: { 200: dueView } },
    },
    (req) => assessments.due(authOf(req), req.query),
  );
  app.get(
    '/api/v1/assessments/level-review',
    {
      // The agency lead and the bureau re-review results that Appendix A contradicts.
      config: { access: 'assessment:review', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: levelReviewQuery, response: { 200: levelReviewView } },
    },
    (req) => assessments.levelReview(authOf(req), req.query),
  );
  app.get(
    '/api/v1/assessments/:id',
    {
      config: { access: 'assessment:read', authz: open },
      schema: { tags, params, response: { 200: detailView } },
    },
    (req) => assessments.get(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/assessments/:id/eligible-assessors',
    {
      config: { access: 'assessment:assign', authz: { ...open, query: { agencyId: '{{victim.agencyId}}' } } },
      schema: { tags, params, querystring: eligibleQuery, response: { 200: eligibleView } },
    },
    (req) => assessments.eligible(authOf(req), req.params.id, req.query.agencyId),
  );
}

/** Assignment, the Appendix A prefill, the form, submit, sign. */
function workflowRoutes(app: App, assessments: AssessmentService): void {
  app.post(
    '/api/v1/assessments/:id/assign',
    {
      config: {
        access: 'assessment:assign',
        authz: {
          ...open,
          body: {
            agencyId: '{{victim.agencyId}}',
            assessorIds: ['{{victim.assessorId}}', '{{victim.assessor2Id}}'],
          },
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: assignBody, response: { 200: detailView } },
    },
    (req) => assessments.assign(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/assessments/:id/basic-info/prefill',
    {
      // The assessor's form, and the console's Appendix A review that applies changes to the registry.
      config: { access: { anyOf: ['assessment:perform', 'elder:write'] }, authz: open },
      schema: { tags, params, response: { 200: prefillView } },
    },
    (req) => assessments.prefill(authOf(req), actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/assessments/:id/form',
    {
      config: {
        access: 'assessment:perform',
        authz: {
          ...open,
          body: { baseRevision: 0, clientSavedAt: '2026-01-01T08:00:00+08:00', answers: { 'B.1.1': '4' } },
          noControl: ONLY_ASSIGNED,
        },
        // The tablet's offline queue (decision 006) sends it again after a lost answer.
        idempotent: true,
      },
      schema: { tags, params, body: formBody, response: { 200: detailView } },
    },
    (req) => assessments.saveForm(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/assessments/:id/submit',
    {
      config: {
        access: 'assessment:perform',
        authz: { ...open, body: {}, noControl: ONLY_ASSIGNED },
        idempotent: true,
      },
      schema: { tags, params, body: submitBody, response: { 200: detailView } },
    },
    (req) => assessments.submit(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/assessments/:id/sign',
    {
      config: {
        access: 'assessment:perform',
        authz: { ...open, body: {}, noControl: ONLY_ASSIGNED },
        idempotent: true,
      },
      schema: { tags, params, body: signBody, response: { 200: detailView } },
    },
    (req) =>
      assessments.sign(authOf(req), actorOf(req), req.params.id, req.body, { ip: req.ip, requestId: req.id }),
  );
}

/** The report, Appendix A back to the registry, dispute, cancel, an elder's history, statistics. */
function recordRoutes(app: App, assessments: AssessmentService): void {
  app.get(
    '/api/v1/assessments/:id/report.pdf',
    {
      config: {
        access: 'assessment:read',
        authz: { ...published, noControl: 'a PDF shows no ids to match; assessment.int.test.ts opens it' },
      },
      schema: { tags, params, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const { pdf, filename } = await assessments.report(authOf(req), actorOf(req), req.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="assessment-${req.params.id}.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
  app.post(
    '/api/v1/assessments/:id/basic-info/apply',
    {
      config: {
        access: 'elder:write',
        authz: { ...published, body: { fields: ['A.2.9'] } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: applyBody, response: { 200: applyView } },
    },
    (req) => assessments.applyBasicInfo(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/assessments/:id/dispute',
    {
      config: {
        access: 'assessment:apply',
        authz: { ...published, body: { reason: '对结果有异议' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: reasonBody, response: { 200: disputeView } },
    },
    (req) => assessments.dispute(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/assessments/:id/cancel',
    {
      config: {
        access: { anyOf: ['assessment:apply', 'assessment:assign'] },
        authz: { ...open, body: { reason: '越权取消' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: reasonBody, response: { 200: detailView } },
    },
    (req) => assessments.cancel(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/elders/:id/assessments',
    {
      config: { access: 'assessment:read', authz: { params: { id: '{{victim.elderId}}' } } },
      schema: { tags, params, response: { 200: historyView } },
    },
    (req) => assessments.history(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/stats/assessments',
    {
      config: { access: 'stats:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: statsQuery, response: { 200: statsView } },
    },
    (req) => assessments.stats(authOf(req), req.query.regionCode),
  );
}
