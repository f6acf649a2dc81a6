import { baseDeps, defineModule } from '../../platform/module.ts';
import { elderModule } from '../elder/elder.module.ts';
import { facilityRoutes } from './facility.routes.ts';
import { seedFacilities } from './facility.seed.ts';
import { FacilityService } from './facility.service.ts';

/** Facilities (issue 18 part A, decision 026): the registry of centres, stations and points, the plan tables. */
export const facilityModule = defineModule({
  name: 'facility',
  needs: [elderModule],
  create: (ctx) => ({ facilities: new FacilityService(baseDeps(ctx)) }),
  routes: (app, s) => facilityRoutes(app, s.facilities),
  seed: (p, demo) => seedFacilities(p, demo),
  authz: async () => (await import('./facility.authz.ts')).facilityAuthz,
});
