/** The user module's public surface (docs/modules.md, "Public surfaces"). */
import type { Executor } from '../../platform/db.ts';
import { userRepo } from './user.repo.ts';

export type { UserService } from './user.service.ts';
export type { UserRow } from './user.repo.ts';

export const findUser = (db: Executor, id: string) => userRepo(db).findById(id);
export const findUserByUsername = (db: Executor, username: string) => userRepo(db).findByUsername(username);
/** An account's roles, and the permissions those roles grant (for the auth context). */
export const rolesOfUser = (db: Executor, id: string) => userRepo(db).rolesOf(id);
export const permissionsOfRoles = (db: Executor, roles: string[]) => userRepo(db).permissionsOfRoles(roles);
/** Records a successful sign-in. */
export const recordSignIn = async (db: Executor, id: string, at: Date) => {
  await userRepo(db).update(id, { lastLoginAt: at });
};
/** Renames an account (the demo seed names the elder account after its elder). */
export const renameUser = async (db: Executor, id: string, displayName: string) => {
  await userRepo(db).update(id, { displayName });
};
