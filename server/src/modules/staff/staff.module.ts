import { baseDeps, defineModule } from '../../platform/module.ts';
import { caregiverRoutes } from './staff.caregivers.routes.ts';
import { CaregiverService } from './staff.caregivers.service.ts';
import { staffRoutes } from './staff.routes.ts';
import { seedStaff } from './staff.seed.ts';
import { StaffService } from './staff.service.ts';

/** Staff: assessors' and caregivers' certificates; providers' caregivers (training, shifts, leave, base). */
export const staffModule = defineModule({
  name: 'staff',
  needs: [],
  create: (ctx) => ({
    staff: new StaffService(baseDeps(ctx)),
    caregivers: new CaregiverService(baseDeps(ctx)),
  }),
  routes: (app, s) => {
    // The caregivers' fixed paths (/staff/caregivers, /staff/indicators) before /staff/:userId/….
    caregiverRoutes(app, s.caregivers);
    staffRoutes(app, s.staff);
  },
  seed: (p, demo) => seedStaff(p, demo),
  authz: async () => (await import('./staff.authz.ts')).staffAuthz,
});
