import { baseDeps, defineModule } from '../../platform/module.ts';
import { orderModule } from '../order/index.ts';
import { visitRoutes } from './visit.routes.ts';
import { seedVisits } from './visit.seed.ts';
import { VisitService } from './visit.service.ts';

/** Verified visits (上门服务核验, EVV: issue 15, decision 024), on the order module's state machine. */
export const visitModule = defineModule({
  name: 'visit',
  needs: [orderModule],
  create: (ctx, { order }) => ({ visits: new VisitService({ ...baseDeps(ctx), orders: order.orders }) }),
  routes: (app, s) => visitRoutes(app, s.visits),
  schedules: [
    // Checked-out visits nobody confirmed within 24 h enter the exception queue (one anomaly per visit).
    {
      name: 'unconfirmed visits',
      everyMs: 15 * 60_000,
      run: async (s) => ({ flagged: await s.visits.review.scanUnconfirmed() }),
    },
  ],
  // Verified visits with a realistic share of anomalies, some resolved, through the real commands.
  seed: (p, demo) => seedVisits(p, demo),
  authz: async () => (await import('./visit.authz.ts')).visitAuthz,
});
