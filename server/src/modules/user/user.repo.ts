import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Permission, RoleCode } from '@yiyang/contracts';
import { inScopeAndRegion, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { regions } from '../region/region.table.ts';
import { rolePermissions, roles, userRoles, users, type UserPreferences } from './user.table.ts';

/**
 * Where an account sits for scoping: its region, else its organisation's (issue 13: a provider's or an
 * assessment agency's staff, bound only to the organisation, are listed and counted for whoever's region
 * covers that organisation; the bureau saw 10 of its 15 demo accounts).
 */
const USER_REGION = sql`coalesce(${users.regionCode}, (select o.region_code from organisations o where o.id = ${users.organisationId}))`;
const SCOPE = { region: USER_REGION, organisation: users.organisationId };

export type UserRow = typeof users.$inferSelect;

export interface UserListFilter {
  regionCode?: string;
  organisationId?: string;
  q?: string;
  limit: number;
  after?: { createdAt: Date; id: string } | null;
}

/** Accounts, their roles and the roles' permissions: one object of the three parts below. */
export function userRepo(db: Executor) {
  return { ...userReads(db), ...userWrites(db), ...roleRepo(db) };
}

/** Accounts by id, name and scope; the scoped list. */
function userReads(db: Executor) {
  return {
    async findByUsername(username: string): Promise<UserRow | undefined> {
      const [u] = await db.select().from(users).where(eq(users.username, username)).limit(1);
      return u;
    },
    async findById(id: string): Promise<UserRow | undefined> {
      const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return u;
    },
    async findInScope(scope: Scope, id: string): Promise<UserRow | undefined> {
      const [u] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, id), inScopeAndRegion(scope, SCOPE)))
        .limit(1);
      return u;
    },
    async list(scope: Scope, f: UserListFilter) {
      const conds = [inScopeAndRegion(scope, SCOPE, f.regionCode)];
      if (f.organisationId) conds.push(eq(users.organisationId, f.organisationId));
      if (f.q) {
        const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conds.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
      }
      // Keyset pagination on (created_at, id): stable under inserts.
      if (f.after) {
        conds.push(
          or(
            gt(users.createdAt, f.after.createdAt),
            and(eq(users.createdAt, f.after.createdAt), gt(users.id, f.after.id)),
          )!,
        );
      }
      return db
        .select({
          user: users,
          regionName: regions.name,
          organisationName: organisations.name,
        })
        .from(users)
        .leftJoin(regions, eq(regions.code, users.regionCode))
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(and(...conds))
        .orderBy(asc(users.createdAt), asc(users.id))
        .limit(f.limit + 1);
    },
    async countInScope(scope: Scope, regionCode?: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(inScopeAndRegion(scope, SCOPE, regionCode));
      return r?.n ?? 0;
    },
  };
}

/** New accounts, their changes and preferences. */
function userWrites(db: Executor) {
  return {
    async insert(values: typeof users.$inferInsert, roleCodes: string[]): Promise<UserRow> {
      const [u] = await db.insert(users).values(values).returning();
      if (roleCodes.length)
        await db.insert(userRoles).values(roleCodes.map((roleCode) => ({ userId: u!.id, roleCode })));
      return u!;
    },
    async update(id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
      const [u] = await db
        .update(users)
        .set({ ...values, updatedAt: new Date(), version: sql`${users.version} + 1` })
        .where(eq(users.id, id))
        .returning();
      return u!;
    },
    async setPreferences(userId: string, prefs: UserPreferences): Promise<void> {
      await db.update(users).set({ preferences: prefs }).where(eq(users.id, userId));
    },
  };
}

/** Roles of accounts and permissions of roles. */
function roleRepo(db: Executor) {
  return {
    async rolesOf(userId: string): Promise<RoleCode[]> {
      const rows = await db
        .select({ code: userRoles.roleCode })
        .from(userRoles)
        .where(eq(userRoles.userId, userId));
      return rows.map((r) => r.code as RoleCode);
    },
    async rolesOfMany(userIds: string[]): Promise<Map<string, RoleCode[]>> {
      const out = new Map<string, RoleCode[]>();
      if (userIds.length === 0) return out;
      const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds));
      for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.roleCode as RoleCode]);
      return out;
    },
    async permissionsOfRoles(roleCodes: string[]): Promise<Set<Permission>> {
      if (roleCodes.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ code: rolePermissions.permissionCode })
        .from(rolePermissions)
        .where(inArray(rolePermissions.roleCode, roleCodes));
      return new Set(rows.map((r) => r.code as Permission));
    },
    async listRoles() {
      const all = await db.select().from(roles).orderBy(asc(roles.code));
      const grants = await db.select().from(rolePermissions);
      return all.map((r) => ({
        ...r,
        permissions: grants.filter((g) => g.roleCode === r.code).map((g) => g.permissionCode as Permission),
      }));
    },
    async setRoles(userId: string, roleCodes: string[]): Promise<void> {
      await db.delete(userRoles).where(eq(userRoles.userId, userId));
      if (roleCodes.length)
        await db.insert(userRoles).values(roleCodes.map((roleCode) => ({ userId, roleCode })));
    },
  };
}
