import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { baseDeps, defineModule } from '../../platform/module.ts';
import { elderModule } from '../elder/elder.module.ts';
import { facilityModule } from '../facility/facility.module.ts';
import { coverageRoutes } from './coverage.routes.ts';
import { CoverageService } from './coverage.service.ts';

/** Coverage and the 15-minute service circle (issue 18 part B, decision 030). */
export const coverageModule = defineModule({
  name: 'coverage',
  needs: [elderModule, facilityModule],
  create: (ctx) => ({ coverage: new CoverageService(baseDeps(ctx)) }),
  routes: (app, s) => coverageRoutes(app, s.coverage),
  // The circle follows facilities and the registry within six hours; POST …/circle/recompute at once.
  schedules: [
    {
      name: 'coverage circle',
      everyMs: 6 * 3600_000,
      run: (s) => s.coverage.recompute(null, SYSTEM_ACTOR, null),
    },
  ],
  // The demo district's circle, computed once its facilities are seeded (the facility module's seed).
  seed: async (p, demo) => {
    await new CoverageService(p).recompute(null, SYSTEM_ACTOR, demo.countyCode);
  },
  cli: [
    {
      words: ['coverage', 'recompute'],
      usage: 'coverage recompute [region-code]',
      help: `recompute the 15-minute service circle of every elder (under a region): one audited read
                            of the exact positions; only the results are stored`,
      async run({ args: [region], open, out }) {
        if (region !== undefined && !/^\d{12}$/.test(region)) return 64;
        const { s } = await open();
        const r = await s.coverage.recompute(null, SYSTEM_ACTOR, region ?? null);
        out(`${r.computed} elders: ${r.within} within, ${r.outside} outside, ${r.unknown} unknown`);
        return 0;
      },
    },
  ],
});
