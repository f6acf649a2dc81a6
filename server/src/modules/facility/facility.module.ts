import { defineModule } from '../../platform/module.ts';

/** Facilities (issue 18 part A, decision 026): the registry of centres, stations and points. */
export const facilityModule = defineModule({
  name: 'facility',
  needs: [],
  create: () => ({}),
});
