import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { inScope, inScopeAndRegion, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { userRoles, users } from '../user/user.table.ts';

/**
 * The people and providers the staff module reads (joins of the user and organisation tables, names and
 * scope only). Caregivers are bound to their provider, not to a region: a provider's caregivers are in
 * the scope of whoever has the provider's organisation or its region.
 */
const PROVIDER_SCOPE = { region: organisations.regionCode, organisation: organisations.id };

export interface Holder {
  id: string;
  username: string;
  displayName: string;
  status: string;
  organisationId: string | null;
  organisationName: string | null;
  /** Where the account is: its own region, else its organisation's. */
  regionCode: string | null;
}

const holderColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  status: users.status,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  userRegionCode: users.regionCode,
  orgRegionCode: organisations.regionCode,
};
type HolderSelect = { userRegionCode: string | null; orgRegionCode: string | null } & Omit<
  Holder,
  'regionCode'
>;
const toHolder = ({ userRegionCode, orgRegionCode, ...h }: HolderSelect): Holder => ({
  ...h,
  regionCode: userRegionCode ?? orgRegionCode,
});

export function staffPeopleRepo(db: Executor) {
  return {
    /** A staff account in scope: through its own binding, or through its organisation's. */
    async holderInScope(scope: Scope, userId: string): Promise<Holder | undefined> {
      const [r] = await db
        .select(holderColumns)
        .from(users)
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(
          and(
            eq(users.id, userId),
            or(
              inScope(scope, { region: users.regionCode, organisation: users.organisationId }),
              inScope(scope, PROVIDER_SCOPE),
            ),
          ),
        )
        .limit(1);
      return r && toHolder(r);
    },
    /** Accounts with the caregiver role of these organisations (active only unless `all`). */
    async caregiversOf(organisationIds: string[], all = false): Promise<Holder[]> {
      if (organisationIds.length === 0) return [];
      const conds = [inArray(users.organisationId, organisationIds), eq(userRoles.roleCode, 'caregiver')];
      if (!all) conds.push(eq(users.status, 'active'));
      const rows = await db
        .select(holderColumns)
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .leftJoin(organisations, eq(organisations.id, users.organisationId))
        .where(and(...conds))
        .orderBy(asc(users.displayName), asc(users.id));
      return rows.map(toHolder);
    },
    /** Provider organisations in scope (within `regionCode` when given), optionally one of them. */
    async providersInScope(scope: Scope, regionCode?: string, organisationId?: string) {
      const conds = [eq(organisations.type, 'provider'), inScopeAndRegion(scope, PROVIDER_SCOPE, regionCode)];
      if (organisationId) conds.push(eq(organisations.id, organisationId));
      return db
        .select({ id: organisations.id, name: organisations.name, regionCode: organisations.regionCode })
        .from(organisations)
        .where(and(...conds))
        .orderBy(asc(organisations.name), asc(organisations.id));
    },
  };
}
