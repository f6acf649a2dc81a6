import { defineModule } from '../../platform/module.ts';
import { seedService } from './service.seed.ts';

/** Home services (PRODUCT.md §4.5): the district catalogue (服务清单), provider contracts, service agreements. */
export const serviceModule = defineModule({
  name: 'service',
  needs: [],
  create: () => ({}),
  // The demo catalogue, contracts for the demo providers and a few signed agreements.
  seed: (p, demo) => seedService(p, demo),
});
