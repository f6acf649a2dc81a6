import { z } from 'zod';
import { regionDetailView, regionListView } from '@yiyang/contracts/wire';
import { actorOf, authOf, NO_REPLAY, type App } from '../../platform/http.ts';
import { text } from '../../platform/text.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import type { RegionService } from './region.service.ts';

const tags = ['regions'];

export function regionRoutes(app: App, regions: RegionService): void {
  app.get(
    '/api/v1/regions',
    {
      config: { access: 'region:read', authz: { query: { parent: '{{victim.regionCode}}' } } },
      schema: {
        tags,
        description: "Children of `parent`, or the caller's root node when `parent` is absent.",
        querystring: z.object({ parent: regionCodeSchema.optional() }).strict(),
        response: { 200: regionListView },
      },
    },
    async (req) => ({ items: await regions.children(authOf(req), req.query.parent) }),
  );
  app.get(
    '/api/v1/regions/:code',
    {
      config: { access: 'region:read', authz: { params: { code: '{{victim.regionCode}}' } } },
      schema: {
        tags,
        params: z.object({ code: regionCodeSchema }).strict(),
        response: {
          200: regionDetailView,
        },
      },
    },
    (req) => regions.get(authOf(req), req.params.code),
  );
  app.post(
    '/api/v1/regions/import',
    {
      config: {
        access: 'region:import',
        authz: { body: { county: '500111' }, noControl: 'needs county-level scope; see region.int.test.ts' },
        idempotent: NO_REPLAY.sameState,
      },
      schema: {
        tags,
        description: 'Imports (or re-imports) one county from the bundled NBS extract.',
        body: z
          .object({ county: text().regex(/^\d{6}(\d{6})?$/, { message: 'region.invalid_code' }) })
          .strict(),
      },
    },
    (req) => regions.importForUser(authOf(req), actorOf(req), req.body.county),
  );
}
