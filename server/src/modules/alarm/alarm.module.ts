import { baseDeps, defineModule } from '../../platform/module.ts';
import { elderModule } from '../elder/elder.module.ts';
import { orderModule } from '../order/index.ts';
import { regionModule } from '../region/region.module.ts';
import { ladderOf } from './alarm.ladder.ts';
import { LoggingNotifier } from './alarm.notify.ts';
import { alarmRoutes } from './alarm.routes.ts';
import { seedAlarms } from './alarm.seed.ts';
import { AlarmService } from './alarm.service.ts';

/** Emergency assistance (紧急援助, issue 16): alarms, the duty rota, responders, the escalation ladder. */
export const alarmModule = defineModule({
  name: 'alarm',
  // The order module places a real emergency's follow-up visit (its seam, not its services).
  needs: [regionModule, elderModule, orderModule],
  create: (ctx, { region, elder }) => ({
    alarms: new AlarmService({
      ...baseDeps(ctx),
      elders: elder.elders,
      regions: region.regions,
      notifier: new LoggingNotifier(ctx.log),
      ladder: ladderOf(ctx.config),
    }),
  }),
  routes: (app, s) => alarmRoutes(app, s.alarms),
  schedules: [
    // The escalation ladder's durable timers (SKIP LOCKED: idempotent across instances; a timer due while
    // the server was down fires on the first run after start).
    {
      name: 'alarm ladder',
      everyMs: 1_000,
      run: async (s) => {
        const fired = await s.alarms.ladder.fireDue();
        return fired ? { fired } : {};
      },
    },
  ],
  seed: (p, demo) => seedAlarms(p, demo),
  authz: async () => (await import('./alarm.authz.ts')).alarmAuthz,
});
