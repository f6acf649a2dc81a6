import { baseDeps, defineModule } from '../../platform/module.ts';
import { organisationRepo } from './organisation.repo.ts';
import { organisationRoutes } from './organisation.routes.ts';
import { OrganisationService } from './organisation.service.ts';

/** Organisations: the bureau, street offices, committees, providers and assessment agencies. */
export const organisationModule = defineModule({
  name: 'organisation',
  needs: [],
  create: (ctx) => ({ organisations: new OrganisationService(baseDeps(ctx)) }),
  routes: (app, s) => organisationRoutes(app, s.organisations),
  stats: {
    keys: ['organisations'],
    count: async ({ auth, regionCode }, _s, _deps, ctx) => ({
      organisations: await organisationRepo(ctx.db).countInScope(auth.scope, regionCode),
    }),
  },
  authz: async () => (w) => Promise.resolve({ 'victim.organisationId': w.victim.organisationId }),
});
