import { baseDeps, defineModule } from '../../platform/module.ts';
import { alarmModule } from '../alarm/index.ts';
import { elderModule } from '../elder/elder.module.ts';
import { healthRoutes } from './health.routes.ts';
import { seedHealth } from './health.seed.ts';
import { HealthService } from './health.service.ts';

/**
 * Health monitoring (健康监测, issue 17 item 3, decision 031): vital signs, thresholds, rules as data and the
 * alerts a person verifies before they escalate to an alarm (the alarm module's `openAlarm`).
 */
export const healthModule = defineModule({
  name: 'health',
  needs: [elderModule, alarmModule],
  create: (ctx) => ({ health: new HealthService(baseDeps(ctx)) }),
  routes: (app, s) => healthRoutes(app, s.health),
  schedules: [
    // The durable evaluator: every rule against what is stored (idempotent: unique indexes, any instance).
    {
      name: 'health rules',
      everyMs: 60_000,
      run: async (s) => {
        const opened = await s.health.evaluate();
        return opened ? { opened } : {};
      },
    },
  ],
  seed: (p, demo) => seedHealth(p, demo),
  authz: async () => (await import('./health.authz.ts')).healthAuthz,
});
