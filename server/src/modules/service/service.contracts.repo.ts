import { and, asc, desc, eq, exists, gte, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { inScope, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { organisations } from '../organisation/organisation.table.ts';
import {
  providerContractItems,
  providerContractRegions,
  providerContracts,
  serviceAgreements,
} from './service.table.ts';

export type ContractRow = typeof providerContracts.$inferSelect;
export type AgreementRow = typeof serviceAgreements.$inferSelect;
export interface ContractFull extends ContractRow {
  organisationName: string;
  regionCodes: string[];
  itemCodes: string[];
}

/**
 * A contract is in scope where one of the regions it serves is (the street or community staff who
 * supervise the service there), and for the provider itself.
 */
function contractInScope(scope: Scope): SQL {
  const region = inScope(
    { regionPrefix: scope.regionPrefix, organisationId: null },
    {
      region: providerContractRegions.regionCode,
    },
  );
  const served = exists(
    sql`(SELECT 1 FROM ${providerContractRegions} WHERE ${providerContractRegions.contractId} = ${providerContracts.id} AND ${region})`,
  );
  return scope.organisationId
    ? or(served, eq(providerContracts.organisationId, scope.organisationId))!
    : served;
}

/** Contracts current on `onDate` (a termination moves `valid_to` to its last day). */
const contractCurrentOn = (onDate: string): SQL =>
  and(lte(providerContracts.validFrom, onDate), gte(providerContracts.validTo, onDate))!;

/** Contracts with their provider's name, served regions and item codes. */
async function complete(db: Executor, rows: { c: ContractRow; name: string }[]): Promise<ContractFull[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.c.id);
  const [regs, items] = await Promise.all([
    db.select().from(providerContractRegions).where(inArray(providerContractRegions.contractId, ids)),
    db.select().from(providerContractItems).where(inArray(providerContractItems.contractId, ids)),
  ]);
  return rows.map(({ c, name }) => ({
    ...c,
    organisationName: name,
    regionCodes: regs
      .filter((r) => r.contractId === c.id)
      .map((r) => r.regionCode)
      .sort(),
    itemCodes: items
      .filter((i) => i.contractId === c.id)
      .map((i) => i.itemCode)
      .sort(),
  }));
}
const selectContracts = (db: Executor) =>
  db
    .select({ c: providerContracts, name: organisations.name })
    .from(providerContracts)
    .innerJoin(organisations, eq(organisations.id, providerContracts.organisationId));

/** Providers with a current contract covering `itemCode` in the district, serving `regionCode`. */
async function contractedFor(
  db: Executor,
  q: { districtCode: string; regionCode: string; itemCode: string; onDate: string },
) {
  return db
    .selectDistinct({ organisationId: providerContracts.organisationId, name: organisations.name })
    .from(providerContracts)
    .innerJoin(organisations, eq(organisations.id, providerContracts.organisationId))
    .innerJoin(providerContractItems, eq(providerContractItems.contractId, providerContracts.id))
    .innerJoin(providerContractRegions, eq(providerContractRegions.contractId, providerContracts.id))
    .where(
      and(
        eq(providerContracts.districtCode, q.districtCode),
        eq(providerContractItems.itemCode, q.itemCode),
        sql`${q.regionCode} LIKE ${providerContractRegions.regionPrefix} || '%'`,
        eq(organisations.status, 'active'),
        contractCurrentOn(q.onDate),
      ),
    )
    .orderBy(asc(organisations.name), asc(providerContracts.organisationId));
}

export function contractRepo(db: Executor) {
  return {
    async findInScope(scope: Scope, id: string): Promise<ContractFull | undefined> {
      const rows = await selectContracts(db)
        .where(and(eq(providerContracts.id, id), contractInScope(scope)))
        .limit(1);
      return (await complete(db, rows))[0];
    },
    async findById(id: string): Promise<ContractFull | undefined> {
      const rows = await selectContracts(db).where(eq(providerContracts.id, id)).limit(1);
      return (await complete(db, rows))[0];
    },
    async list(scope: Scope, f: { organisationId?: string; onDate?: string; itemCode?: string }) {
      const conds = [contractInScope(scope)];
      if (f.organisationId) conds.push(eq(providerContracts.organisationId, f.organisationId));
      if (f.onDate) conds.push(contractCurrentOn(f.onDate));
      if (f.itemCode)
        conds.push(
          exists(
            sql`(SELECT 1 FROM ${providerContractItems} WHERE ${providerContractItems.contractId} = ${providerContracts.id} AND ${providerContractItems.itemCode} = ${f.itemCode})`,
          ),
        );
      const rows = await selectContracts(db)
        .where(and(...conds))
        .orderBy(desc(providerContracts.validFrom), asc(providerContracts.id))
        .limit(500);
      return complete(db, rows);
    },
    contractedFor: (q: Parameters<typeof contractedFor>[1]) => contractedFor(db, q),
    async insert(
      values: typeof providerContracts.$inferInsert,
      regions: { code: string; prefix: string }[],
      itemCodes: string[],
    ): Promise<ContractRow> {
      const [c] = await db.insert(providerContracts).values(values).returning();
      await this.replaceParts(c!.id, regions, itemCodes);
      return c!;
    },
    async countInDistrict(districtCode: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(providerContracts)
        .where(eq(providerContracts.districtCode, districtCode));
      return r?.n ?? 0;
    },
    async replaceParts(contractId: string, regions: { code: string; prefix: string }[], itemCodes: string[]) {
      await db.delete(providerContractRegions).where(eq(providerContractRegions.contractId, contractId));
      await db.delete(providerContractItems).where(eq(providerContractItems.contractId, contractId));
      await db
        .insert(providerContractRegions)
        .values(regions.map((r) => ({ contractId, regionCode: r.code, regionPrefix: r.prefix })));
      await db.insert(providerContractItems).values(itemCodes.map((itemCode) => ({ contractId, itemCode })));
    },
    async update(id: string, version: number, values: Partial<typeof providerContracts.$inferInsert>) {
      const [c] = await db
        .update(providerContracts)
        .set({ ...values, updatedAt: new Date(), version: sql`${providerContracts.version} + 1` })
        .where(and(eq(providerContracts.id, id), eq(providerContracts.version, version)))
        .returning();
      return c;
    },
  };
}

/** Agreements in scope: the elder's community, the provider, the elder themself and consenting family. */
export const AGREEMENT_SCOPE = {
  region: serviceAgreements.regionCode,
  organisation: serviceAgreements.organisationId,
  elder: serviceAgreements.elderId,
};

export function agreementRepo(db: Executor) {
  return {
    async findById(id: string): Promise<AgreementRow | undefined> {
      const [a] = await db.select().from(serviceAgreements).where(eq(serviceAgreements.id, id)).limit(1);
      return a;
    },
    async findInScope(scope: Scope, id: string): Promise<AgreementRow | undefined> {
      const [a] = await db
        .select()
        .from(serviceAgreements)
        .where(and(eq(serviceAgreements.id, id), inScope(scope, AGREEMENT_SCOPE)))
        .limit(1);
      return a;
    },
    async list(
      scope: Scope,
      f: { elderId?: string; organisationId?: string; status?: string; limit: number },
    ) {
      const conds = [inScope(scope, AGREEMENT_SCOPE)];
      if (f.elderId) conds.push(eq(serviceAgreements.elderId, f.elderId));
      if (f.organisationId) conds.push(eq(serviceAgreements.organisationId, f.organisationId));
      if (f.status) conds.push(eq(serviceAgreements.status, f.status));
      return db
        .select()
        .from(serviceAgreements)
        .where(and(...conds))
        .orderBy(desc(serviceAgreements.createdAt), asc(serviceAgreements.id))
        .limit(f.limit);
    },
    /** The signed agreement of elder and provider covering `itemCode` on `onDate` (latest signed first). */
    async active(q: { elderId: string; organisationId: string; itemCode: string; onDate: string }) {
      const [a] = await db
        .select({ id: serviceAgreements.id })
        .from(serviceAgreements)
        .where(
          and(
            eq(serviceAgreements.elderId, q.elderId),
            eq(serviceAgreements.organisationId, q.organisationId),
            eq(serviceAgreements.status, 'signed'),
            sql`${q.itemCode} = ANY(${serviceAgreements.itemCodes})`,
            lte(serviceAgreements.validFrom, q.onDate),
            or(isNull(serviceAgreements.validTo), gte(serviceAgreements.validTo, q.onDate)),
          ),
        )
        .orderBy(desc(serviceAgreements.signedAt))
        .limit(1);
      return a ?? null;
    },
    /** How many agreements are numbered with this prefix (the day's sequence). */
    async countNumbered(prefix: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(serviceAgreements)
        .where(like(serviceAgreements.number, `${prefix}%`));
      return r?.n ?? 0;
    },
    async insert(values: typeof serviceAgreements.$inferInsert): Promise<AgreementRow> {
      const [a] = await db.insert(serviceAgreements).values(values).returning();
      return a!;
    },
    async update(id: string, version: number, values: Partial<typeof serviceAgreements.$inferInsert>) {
      const [a] = await db
        .update(serviceAgreements)
        .set({ ...values, updatedAt: new Date(), version: sql`${serviceAgreements.version} + 1` })
        .where(and(eq(serviceAgreements.id, id), eq(serviceAgreements.version, version)))
        .returning();
      return a;
    },
  };
}

/** The agreement repo's `active` for several providers at once: provider → the latest signed one's id. */
export async function activeAgreementsWith(
  db: Executor,
  q: { elderId: string; organisationIds: string[]; itemCode: string; onDate: string },
) {
  const rows = await db
    .selectDistinctOn([serviceAgreements.organisationId], {
      id: serviceAgreements.id,
      organisationId: serviceAgreements.organisationId,
    })
    .from(serviceAgreements)
    .where(
      and(
        eq(serviceAgreements.elderId, q.elderId),
        sql`${serviceAgreements.organisationId} = ANY(${sql.param(q.organisationIds)}::uuid[])`,
        eq(serviceAgreements.status, 'signed'),
        sql`${q.itemCode} = ANY(${serviceAgreements.itemCodes})`,
        lte(serviceAgreements.validFrom, q.onDate),
        or(isNull(serviceAgreements.validTo), gte(serviceAgreements.validTo, q.onDate)),
      ),
    )
    .orderBy(serviceAgreements.organisationId, desc(serviceAgreements.signedAt));
  return new Map(rows.map((r) => [r.organisationId, r.id]));
}
