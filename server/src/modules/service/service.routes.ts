import { z } from 'zod';
import {
  elderPriceList,
  providerContractList,
  providerContractView,
  serviceItemDetail,
  serviceItemList,
  serviceItemView,
} from '@yiyang/contracts/wire';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import type { ServiceCatalogue } from './service.catalogue.ts';
import type { ProviderContracts } from './service.contracts.ts';
import {
  contractCreateBody,
  contractListQuery,
  contractTerminateBody,
  contractUpdateBody,
  elderPriceQuery,
  idParams,
  publicServiceItemQuery,
  serviceItemCreateBody,
  serviceItemQuery,
  serviceItemUpdateBody,
} from './service.schema.ts';

const tags = ['service'];
const PUBLISHED =
  'the catalogue is published to everyone without sign-in (GET /api/v1/public/service-items): no scope to cross';
const COUNTY_ONLY =
  "only the county's staff edit its catalogue; the walk's owner is a community user (service.int.test.ts covers the county)";

/** The district catalogue published without sign-in, and the districts that publish one. */
function publicCatalogueRoutes(app: App, catalogue: ServiceCatalogue): void {
  app.get(
    '/api/v1/public/service-items',
    {
      config: { access: 'public' },
      schema: { tags, querystring: publicServiceItemQuery, response: { 200: serviceItemList } },
    },
    (req) => catalogue.published(req.query),
  );
  app.get(
    '/api/v1/public/service-districts',
    {
      config: { access: 'public' },
      schema: {
        tags,
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
    },
    () => catalogue.publishedDistricts(),
  );
}

/** The catalogue for signed-in users, priced for an elder, and its editing. */
export function catalogueRoutes(app: App, catalogue: ServiceCatalogue): void {
  publicCatalogueRoutes(app, catalogue);
  app.get(
    '/api/v1/service-items',
    {
      config: { access: 'service:read', authz: { skip: PUBLISHED } },
      schema: { tags, querystring: serviceItemQuery, response: { 200: serviceItemList } },
    },
    (req) => catalogue.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/service-items/prices',
    {
      config: { access: 'service:read', authz: { query: { elderId: '{{victim.elderId}}' } } },
      schema: { tags, querystring: elderPriceQuery, response: { 200: elderPriceList } },
    },
    (req) => catalogue.pricesFor(authOf(req), req.query),
  );
  app.get(
    '/api/v1/service-items/:id',
    {
      config: { access: 'service:read', authz: { skip: PUBLISHED } },
      schema: { tags, params: idParams, response: { 200: serviceItemDetail } },
    },
    (req) => catalogue.get(req.params.id),
  );
  app.post(
    '/api/v1/service-items',
    {
      config: {
        access: 'service:write',
        authz: {
          body: {
            // The demo county (DEMO_COUNTY): a county code is no marker (every county user's pages show it).
            districtCode: '500110000000',
            code: 'PROBE01',
            category: 'errands',
            subItem: 'shopping',
            name: '探测项目',
            nameEn: 'Probe',
            unit: 'visit',
            durationMinutes: 30,
            priceCents: 100,
            requiredCredentials: [],
            photosAllowed: false,
            payRules: {},
            validFrom: '2026-01-01',
          },
          noControl: COUNTY_ONLY,
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, body: serviceItemCreateBody, response: { 201: serviceItemView } },
    },
    async (req, reply) => reply.status(201).send(await catalogue.create(authOf(req), actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/service-items/:id',
    {
      config: {
        access: 'service:write',
        authz: {
          params: { id: '{{victim.serviceItemId}}' },
          body: { version: 1, name: '探测修改' },
          noControl: COUNTY_ONLY,
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: serviceItemUpdateBody, response: { 200: serviceItemView } },
    },
    (req) => catalogue.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
}

const victimContract = { params: { id: '{{victim.contractId}}' } };

/** Provider contracts: which items a provider delivers, where and when. */
export function contractRoutes(app: App, contracts: ProviderContracts): void {
  app.get(
    '/api/v1/provider-contracts',
    {
      config: {
        access: 'service:read',
        authz: { query: { organisationId: '{{victim.serviceProviderId}}' } },
      },
      schema: { tags, querystring: contractListQuery, response: { 200: providerContractList } },
    },
    (req) => contracts.list(authOf(req), req.query),
  );
  app.get(
    '/api/v1/provider-contracts/:id',
    {
      config: { access: 'service:read', authz: victimContract },
      schema: { tags, params: idParams, response: { 200: providerContractView } },
    },
    (req) => contracts.get(authOf(req), req.params.id),
  );
  app.post(
    '/api/v1/provider-contracts',
    {
      config: {
        access: 'service:write',
        authz: {
          body: {
            organisationId: '{{victim.serviceProviderId}}',
            regionCodes: ['{{victim.regionCode}}'],
            itemCodes: ['WALKVICTIM01'],
            validFrom: '2026-01-01',
            validTo: '2027-12-31',
          },
        },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, body: contractCreateBody, response: { 201: providerContractView } },
    },
    async (req, reply) => reply.status(201).send(await contracts.create(authOf(req), actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/provider-contracts/:id',
    {
      config: {
        access: 'service:write',
        authz: { ...victimContract, body: { version: 1, validTo: '2027-06-30' } },
        idempotent: NO_REPLAY.console,
      },
      schema: { tags, params: idParams, body: contractUpdateBody, response: { 200: providerContractView } },
    },
    (req) => contracts.update(authOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/provider-contracts/:id/terminate',
    {
      config: {
        access: 'service:write',
        authz: {
          params: { id: '{{victim.endedContractId}}' },
          body: { version: 1, effectiveOn: '2026-06-30', reason: '探测终止合同' },
        },
        idempotent: NO_REPLAY.console,
      },
      schema: {
        tags,
        params: idParams,
        body: contractTerminateBody,
        response: { 200: providerContractView },
      },
    },
    (req) => contracts.terminate(authOf(req), actorOf(req), req.params.id, req.body),
  );
}
