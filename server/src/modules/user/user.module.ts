import { baseDeps, defineModule } from '../../platform/module.ts';
import { syncRoles } from './role.sync.ts';
import { userRepo } from './user.repo.ts';
import { userRoutes } from './user.routes.ts';
import { UserService } from './user.service.ts';

/** Users, their roles (data: issue 2 §6) and API tokens. */
export const userModule = defineModule({
  name: 'user',
  needs: [],
  create: (ctx) => ({ users: new UserService(baseDeps(ctx)) }),
  routes: (app, s) => userRoutes(app, s.users),
  startup: [
    {
      // The role catalogue of contracts merged into the database (grants a deployment changed are kept).
      phase: 'prepare',
      name: 'synchronised the role catalogue',
      run: async (p) => (await syncRoles(p.db), 0),
    },
  ],
  stats: {
    keys: ['users'],
    count: async ({ auth, regionCode }, _s, _deps, ctx) => ({
      users: await userRepo(ctx.db).countInScope(auth.scope, regionCode),
    }),
  },
  authz: async () => async (w, s) => {
    const token = await s.users.createApiToken(
      w.victim.auth,
      { userId: null, name: 'test' },
      w.victim.userId,
      'victim token',
      null,
    );
    return { 'victim.userId': w.victim.userId, 'victim.tokenId': token.row.id };
  },
});
