/** The auth module's public surface (docs/modules.md, "Public surfaces"). */
import type { Executor } from '../../platform/db.ts';
import { authRepo } from './auth.repo.ts';

export { AuthService, hashPassword } from './auth.service.ts';

/** Ends every session of an account (returns how many); the caller clears the session cache. */
export const revokeUserSessions = (db: Executor, userId: string) => authRepo(db).revokeUserSessions(userId);
/** API tokens: the user module creates, lists and revokes them for an account. */
export const insertApiToken = (
  db: Executor,
  values: Parameters<ReturnType<typeof authRepo>['insertToken']>[0],
) => authRepo(db).insertToken(values);
export const listApiTokens = (db: Executor, userId: string) => authRepo(db).listTokens(userId);
export const revokeApiToken = (db: Executor, id: string) => authRepo(db).revokeToken(id);
