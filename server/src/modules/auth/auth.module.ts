import { baseDeps, defineModule } from '../../platform/module.ts';
import { userModule } from '../user/user.module.ts';
import { authRoutes } from './auth.routes.ts';
import { AuthService } from './auth.service.ts';
import { elderRelations } from '../elder/index.ts';

/**
 * Sign-in, sessions and API tokens: `app.ts` resolves every API request's caller through this
 * module's `auth` service. The session cache is the app's (ModuleContext.authCache).
 */
export const authModule = defineModule({
  name: 'auth',
  // The /me routes show and change the caller's own user.
  needs: [userModule],
  create: (ctx) => ({
    // Relationship scopes (decision 010): an elder's own account, family members bound with consent.
    auth: new AuthService({ ...baseDeps(ctx), relations: elderRelations(ctx.db) }),
  }),
  routes: (app, s, { user }, ctx) => authRoutes(app, { config: ctx.config, auth: s.auth, users: user.users }),
});
