import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { ElderRelation } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { elderAccounts, elderFamily, elders } from './elder.table.ts';
import type { CONSENT_SCOPES } from './elder.vocab.ts';

/**
 * Who sees which elder: the registry's scope columns for `access.ts` (decision 004, 010) — the residence's
 * region, the responsible organisation, the elders related to the account, the elders of its current
 * assignments.
 */
export const ELDER_SCOPE = {
  region: elders.regionCode,
  organisation: elders.organisationId,
  elder: elders.id,
  assignedElder: elders.id,
};

/** ELDER_SCOPE for statements written as text (`scopeBranchesText`), on table alias `a`. */
export const elderScopeText = (a: string) => ({
  region: `${a}.region_code`,
  organisation: `${a}.organisation_id`,
  elder: `${a}.id`,
  assignedElder: `${a}.id`,
});

/**
 * Relationship scopes of the registry (decision 010): the elder an account is (`elder_accounts`), and the
 * elders it is bound to as family (`elder_family.user_id`). A family binding counts only with a recorded
 * consent that covers sharing with family (PIPL Art. 29, STANDARDS.md §7); without one the account sees
 * nothing of that elder.
 */
const SHARE_WITH_FAMILY: (typeof CONSENT_SCOPES)[number] = 'share_with_family';

/** The relationships of an account, for its AuthContext (one statement; read at every session resolution). */
export function elderRelations(db: Executor): (userId: string) => Promise<ElderRelation[]> {
  return async (userId) => {
    const self = db
      .select({
        elderId: elderAccounts.elderId,
        kind: sql<ElderRelation['kind']>`'self'`,
        mayActFor: sql<boolean>`true`,
      })
      .from(elderAccounts)
      .where(eq(elderAccounts.userId, userId));
    const family = db
      .select({
        elderId: elderFamily.elderId,
        kind: sql<ElderRelation['kind']>`'family'`,
        mayActFor: elderFamily.mayActFor,
      })
      .from(elderFamily)
      .where(
        and(
          eq(elderFamily.userId, userId),
          isNotNull(elderFamily.consentedAt),
          sql`${SHARE_WITH_FAMILY} = ANY(${elderFamily.consentScope})`,
        ),
      );
    return self.unionAll(family);
  };
}

/** Links an elder's own sign-in account to their record (demo seed; an API comes with account management). */
export async function linkElderAccount(db: Executor, elderId: string, userId: string): Promise<void> {
  await db.insert(elderAccounts).values({ elderId, userId });
}
