import { serviceAgreementList, serviceAgreementView } from '@yiyang/contracts/wire';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import type { ServiceAgreements } from './service.agreements.ts';
import {
  agreementCreateBody,
  agreementEndBody,
  agreementListQuery,
  agreementSignBody,
  agreementUpdateBody,
  idParams,
} from './service.schema.ts';

const tags = ['service'];
/** Drafting and recording agreements: the county's or street's staff, or the provider (its dispatcher). */
const WRITE = { anyOf: ['service:write', 'order:dispatch'] } as const;

/** Service agreements (服务协议) between elders and providers, and their printable PDF. */
export function agreementRoutes(app: App, agreements: ServiceAgreements): void {
  app.get(
    '/api/v1/service-agreements',
    {
      config: { access: 'service:read', authz: { query: { elderId: '{{victim.elderId}}' } } },
      schema: { tags, querystring: agreementListQuery, response: { 200: serviceAgreementList } },
    },
    (req) => agreements.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/service-agreements/:id',
    {
      config: { access: 'service:read', authz: { params: { id: '{{victim.agreementId}}' } } },
      schema: { tags, params: idParams, response: { 200: serviceAgreementView } },
    },
    (req) => agreements.get(authOf(req), req.params.id),
  );
  app.get(
    '/api/v1/service-agreements/:id/agreement.pdf',
    {
      config: {
        access: 'service:read',
        authz: {
          params: { id: '{{victim.agreementId}}' },
          noControl: 'a PDF shows no ids to match; service.int.test.ts opens it',
        },
      },
      schema: { tags, params: idParams, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const body = await agreements.pdf(authOf(req), actorOf(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="agreement-${req.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
  agreementCommands(app, agreements);
}

/** Drafting, editing, signing and ending an agreement. */
function agreementCommands(app: App, agreements: ServiceAgreements): void {
  app.post(
    '/api/v1/service-agreements',
    {
      config: {
        access: WRITE,
        authz: {
          body: {
            elderId: '{{victim.elderId}}',
            organisationId: '{{victim.serviceProviderId}}',
            itemCodes: ['WALKVICTIM01'],
            validFrom: '2026-01-01',
          },
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, body: agreementCreateBody, response: { 201: serviceAgreementView } },
    },
    async (req, reply) =>
      reply.status(201).send(await agreements.create(authOf(req), actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/service-agreements/:id',
    {
      config: {
        access: WRITE,
        authz: { params: { id: '{{victim.agreementId}}' }, body: { version: 1, notes: '探测修改' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: agreementUpdateBody, response: { 200: serviceAgreementView } },
    },
    (req) => agreements.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/service-agreements/:id/sign',
    {
      config: {
        access: WRITE,
        authz: { params: { id: '{{victim.draftAgreementId}}' }, body: { version: 1, signerKind: 'elder' } },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: idParams, body: agreementSignBody, response: { 200: serviceAgreementView } },
    },
    (req) => agreements.sign(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/service-agreements/:id/end',
    {
      config: {
        access: WRITE,
        authz: {
          params: { id: '{{victim.signedAgreementId}}' },
          body: { version: 2, reason: '探测终止协议' },
        },
        idempotent: NO_REPLAY.sameState,
      },
      schema: { tags, params: idParams, body: agreementEndBody, response: { 200: serviceAgreementView } },
    },
    (req) => agreements.end(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
