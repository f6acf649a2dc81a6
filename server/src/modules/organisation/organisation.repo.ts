import { and, asc, eq, gt, ilike, like, or, sql } from 'drizzle-orm';
import { regionPrefix } from '@yiyang/contracts';
import { inScopeAndRegion, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { Keyset } from '../../platform/pagination.ts';
import { regions } from '../region/region.table.ts';
import { organisations } from './organisation.table.ts';

export const ORGANISATION_SCOPE = { region: organisations.regionCode, organisation: organisations.id };
export type OrganisationRow = typeof organisations.$inferSelect;

export function organisationRepo(db: Executor) {
  return {
    async findById(id: string): Promise<OrganisationRow | undefined> {
      const [o] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
      return o;
    },
    async findInScope(scope: Scope, id: string): Promise<OrganisationRow | undefined> {
      const [o] = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.id, id), inScopeAndRegion(scope, ORGANISATION_SCOPE)))
        .limit(1);
      return o;
    },
    async ofType(regionCode: string, type: string): Promise<OrganisationRow[]> {
      return db
        .select()
        .from(organisations)
        .where(
          and(
            like(organisations.regionCode, `${regionPrefix(regionCode)}%`),
            eq(organisations.type, type),
            eq(organisations.status, 'active'),
          ),
        )
        .orderBy(asc(organisations.createdAt), asc(organisations.id));
    },
    async findByCreditCode(code: string): Promise<OrganisationRow | undefined> {
      const [o] = await db.select().from(organisations).where(eq(organisations.creditCode, code)).limit(1);
      return o;
    },
    async list(
      scope: Scope,
      f: { regionCode?: string; q?: string; type?: string; limit: number; after: Keyset | null },
    ) {
      const conds = [inScopeAndRegion(scope, ORGANISATION_SCOPE, f.regionCode)];
      if (f.type) conds.push(eq(organisations.type, f.type));
      if (f.q) conds.push(ilike(organisations.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      if (f.after)
        conds.push(
          or(
            gt(organisations.createdAt, f.after.createdAt),
            and(eq(organisations.createdAt, f.after.createdAt), gt(organisations.id, f.after.id)),
          )!,
        );
      return db
        .select({ org: organisations, regionName: regions.name })
        .from(organisations)
        .leftJoin(regions, eq(regions.code, organisations.regionCode))
        .where(and(...conds))
        .orderBy(asc(organisations.createdAt), asc(organisations.id))
        .limit(f.limit + 1);
    },
    async insert(values: typeof organisations.$inferInsert): Promise<OrganisationRow> {
      const [o] = await db.insert(organisations).values(values).returning();
      return o!;
    },
    async update(id: string, values: Partial<typeof organisations.$inferInsert>): Promise<OrganisationRow> {
      const [o] = await db
        .update(organisations)
        .set({ ...values, updatedAt: new Date(), version: sql`${organisations.version} + 1` })
        .where(eq(organisations.id, id))
        .returning();
      return o!;
    },
    async countInScope(scope: Scope, regionCode?: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(organisations)
        .where(inScopeAndRegion(scope, ORGANISATION_SCOPE, regionCode));
      return r?.n ?? 0;
    },
  };
}
