import { alarmModule } from './alarm/index.ts';
import { assessmentModule } from './assessment/index.ts';
import { auditModule } from './audit/index.ts';
import { authModule } from './auth/auth.module.ts';
import { deviceModule } from './device/index.ts';
import { facilityModule } from './facility/index.ts';
import { coverageModule } from './coverage/index.ts';
import { elderModule } from './elder/elder.module.ts';
import { feedbackModule } from './feedback/index.ts';
import { healthModule } from './health/index.ts';
import { orderModule } from './order/index.ts';
import { organisationModule } from './organisation/organisation.module.ts';
import { regionModule } from './region/region.module.ts';
import { serviceModule } from './service/service.module.ts';
import { staffModule } from './staff/staff.module.ts';
import { statsModule } from './stats/index.ts';
import { userModule } from './user/user.module.ts';
import { visitModule } from './visit/index.ts';

/**
 * Every server module, in order (docs/modules.md): services are created, routes registered, start-up
 * tasks run, demo data seeded, counts shown and commands listed in this order. A module's `needs` come
 * before it. Adding a module: its folder, and one line here.
 */
export const modules = [
  regionModule,
  organisationModule,
  userModule,
  authModule,
  elderModule,
  assessmentModule,
  staffModule,
  serviceModule,
  orderModule,
  alarmModule,
  visitModule,
  feedbackModule,
  deviceModule,
  facilityModule,
  coverageModule,
  healthModule,
  auditModule,
  statsModule,
] as const;

export type Modules = typeof modules;
