import { PERMISSIONS, ROLE_GRANTS, ROLE_NAMES, ROLES } from '@yiyang/contracts';
import type { Executor } from '../../platform/db.ts';
import { permissions, rolePermissions, roles } from './user.table.ts';

/**
 * Roles and permissions are data (issue 2 §6). At start the catalogue from
 * contracts is merged in: new permissions and roles are added with their
 * default grants; grants a deployment changed in the database are kept.
 */
export async function syncRoles(db: Executor): Promise<void> {
  await db
    .insert(permissions)
    .values(PERMISSIONS.map((code) => ({ code })))
    .onConflictDoNothing();
  const existing = new Set((await db.select({ code: roles.code }).from(roles)).map((r) => r.code));
  const fresh = ROLES.filter((r) => !existing.has(r));
  if (fresh.length === 0) return;
  await db
    .insert(roles)
    .values(fresh.map((code) => ({ code, nameZh: ROLE_NAMES[code].zh, nameEn: ROLE_NAMES[code].en })));
  await db
    .insert(rolePermissions)
    .values(
      fresh.flatMap((roleCode) =>
        ROLE_GRANTS[roleCode].map((permissionCode) => ({ roleCode, permissionCode })),
      ),
    )
    .onConflictDoNothing();
}
