import { baseDeps, defineModule } from '../../platform/module.ts';
import { agreementRoutes } from './service.agreement.routes.ts';
import { ServiceAgreements } from './service.agreements.ts';
import { ServiceCatalogue } from './service.catalogue.ts';
import { ProviderContracts } from './service.contracts.ts';
import { catalogueRoutes, contractRoutes } from './service.routes.ts';
import { seedService } from './service.seed.ts';

/** Home services (PRODUCT.md §4.5): the district catalogue (服务清单), provider contracts, service agreements. */
export const serviceModule = defineModule({
  name: 'service',
  needs: [],
  create: (ctx) => ({
    serviceCatalogue: new ServiceCatalogue(baseDeps(ctx)),
    providerContracts: new ProviderContracts(baseDeps(ctx)),
    serviceAgreements: new ServiceAgreements(baseDeps(ctx)),
  }),
  routes: (app, s) => {
    catalogueRoutes(app, s.serviceCatalogue);
    contractRoutes(app, s.providerContracts);
    agreementRoutes(app, s.serviceAgreements);
  },
  // The demo catalogue, contracts for the demo providers and a few signed agreements.
  seed: (p, demo) => seedService(p, demo),
  authz: async () => (await import('./service.authz.ts')).serviceAuthz,
});
