import { baseDeps, defineModule } from '../../platform/module.ts';
import { elderModule } from '../elder/elder.module.ts';
import { serviceModule } from '../service/service.module.ts';
import { orderRoutes } from './order.routes.ts';
import { seedOrders } from './order.seed.ts';
import { OrderService } from './order.service.ts';

/** Service orders (服务工单, issue 14): ordering, the state machine, dispatch, recurring plans. */
export const orderModule = defineModule({
  name: 'order',
  needs: [elderModule, serviceModule],
  create: (ctx) => ({ orders: new OrderService(baseDeps(ctx)) }),
  routes: (app, s) => orderRoutes(app, s.orders),
  events: [
    // Hospitalised, in an institution: plans pause; deceased, moved out: they end and future open orders
    // cancel. A funded plan ends with its agreement.
    { name: 'order plans follow the elder and agreements', handle: (e, s) => s.orders.plans.onEvent(e) },
  ],
  schedules: [
    // Orders nobody accepted widen to every contracted provider, then alert the street (idempotent).
    { name: 'order escalation', everyMs: 60_000, run: (s) => s.orders.dispatch.escalate() },
    // Recurring plans' orders of the next days (one per occurrence: idempotent across instances).
    { name: 'recurring order plans', everyMs: 15 * 60_000, run: (s) => s.orders.plans.generate() },
  ],
  // Two weeks of visits through the real commands, a few open today, a recurring plan (issue 14 §8).
  seed: (p, demo) => seedOrders(p, demo),
  authz: async () => (await import('./order.authz.ts')).orderAuthz,
});
