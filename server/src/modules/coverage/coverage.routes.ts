import { actorOf, authOf, type App } from '../../platform/http.ts';
import {
  circleView,
  mapView,
  outsideQuery,
  outsideView,
  ratesQuery,
  ratesView,
  recomputeBody,
  recomputeView,
  regionQuery,
  suggestionsQuery,
  suggestionsView,
} from './coverage.schema.ts';
import type { CoverageService } from './coverage.service.ts';

const tags = ['coverage'];
const READ = 'facility:read';
const victim = { query: { region: '{{victim.regionCode}}' } };

/** PRODUCT.md §4.8 coverage: rates, the 15-minute service circle, the elders outside it, site suggestions. */
export function coverageRoutes(app: App, coverage: CoverageService): void {
  app.get(
    '/api/v1/coverage',
    {
      config: { access: READ, authz: victim },
      schema: { tags, querystring: ratesQuery, response: { 200: ratesView } },
    },
    (req) => coverage.rates(authOf(req), req.query),
  );
  app.get(
    '/api/v1/coverage/circle',
    {
      config: { access: READ, authz: victim },
      schema: { tags, querystring: regionQuery, response: { 200: circleView } },
    },
    (req) => coverage.circle(authOf(req), req.query),
  );
  app.get(
    '/api/v1/coverage/circle/outside',
    {
      config: { access: READ, authz: victim },
      schema: { tags, querystring: outsideQuery, response: { 200: outsideView } },
    },
    (req) => coverage.outside(authOf(req), req.query),
  );
  app.get(
    '/api/v1/coverage/map',
    {
      config: { access: READ, authz: victim },
      schema: { tags, querystring: regionQuery, response: { 200: mapView } },
    },
    (req) => coverage.map(authOf(req), req.query),
  );
  app.get(
    '/api/v1/coverage/suggestions',
    {
      config: { access: READ, authz: victim },
      schema: { tags, querystring: suggestionsQuery, response: { 200: suggestionsView } },
    },
    (req) => coverage.suggestions(authOf(req), req.query),
  );
  app.post(
    '/api/v1/coverage/circle/recompute',
    {
      config: {
        access: 'facility:write',
        authz: { body: { region: '{{victim.regionCode}}' } },
        idempotent: { exempt: 'recomputes from the data as they are: a repeat writes the same result' },
      },
      schema: { tags, body: recomputeBody, response: { 200: recomputeView } },
    },
    (req) => coverage.recompute(authOf(req), actorOf(req), req.body.region ?? null),
  );
}
