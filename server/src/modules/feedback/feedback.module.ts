import { baseDeps, defineModule } from '../../platform/module.ts';
import { orderModule } from '../order/index.ts';
import { visitModule } from '../visit/index.ts';
import { ReturnVisitService } from './feedback.returns.ts';
import { feedbackRoutes } from './feedback.routes.ts';
import { seedFeedback } from './feedback.seed.ts';
import { ComplaintService } from './feedback.service.ts';

/** Service-quality feedback (issue 15 §7, decision 027): complaints with deadlines, return visits. */
export const feedbackModule = defineModule({
  name: 'feedback',
  // Complaints name orders; return visits sample the visit module's verified visits.
  needs: [orderModule, visitModule],
  create: (ctx) => {
    const complaints = new ComplaintService(baseDeps(ctx));
    return { complaints, returnVisits: new ReturnVisitService(baseDeps(ctx), complaints) };
  },
  routes: (app, s) => feedbackRoutes(app, s.complaints, s.returnVisits),
  schedules: [
    // Complaints without a response past their deadline go to the street, then the district.
    {
      name: 'complaint escalation',
      everyMs: 60_000,
      run: async (s) => {
        const escalated = await s.complaints.escalate();
        return escalated ? { escalated } : {};
      },
    },
  ],
  seed: (p, demo) => seedFeedback(p, demo),
  authz: async () => (await import('./feedback.authz.ts')).feedbackAuthz,
});
