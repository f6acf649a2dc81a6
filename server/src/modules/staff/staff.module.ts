import { baseDeps, defineModule } from '../../platform/module.ts';
import { staffRoutes } from './staff.routes.ts';
import { StaffService } from './staff.service.ts';

/** Staff qualifications: assessors' and caregivers' certificates. */
export const staffModule = defineModule({
  name: 'staff',
  needs: [],
  create: (ctx) => ({ staff: new StaffService(baseDeps(ctx)) }),
  routes: (app, s) => staffRoutes(app, s.staff),
});
