import { z } from 'zod';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import {
  organisationCreateBody,
  organisationListQuery,
  organisationUpdateBody,
  organisationView,
} from './organisation.schema.ts';
import type { OrganisationService } from './organisation.service.ts';

const tags = ['organisations'];
const params = z.object({ id: z.uuid() }).strict();
const victimOrg = { params: { id: '{{victim.organisationId}}' } };

export function organisationRoutes(app: App, orgs: OrganisationService): void {
  app.get(
    '/api/v1/organisations',
    {
      config: { access: 'organisation:read', authz: {} },
      schema: {
        tags,
        querystring: organisationListQuery,
        response: { 200: z.object({ items: z.array(organisationView), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => orgs.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/organisations/:id',
    {
      config: { access: 'organisation:read', authz: victimOrg },
      schema: { tags, params, response: { 200: organisationView } },
    },
    (req) => orgs.get(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/organisations',
    {
      config: {
        access: 'organisation:write',
        authz: { body: { name: '越权机构', type: 'provider', regionCode: '{{victim.regionCode}}' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, body: organisationCreateBody, response: { 201: organisationView } },
    },
    async (req, reply) => reply.status(201).send(await orgs.create(authOf(req), actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/organisations/:id',
    {
      config: {
        access: 'organisation:write',
        authz: { ...victimOrg, body: { name: '被篡改' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params, body: organisationUpdateBody, response: { 200: organisationView } },
    },
    (req) => orgs.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
