import { z } from 'zod';
import { statsOverviewView } from '@yiyang/contracts/wire';
import { authOf, type App } from '../../platform/http.ts';
import { regionCodeSchema } from '../user/user.schema.ts';
import type { StatsService } from './stats.service.ts';

/** Counts for the console home page; later modules add their counts here. */
export function statsRoutes(app: App, stats: StatsService): void {
  app.get(
    '/api/v1/stats/overview',
    {
      config: { access: 'stats:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: {
        tags: ['stats'],
        querystring: z.object({ regionCode: regionCodeSchema.optional() }).strict(),
        response: {
          200: statsOverviewView,
        },
      },
    },
    (req) => stats.overview(authOf(req), req.query.regionCode),
  );
}
