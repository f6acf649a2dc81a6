import {
  and,
  arrayContains,
  arrayOverlaps,
  asc,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  like,
  lte,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { inScopeAndRegion, scopeBranches, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { Keyset } from '../../platform/pagination.ts';
import { regions } from '../region/region.table.ts';
import { elderFamily, elders, elderTags, elderVersions, UNMASKED } from './elder.table.ts';
import { INACTIVE_STATUSES } from './elder.vocab.ts';

export const ELDER_SCOPE = { region: elders.regionCode, organisation: elders.organisationId };
export type ElderRow = typeof elders.$inferSelect;
export type ElderTagRow = typeof elderTags.$inferSelect;
export type FamilyRow = typeof elderFamily.$inferSelect;
export type ElderTagSummary = Pick<ElderTagRow, 'code' | 'validFrom' | 'validTo' | 'source'>;

/** A list filter already turned into column terms by the service (no business rules here). */
export interface ElderFilter {
  regionCode?: string | undefined;
  status?: string | undefined;
  livingSituation?: string | undefined;
  /** birth_date <= this (age at least …). */
  bornOnOrBefore?: string | undefined;
  /** birth_date > this (age at most …). */
  bornAfter?: string | undefined;
  nameContains?: string | undefined;
  /** A name_grams entry every name containing `nameContains` has (index lookup before the recheck). */
  nameGram?: string | undefined;
  pinyinPrefix?: string | undefined;
  idNumberHash?: string | undefined;
  phoneHash?: string | undefined;
  /** Any of: stored tag codes valid on `today`, age floors, living situations. */
  anyTag?: { codes: string[]; bornOnOrBefore: string[]; livingSituations: string[]; today: string };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Any of `codes` valid on `today`. `tag_codes` (GIN) narrows to elders holding one of the codes at all;
 * the dated validity is re-checked on their elder_tags rows only.
 */
function currentTagExists(codes: string[], today: string): SQL {
  return sql`(${arrayOverlaps(elders.tagCodes, codes)} AND EXISTS (SELECT 1 FROM ${elderTags} WHERE ${elderTags.elderId} = ${elders.id} AND ${inArray(
    elderTags.code,
    codes,
  )} AND ${elderTags.validFrom} <= ${today} AND (${elderTags.validTo} IS NULL OR ${elderTags.validTo} >= ${today})))`;
}

/** The filter's conditions; the scope is added per branch by `list`. */
function filterConditions(f: ElderFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(elders.status, f.status));
  if (f.livingSituation) conds.push(eq(elders.livingSituation, f.livingSituation));
  if (f.bornOnOrBefore) conds.push(lte(elders.birthDate, f.bornOnOrBefore));
  if (f.bornAfter) conds.push(gt(elders.birthDate, f.bornAfter));
  if (f.idNumberHash) conds.push(eq(elders.idNumberHash, f.idNumberHash));
  if (f.phoneHash) conds.push(eq(elders.phoneHash, f.phoneHash));
  const text: SQL[] = [];
  if (f.nameContains) {
    const contains = ilike(elders.name, `%${escapeLike(f.nameContains)}%`);
    text.push(f.nameGram ? and(arrayContains(elders.nameGrams, [f.nameGram]), contains)! : contains);
  }
  if (f.pinyinPrefix) {
    text.push(like(elders.nameInitials, `${escapeLike(f.pinyinPrefix)}%`));
    text.push(like(elders.namePinyin, `${escapeLike(f.pinyinPrefix)}%`));
  }
  if (text.length) conds.push(or(...text)!);
  if (f.anyTag) {
    const t = f.anyTag;
    const any: SQL[] = [];
    if (t.codes.length) any.push(currentTagExists(t.codes, t.today));
    for (const d of t.bornOnOrBefore) any.push(lte(elders.birthDate, d));
    if (t.livingSituations.length) any.push(inArray(elders.livingSituation, t.livingSituations));
    conds.push(any.length ? or(...any)! : sql`false`);
  }
  return conds;
}

export type ElderMasks = Pick<
  typeof elders.$inferInsert,
  'nameMasked' | 'idNumberMasked' | 'phoneMasked' | 'addressMasked'
>;

/** elders.tag_codes := the codes of the elder's elder_tags rows. */
async function syncTagCodes(db: Executor, elderIds: string[]): Promise<void> {
  for (let i = 0; i < elderIds.length; i += 1000) {
    const ids = elderIds.slice(i, i + 1000);
    if (ids.length === 0) continue;
    await db
      .update(elders)
      .set({
        tagCodes: sql`coalesce((SELECT array_agg(DISTINCT ${elderTags.code} ORDER BY ${elderTags.code}) FROM ${elderTags} WHERE ${elderTags.elderId} = ${elders.id}), '{}'::text[])`,
      })
      .where(inArray(elders.id, ids));
  }
}

export function elderRepo(db: Executor) {
  return {
    async findInScope(scope: Scope, id: string) {
      const [r] = await db
        .select({ elder: elders, regionName: regions.name })
        .from(elders)
        .leftJoin(regions, eq(regions.code, elders.regionCode))
        .where(and(eq(elders.id, id), inScopeAndRegion(scope, ELDER_SCOPE)))
        .limit(1);
      return r;
    },
    async findByIdNumberHash(hash: string): Promise<ElderRow | undefined> {
      const [r] = await db.select().from(elders).where(eq(elders.idNumberHash, hash)).limit(1);
      return r;
    },
    /**
     * A page in two steps. First the keys: one ordered, limited query per scope branch (region subtree;
     * organisation) that reads only columns of the keyset indexes, so each can be an index-only scan
     * (`region OR organisation` in one query cannot); merged here. Then the page's rows by primary key,
     * with their region name and tags. Exact lookups by a blind index stay one query.
     */
    async list(scope: Scope, f: ElderFilter & { limit: number; after: Keyset | null }) {
      const conds = filterConditions(f);
      // Row comparison: one index range condition on (created_at, id).
      if (f.after)
        conds.push(
          sql`(${elders.createdAt}, ${elders.id}) > (${f.after.createdAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`,
        );
      const tags = sql<
        ElderTagSummary[]
      >`(SELECT coalesce(json_agg(json_build_object('code', ${elderTags.code}, 'validFrom', ${elderTags.validFrom}, 'validTo', ${elderTags.validTo}, 'source', ${elderTags.source}) ORDER BY ${elderTags.code}, ${elderTags.validFrom}), '[]'::json) FROM ${elderTags} WHERE ${elderTags.elderId} = ${elders.id})`;
      const rows = (where: SQL) =>
        db
          .select({ elder: elders, regionName: regions.name, tags })
          .from(elders)
          .leftJoin(regions, eq(regions.code, elders.regionCode))
          .where(where)
          .orderBy(asc(elders.createdAt), asc(elders.id))
          .limit(f.limit + 1);
      // An exact lookup (blind index) finds a row or two: one query is cheaper than two steps.
      if (f.idNumberHash || f.phoneHash)
        return rows(and(inScopeAndRegion(scope, ELDER_SCOPE, f.regionCode), ...conds)!);
      const keys = (inBranch: SQL) =>
        db
          .select({ id: elders.id, createdAt: elders.createdAt })
          .from(elders)
          .where(and(inBranch, ...conds))
          .orderBy(asc(elders.createdAt), asc(elders.id))
          .limit(f.limit + 1);
      const branches = scopeBranches(scope, ELDER_SCOPE, f.regionCode);
      if (branches.length === 0) return [];
      const seen = new Set<string>();
      const page = (await Promise.all(branches.map(keys)))
        .flat()
        .filter((r) => !seen.has(r.id) && seen.add(r.id))
        .sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .slice(0, f.limit + 1);
      if (page.length === 0) return [];
      return rows(
        inArray(
          elders.id,
          page.map((r) => r.id),
        ),
      );
    },
    async tagsOf(elderIds: string[]): Promise<ElderTagRow[]> {
      if (elderIds.length === 0) return [];
      return db
        .select()
        .from(elderTags)
        .where(inArray(elderTags.elderId, elderIds))
        .orderBy(asc(elderTags.code), asc(elderTags.validFrom));
    },
    async familyOf(elderId: string): Promise<FamilyRow[]> {
      return db
        .select()
        .from(elderFamily)
        .where(eq(elderFamily.elderId, elderId))
        .orderBy(asc(elderFamily.createdAt), asc(elderFamily.id));
    },
    async insert(values: typeof elders.$inferInsert): Promise<ElderRow> {
      const [r] = await db.insert(elders).values(values).returning();
      return r!;
    },
    async insertMany(values: (typeof elders.$inferInsert)[]): Promise<{ id: string }[]> {
      if (values.length === 0) return [];
      return db.insert(elders).values(values).returning({ id: elders.id });
    },
    /** Optimistic concurrency: updates only when the version is still `expected`; undefined otherwise. */
    async updateVersioned(
      id: string,
      expected: number,
      values: Partial<typeof elders.$inferInsert>,
    ): Promise<ElderRow | undefined> {
      const [r] = await db
        .update(elders)
        .set({ ...values, updatedAt: new Date(), version: sql`${elders.version} + 1` })
        .where(and(eq(elders.id, id), eq(elders.version, expected)))
        .returning();
      return r;
    },
    async insertVersion(values: typeof elderVersions.$inferInsert): Promise<void> {
      await db.insert(elderVersions).values(values);
    },
    async history(elderId: string) {
      return db
        .select()
        .from(elderVersions)
        .where(eq(elderVersions.elderId, elderId))
        .orderBy(desc(elderVersions.version));
    },
    // Every write of elder_tags goes through here and refreshes elders.tag_codes in the same transaction.
    async replaceManualTags(elderId: string, tags: (typeof elderTags.$inferInsert)[]): Promise<void> {
      await db.delete(elderTags).where(and(eq(elderTags.elderId, elderId), eq(elderTags.source, 'manual')));
      if (tags.length) await db.insert(elderTags).values(tags);
      await syncTagCodes(db, [elderId]);
    },
    async findById(id: string): Promise<ElderRow | undefined> {
      const [r] = await db.select().from(elders).where(eq(elders.id, id)).limit(1);
      return r;
    },
    async updateTag(id: string, values: { validTo: string }): Promise<void> {
      await db.update(elderTags).set(values).where(eq(elderTags.id, id));
    },
    async deleteTag(id: string): Promise<void> {
      await db.delete(elderTags).where(eq(elderTags.id, id));
    },
    async insertTags(tags: (typeof elderTags.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < tags.length; i += 1000) await db.insert(elderTags).values(tags.slice(i, i + 1000));
      await syncTagCodes(db, [...new Set(tags.map((t) => t.elderId))]);
    },
    /** Rows written before migration 0004, whose masked columns are still empty. */
    async unmasked(limit: number): Promise<ElderRow[]> {
      return db.select().from(elders).where(UNMASKED).orderBy(asc(elders.id)).limit(limit);
    },
    async setMasks(
      id: string,
      masks: ElderMasks & Partial<Pick<typeof elders.$inferInsert, 'lat' | 'lng' | 'locationEnc'>>,
    ): Promise<void> {
      await db.update(elders).set(masks).where(eq(elders.id, id));
    },
    async insertFamily(values: typeof elderFamily.$inferInsert): Promise<FamilyRow> {
      const [r] = await db.insert(elderFamily).values(values).returning();
      return r!;
    },
    async updateFamily(id: string, values: Partial<typeof elderFamily.$inferInsert>): Promise<FamilyRow> {
      const [r] = await db
        .update(elderFamily)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(elderFamily.id, id))
        .returning();
      return r!;
    },
    async deleteFamily(id: string): Promise<void> {
      await db.delete(elderFamily).where(eq(elderFamily.id, id));
    },
    async countInScope(scope: Scope, regionCode?: string): Promise<number> {
      const [r] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(elders)
        .where(
          and(
            inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
            notInArray(elders.status, [...INACTIVE_STATUSES]),
          ),
        );
      return r?.n ?? 0;
    },
    async countByStatus(scope: Scope, regionCode: string) {
      return db
        .select({ status: elders.status, n: sql<number>`count(*)::int` })
        .from(elders)
        .where(inScopeAndRegion(scope, ELDER_SCOPE, regionCode))
        .groupBy(elders.status);
    },
    /** Served elders per child node: `prefixLength` digits of the region code name the child. */
    async countByChild(scope: Scope, regionCode: string, prefixLength: number) {
      const child = sql<string>`substr(${elders.regionCode}, 1, ${sql.raw(String(prefixLength))})`;
      return db
        .select({
          prefix: child,
          n: sql<number>`count(*)::int`,
          // Centre of the child region's elders for the map; null when nobody has coordinates.
          lat: sql<number | null>`avg(${elders.lat})::float8`,
          lng: sql<number | null>`avg(${elders.lng})::float8`,
        })
        .from(elders)
        .where(
          and(
            inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
            notInArray(elders.status, [...INACTIVE_STATUSES]),
          ),
        )
        .groupBy(child);
    },
    /** Served elders per birth-date band: `bounds` are latest birth dates for ages 60, 70, … ascending by age. */
    async countByBirthBefore(scope: Scope, regionCode: string, limits: Record<string, string>) {
      const cols = Object.fromEntries(
        Object.entries(limits).map(([k, d]) => [
          k,
          sql<number>`count(*) FILTER (WHERE ${elders.birthDate} <= ${d})::int`,
        ]),
      );
      const [r] = await db
        .select({ total: sql<number>`count(*)::int`, ...cols })
        .from(elders)
        .where(
          and(
            inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
            notInArray(elders.status, [...INACTIVE_STATUSES]),
          ),
        );
      return r as Record<string, number>;
    },
    async countByLiving(scope: Scope, regionCode: string) {
      return db
        .select({ living: elders.livingSituation, n: sql<number>`count(*)::int` })
        .from(elders)
        .where(
          and(
            inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
            notInArray(elders.status, [...INACTIVE_STATUSES]),
          ),
        )
        .groupBy(elders.livingSituation);
    },
    async countByStoredTag(scope: Scope, regionCode: string, today: string) {
      return db
        .select({ code: elderTags.code, n: sql<number>`count(DISTINCT ${elderTags.elderId})::int` })
        .from(elderTags)
        .innerJoin(elders, eq(elders.id, elderTags.elderId))
        .where(
          and(
            inScopeAndRegion(scope, ELDER_SCOPE, regionCode),
            notInArray(elders.status, [...INACTIVE_STATUSES]),
            lte(elderTags.validFrom, today),
            or(sql`${elderTags.validTo} IS NULL`, sql`${elderTags.validTo} >= ${today}`),
          ),
        )
        .groupBy(elderTags.code);
    },
  };
}
