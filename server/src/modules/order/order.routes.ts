import type { z } from 'zod';
import type { AuthContext, RouteAccess } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { actorOf, authOf, type App, type AuthzProbe } from '../../platform/http.ts';
import {
  assignBody,
  cancelBody,
  createBody,
  disputeBody,
  emptyBody,
  idParams,
  listQuery,
  noteBody,
  orderDetail,
  orderList,
  planCreateBody,
  planEndBody,
  planList,
  planListQuery,
  planView,
  quoteQuery,
  quoteView,
  rateBody,
  rejectBody,
  suggestionList,
  suggestionQuery,
} from './order.schema.ts';
import type { OrderService } from './order.service.ts';

const tags = ['orders'];
const READ: RouteAccess = { anyOf: ['order:read', 'order:write'] };
const ONLY_ASSIGNED = 'only the assigned caregiver may (order.int.test.ts)';
const at = (key: string): AuthzProbe => ({ params: { id: `{{victim.${key}}}` } });

/** PRODUCT.md §5: /api/v1/orders, its commands, dispatch suggestions, and /api/v1/order-plans. */
export function orderRoutes(app: App, orders: OrderService): void {
  readRoutes(app, orders);
  commandRoutes(app, orders);
  planRoutes(app, orders);
}

function readRoutes(app: App, orders: OrderService): void {
  app.get(
    '/api/v1/orders',
    {
      config: { access: READ, authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: { tags, querystring: listQuery, response: { 200: orderList } },
    },
    (req) => orders.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/orders/quote',
    {
      config: {
        access: READ,
        authz: { query: { elderId: '{{victim.orderElderId}}', itemId: '{{shared.orderItemId}}' } },
      },
      schema: { tags, querystring: quoteQuery, response: { 200: quoteView } },
    },
    (req) => orders.quote(authOf(req), req.query),
  );
  app.post(
    '/api/v1/orders',
    {
      config: {
        access: 'order:write',
        authz: {
          body: {
            elderId: '{{victim.orderElderId}}',
            itemId: '{{shared.orderItemId}}',
            plannedStart: '{{shared.orderStart}}',
            channel: 'hotline',
            callNote: '来电订餐',
          },
        },
        idempotent: true,
      },
      schema: { tags, body: createBody, response: { 201: orderDetail } },
    },
    (req, reply) => {
      reply.status(201);
      return orders.create(authOf(req), actorOf(req), req.body);
    },
  );
  app.get(
    '/api/v1/orders/:id',
    {
      config: { access: READ, authz: at('orderId') },
      schema: { tags, params: idParams, response: { 200: orderDetail } },
    },
    (req) => orders.get(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/orders/:id/suggestions',
    {
      config: { access: 'order:dispatch', authz: at('acceptedOrderId') },
      schema: { tags, params: idParams, querystring: suggestionQuery, response: { 200: suggestionList } },
    },
    (req) => orders.dispatch.suggestions(authOf(req), req.params.id, req.query.limit),
  );
}

type Req<B> = { auth: AuthContext; actor: Actor; id: string; body: B };

/** `POST /orders/:id/<name>`: a command of the state machine; a retry with the same key replays it. */
function command<B extends z.ZodType>(
  app: App,
  name: string,
  access: RouteAccess,
  authz: AuthzProbe,
  body: B,
  run: (r: Req<z.infer<B>>) => Promise<unknown>,
): void {
  app.post(
    `/api/v1/orders/:id/${name}`,
    {
      config: { access, authz, idempotent: true },
      schema: { tags, params: idParams, body, response: { 200: orderDetail } },
    },
    async (req) =>
      (await run({
        auth: authOf(req),
        actor: actorOf(req),
        id: (req.params as { id: string }).id,
        body: req.body as z.infer<B>,
      })) as never,
  );
}

function commandRoutes(app: App, orders: OrderService): void {
  const c = orders.commands;
  const dispatch = 'order:dispatch' as const;
  const visit = 'visit:perform' as const;
  command(app, 'accept', dispatch, at('orderId'), emptyBody, (r) => c.accept(r.auth, r.actor, r.id));
  command(
    app,
    'reject',
    dispatch,
    { ...at('rejectOrderId'), body: { reason: 'no_capacity' } },
    rejectBody,
    (r) => c.reject(r.auth, r.actor, r.id, r.body),
  );
  command(
    app,
    'assign',
    dispatch,
    { ...at('acceptedOrderId'), body: { caregiverId: '{{shared.orderCaregiverId}}' } },
    assignBody,
    (r) => c.assign(r.auth, r.actor, r.id, r.body.caregiverId),
  );
  command(
    app,
    'reassign',
    dispatch,
    { ...at('assignedOrderId'), body: { caregiverId: '{{shared.orderCaregiver2Id}}' } },
    assignBody,
    (r) => c.reassign(r.auth, r.actor, r.id, r.body.caregiverId),
  );
  const mine = (key: string): AuthzProbe => ({ ...at(key), noControl: ONLY_ASSIGNED });
  command(app, 'depart', visit, mine('assignedOrderId'), emptyBody, (r) => c.depart(r.auth, r.actor, r.id));
  // check-in, check-out and confirm are the visit module's routes (decision 024: verified visits).
  command(
    app,
    'rate',
    'order:write',
    { ...at('confirmedOrderId'), body: { rating: 5, comment: '很好' } },
    rateBody,
    (r) => c.rate(r.auth, r.actor, r.id, r.body),
  );
  command(
    app,
    'cancel',
    { anyOf: ['order:write', dispatch] },
    { ...at('cancelOrderId'), body: { reason: 'elder_request', note: '老人临时外出' } },
    cancelBody,
    (r) => c.cancel(r.auth, r.actor, r.id, r.body),
  );
  command(app, 'no-show', { anyOf: [visit, dispatch] }, at('noShowOrderId'), noteBody, (r) =>
    c.noShow(r.auth, r.actor, r.id, r.body),
  );
  command(
    app,
    'dispute',
    'order:write',
    { ...at('disputeOrderId'), body: { note: '护理员未按时到达' } },
    disputeBody,
    (r) => c.dispute(r.auth, r.actor, r.id, r.body),
  );
}

function planRoutes(app: App, orders: OrderService): void {
  const plans = orders.plans;
  app.get(
    '/api/v1/order-plans',
    {
      config: { access: READ, authz: { query: { elderId: '{{victim.orderElderId}}' } } },
      schema: { tags, querystring: planListQuery, response: { 200: planList } },
    },
    (req) => plans.list(authOf(req), req.query),
  );
  app.post(
    '/api/v1/order-plans',
    {
      config: {
        access: 'order:write',
        authz: {
          body: {
            elderId: '{{victim.orderElderId}}',
            itemId: '{{shared.orderItemId}}',
            weekdays: [2, 5],
            timeOfDay: '09:00',
            startsOn: '{{shared.planStart}}',
          },
        },
        idempotent: true,
      },
      schema: { tags, body: planCreateBody, response: { 201: planView } },
    },
    (req, reply) => {
      reply.status(201);
      return plans.create(authOf(req), actorOf(req), req.body);
    },
  );
  app.get(
    '/api/v1/order-plans/:id',
    {
      config: { access: READ, authz: at('planId') },
      schema: { tags, params: idParams, response: { 200: planView } },
    },
    (req) => plans.get(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/order-plans/:id/end',
    {
      config: { access: 'order:write', authz: at('endPlanId'), idempotent: true },
      schema: { tags, params: idParams, body: planEndBody, response: { 200: planView } },
    },
    (req) => plans.end(authOf(req), actorOf(req), req.params.id, req.body.note),
  );
  for (const [name, run, fixture] of [
    ['pause', plans.pause.bind(plans), 'pausePlanId'],
    ['resume', plans.resume.bind(plans), 'resumePlanId'],
  ] as const)
    app.post(
      `/api/v1/order-plans/:id/${name}`,
      {
        config: { access: 'order:write', authz: at(fixture), idempotent: true },
        schema: { tags, params: idParams, body: planEndBody, response: { 200: planView } },
      },
      (req) => run(authOf(req), actorOf(req), req.params.id, req.body.note),
    );
}
