import { defineModule } from '../../platform/module.ts';
import { regionModule } from '../region/region.module.ts';
import { statsRoutes } from './stats.routes.ts';
import { StatsService } from './stats.service.ts';

/** The dashboard's counts: it composes every module's `stats` (platform/module.ts), owning none. */
export const statsModule = defineModule({
  name: 'stats',
  needs: [regionModule],
  create: (ctx, { region }) => ({
    stats: new StatsService({ db: ctx.db, regions: region.regions, sources: ctx.statsSources }),
  }),
  routes: (app, s) => statsRoutes(app, s.stats),
});
