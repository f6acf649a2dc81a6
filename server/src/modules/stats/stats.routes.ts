import { z } from 'zod';
import { authOf, type App } from '../../platform/http.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import type { StatsService } from './stats.service.ts';

/** Counts for the console home page; each module adds its own in its manifest (`stats`). */
export function statsRoutes(app: App, stats: StatsService): void {
  const counts = z.object(Object.fromEntries(stats.keys().map((k) => [k, z.number()])));
  app.get(
    '/api/v1/stats/overview',
    {
      config: { access: 'stats:read', authz: { query: { regionCode: '{{victim.regionCode}}' } } },
      schema: {
        tags: ['stats'],
        querystring: z.object({ regionCode: regionCodeSchema.optional() }).strict(),
        // The counts the modules declare (their manifests' `stats`); contracts' StatsOverview types them for the web.
        response: {
          200: z.object({ regionCode: z.string().nullable(), regionName: z.string().nullable(), counts }),
        },
      },
    },
    (req) => stats.overview(authOf(req), req.query.regionCode),
  );
}
