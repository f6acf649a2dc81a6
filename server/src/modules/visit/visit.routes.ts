import type { RouteAccess } from '../../platform/access.ts';
import { actorOf, authOf, NO_REPLAY, type App, type AuthzProbe } from '../../platform/http.ts';
import { orderDetail } from '../order/index.ts';
import {
  anomalyParams,
  cardView,
  checklistBody,
  codeView,
  complianceQuery,
  complianceView,
  confirmBody,
  editBody,
  emptyBody,
  geofenceBody,
  geofenceView,
  idParams,
  listQuery,
  observeBody,
  photoBody,
  pinBody,
  pinView,
  punchBody,
  regionParams,
  resolveBody,
  reviewItem,
  reviewList,
  todayView,
  visitDetail,
} from './visit.schema.ts';
import type { VisitService } from './visit.service.ts';

const tags = ['visits'];
const READ: RouteAccess = { anyOf: ['order:read', 'order:write'] };
const REVIEW = 'visit:review' as const;
const ONLY_ASSIGNED = 'only the assigned caregiver may (visit.int.test.ts)';
const at = (key: string): AuthzProbe => ({ params: { id: `{{victim.${key}}}` } });
const mine = (key: string, body?: Record<string, unknown>): AuthzProbe => ({
  ...at(key),
  ...(body ? { body } : {}),
  noControl: ONLY_ASSIGNED,
});

/**
 * Verified visits (decision 024): the order's check-in, check-out and confirm (moved here from the order
 * module so the dependency runs one way: visit → order), what happens during the visit, the caregiver's day,
 * the elder's code and PIN, the home's QR card, and the coordinators' exception queue.
 */
export function visitRoutes(app: App, visits: VisitService): void {
  punchRoutes(app, visits);
  duringRoutes(app, visits);
  elderRoutes(app, visits);
  reviewRoutes(app, visits);
}

function punchRoutes(app: App, visits: VisitService): void {
  app.post(
    '/api/v1/orders/:id/check-in',
    {
      config: { access: 'visit:perform', authz: mine('visitAssignedOrderId'), idempotent: true },
      schema: { tags, params: idParams, body: punchBody, response: { 200: orderDetail } },
    },
    (req) => visits.checkIn(authOf(req), actorOf(req), req.params.id, req.body) as never,
  );
  app.post(
    '/api/v1/orders/:id/check-out',
    {
      config: { access: 'visit:perform', authz: mine('visitCheckedInOrderId'), idempotent: true },
      schema: { tags, params: idParams, body: punchBody, response: { 200: orderDetail } },
    },
    (req) => visits.checkOut(authOf(req), actorOf(req), req.params.id, req.body) as never,
  );
  app.post(
    '/api/v1/orders/:id/confirm',
    {
      config: {
        access: { anyOf: ['order:write', 'visit:perform'] },
        authz: {
          ...at('visitCheckedOutOrderId'),
          noControl: 'only the elder, bound family, or the caregiver with their PIN (visit.int.test.ts)',
        },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: confirmBody, response: { 200: orderDetail } },
    },
    (req) => visits.confirm(authOf(req), actorOf(req), req.params.id, req.body) as never,
  );
}

function duringRoutes(app: App, visits: VisitService): void {
  app.get(
    '/api/v1/orders/:id/visit',
    {
      config: { access: READ, authz: at('visitCheckedInOrderId') },
      schema: { tags, params: idParams, response: { 200: visitDetail } },
    },
    (req) => visits.during.detail(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/orders/:id/visit/checklist',
    {
      config: {
        access: 'visit:perform',
        authz: mine('visitCheckedInOrderId', { done: ['greet_identify'] }),
        idempotent: true,
      },
      schema: { tags, params: idParams, body: checklistBody, response: { 200: visitDetail } },
    },
    (req) => visits.during.checklist(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/orders/:id/visit/observations',
    {
      config: {
        access: 'visit:perform',
        authz: mine('visitCheckedInOrderId', { risks: ['fall_hazard'] }),
        idempotent: true,
      },
      schema: { tags, params: idParams, body: observeBody, response: { 200: visitDetail } },
    },
    (req) => visits.during.observe(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/orders/:id/visit/photos',
    {
      config: {
        access: 'visit:perform',
        authz: mine('visitCheckedInOrderId', { consent: true, image: 'data:image/png;base64,iVBORw0KGgo=' }),
        idempotent: true,
      },
      schema: { tags, params: idParams, body: photoBody, response: { 200: visitDetail } },
    },
    (req) => visits.during.photo(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/me/visits/today',
    {
      // Acts on the caller only: the orders assigned to them today (an attacker sees their own, none of the victim's).
      config: { access: 'visit:perform', authz: {} },
      schema: { tags, response: { 200: todayView } },
    },
    (req) => visits.during.today(authOf(req)),
  );
}

function elderRoutes(app: App, visits: VisitService): void {
  app.get(
    '/api/v1/me/visit-code',
    {
      config: {
        access: 'order:write',
        authz: { noControl: 'the elder’s own account only (visit.int.test.ts)' },
      },
      schema: { tags, response: { 200: codeView } },
    },
    (req) => visits.keys.visitCode(authOf(req)),
  );
  app.put(
    '/api/v1/me/visit-pin',
    {
      config: {
        access: 'order:write',
        // Acts only on the caller's own elder record: nobody else's can be named.
        authz: { skip: 'sets the caller’s own PIN (visit.int.test.ts)' },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, body: pinBody, response: { 200: pinView } },
    },
    (req) => visits.keys.setPin(authOf(req), actorOf(req), req.body.pin),
  );
  app.post(
    '/api/v1/elders/:id/visit-card',
    {
      config: { access: 'elder:write', authz: at('elderId'), idempotent: true },
      schema: { tags, params: idParams, body: emptyBody, response: { 200: cardView } },
    },
    (req) => visits.keys.issueCard(authOf(req), actorOf(req), req.params.id),
  );
}

function reviewRoutes(app: App, visits: VisitService): void {
  app.get(
    '/api/v1/visits',
    {
      config: { access: REVIEW, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: listQuery, response: { 200: reviewList } },
    },
    (req) => visits.review.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/visits/compliance',
    {
      config: {
        access: REVIEW,
        authz: {
          query: {
            regionCode: '{{victim.regionCode}}',
            from: '{{shared.visitFrom}}',
            to: '{{shared.visitTo}}',
          },
        },
      },
      schema: { tags, querystring: complianceQuery, response: { 200: complianceView } },
    },
    (req) => visits.review.compliance(authOf(req), req.query),
  );
  app.post(
    '/api/v1/visits/:id/anomalies/:anomalyId/resolve',
    {
      config: {
        access: REVIEW,
        authz: {
          params: { id: '{{victim.visitId}}', anomalyId: '{{victim.visitAnomalyId}}' },
          body: { code: 'verified_by_phone', note: '电话回访老人确认' },
        },
        idempotent: true,
      },
      schema: { tags, params: anomalyParams, body: resolveBody, response: { 200: reviewItem } },
    },
    (req) => visits.review.resolve(authOf(req), actorOf(req), req.params.id, req.params.anomalyId, req.body),
  );
  app.patch(
    '/api/v1/visits/:id',
    {
      config: {
        access: REVIEW,
        authz: {
          ...at('visitEditId'),
          body: { checkOutAt: '{{shared.visitEditEnd}}', reason: 'data_entry_error', note: '补录签退时间' },
        },
        idempotent: true,
      },
      schema: { tags, params: idParams, body: editBody, response: { 200: reviewItem } },
    },
    (req) => visits.review.edit(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.put(
    '/api/v1/visit-geofences/:regionCode',
    {
      config: {
        access: REVIEW,
        authz: { params: { regionCode: '{{victim.regionCode}}' }, body: { radiusM: 500 } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: regionParams, body: geofenceBody, response: { 200: geofenceView } },
    },
    (req) => visits.review.setGeofence(authOf(req), actorOf(req), req.params.regionCode, req.body.radiusM),
  );
}
