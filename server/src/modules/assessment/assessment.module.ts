import { baseDeps, defineModule } from '../../platform/module.ts';
import { authModule } from '../auth/auth.module.ts';
import { elderModule } from '../elder/elder.module.ts';
import { regionModule } from '../region/region.module.ts';
import { assessmentRoutes } from './assessment.routes.ts';
import { seedAssessments } from './assessment.seed.ts';
import { AssessmentService } from './assessment.service.ts';

/** Ability assessments (老年人能力评估, GB/T 42195-2022): application to published result. */
export const assessmentModule = defineModule({
  name: 'assessment',
  needs: [regionModule, authModule, elderModule],
  create: (ctx, { region, auth, elder }) => ({
    assessments: new AssessmentService({
      ...baseDeps(ctx),
      elders: elder.elders,
      regions: region.regions,
      auth: auth.auth,
    }),
  }),
  routes: (app, s) => assessmentRoutes(app, s.assessments),
  // Immediate reassessment triggers (e.g. hospital discharge) from other modules' events.
  events: [{ name: 'assessment trigger', handle: (e, s) => s.assessments.onEvent(e) }],
  // Daily routine-reassessment scan (12 months after the last result); idempotent across instances.
  schedules: [{ name: 'assessment due scan', everyMs: 24 * 3_600_000, run: (s) => s.assessments.dueScan() }],
  // Assessments for some demo elders: published with history, due and overdue, open ones in each state.
  seed: async (ctx, demo) =>
    void (await seedAssessments(ctx, {
      regionCode: demo.countyCode,
      communityCode: demo.communityCode,
      agencyId: demo.agencyId,
      // One elder in a hundred, at most 30 (each runs the whole workflow): 2 in tests, 30 in the demo.
      count: Math.min(30, Math.floor(ctx.config.DEMO_ELDERS / 100)),
      today: new Date(),
    })),
  cli: [
    {
      words: ['assessments', 'due-scan'],
      usage: 'assessments due-scan',
      help: 'create routine reassessment applications that are due',
      async run({ open, out }) {
        const { s } = await open();
        const r = await s.assessments.dueScan();
        out(`Routine reassessment applications created: ${r.created}.`);
        return 0;
      },
    },
  ],
  authz: async () => (await import('./assessment.authz.ts')).assessmentAuthz,
});
