import type { ElderAbility } from '@yiyang/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { inScopeAndRegion, scopeBranchesText, type Scope } from '../../platform/access.ts';
import { queryText, type Executor } from '../../platform/db.ts';
import { regions } from '../region/region.table.ts';
import { users } from '../user/user.table.ts';
import { elderFamily, elders, elderTags, elderVersions, UNMASKED } from './elder.table.ts';
import { ELDER_SCOPE, elderScopeText } from './elder.scope.ts';
import { elderCounts } from './elder.counts.repo.ts';

export { ELDER_SCOPE };
export type ElderRow = typeof elders.$inferSelect;
export type ElderTagRow = typeof elderTags.$inferSelect;
export type FamilyRow = typeof elderFamily.$inferSelect;
export type ElderTagSummary = Pick<ElderTagRow, 'code' | 'validFrom' | 'validTo' | 'source'>;

/** A list position: the last row's (region_code, created_at, id). */
export interface ElderKeyset {
  regionCode: string;
  createdAt: Date;
  id: string;
}

/** What a list row needs (migration 0004's masked columns; see LIST_SELECT). */
export interface ElderListRow extends Pick<
  ElderRow,
  | 'id'
  | 'name'
  | 'nameMasked'
  | 'idNumberMasked'
  | 'phoneMasked'
  | 'addressMasked'
  | 'phoneEnc'
  | 'addressEnc'
  | 'sex'
  | 'birthDate'
  | 'regionCode'
  | 'livingSituation'
  | 'status'
  | 'createdAt'
  | 'ability'
> {
  idNumberEnc: string | null;
}
type ElderListResult = ElderListRow & {
  regionName: string | null;
  streetName: string | null;
  tags: ElderTagSummary[];
};

/*
 * The list is the registry's hottest query, so it is written as SQL text (prepared once per shape by
 * queryText) rather than built per call. Every value is a parameter; the text depends only on which
 * filters are present. Names below are elder.table.ts's columns.
 *
 * The encrypted identity is read only for a row whose masks are not yet stored (start-up backfill
 * pending, migration 0004): null otherwise, so a page does not carry ciphertext.
 */
const LIST_SELECT = `e.id, e.name, e.name_masked AS "nameMasked", e.id_number_masked AS "idNumberMasked",
  e.phone_masked AS "phoneMasked", e.address_masked AS "addressMasked",
  CASE WHEN e.name_masked IS NULL THEN e.id_number_enc END AS "idNumberEnc",
  CASE WHEN e.name_masked IS NULL THEN e.phone_enc END AS "phoneEnc",
  CASE WHEN e.name_masked IS NULL THEN e.address_enc END AS "addressEnc",
  e.sex, e.birth_date::text AS "birthDate", e.region_code AS "regionCode",
  e.living_situation AS "livingSituation", e.status, e.created_at AS "createdAt", e.ability, r.name AS "regionName",
  (SELECT s.name FROM regions s WHERE s.code = CASE WHEN r.level = 'village' THEN r.parent_code ELSE r.code END)
    AS "streetName",
  (SELECT coalesce(json_agg(json_build_object('code', t.code, 'validFrom', t.valid_from, 'validTo', t.valid_to,
    'source', t.source) ORDER BY t.code, t.valid_from), '[]'::json) FROM elder_tags t WHERE t.elder_id = e.id) AS tags`;

/**
 * List order: region code byte-wise (`~<~`, the text_pattern_ops order of the keyset indexes, which also
 * serve the region-prefix ranges), then registration time and id — grouped by community (decision 007).
 */
const listOrder = (a: string) => `${a}.region_code USING ~<~, ${a}.created_at, ${a}.id`;

/** A statement's values; `p(value)` adds one and returns its placeholder. */
function statementValues() {
  const values: unknown[] = [];
  return { values, p: (v: unknown) => `$${values.push(v)}` };
}
type Param = (value: unknown) => string;

/** Rows after `k` in list order; `~>=~` bounds the index range, the rest is the exact keyset condition. */
function afterKey(a: string, k: ElderKeyset, p: Param): string {
  const r = p(k.regionCode);
  return `(${a}.region_code ~>=~ ${r} AND (${a}.region_code ~>~ ${r} OR (${a}.region_code = ${r} AND (${a}.created_at, ${a}.id) > (${p(k.createdAt.toISOString())}::timestamptz, ${p(k.id)}::uuid))))`;
}

/**
 * "Starts with prefix" as a byte-wise range, which a text_pattern_ops index serves even in a generic plan
 * (`LIKE $1` it cannot): no text that starts with `prefix` sorts at or after `prefix` + U+10FFFF.
 */
const startsWith = (col: string, prefix: string, p: Param) =>
  `(${col} ~>=~ ${p(prefix)} AND ${col} ~<~ ${p(`${prefix}\u{10FFFF}`)})`;

/** A list filter already turned into column terms by the service (no business rules here). */
export interface ElderFilter {
  regionCode?: string | undefined;
  status?: string | undefined;
  livingSituation?: string | undefined;
  /** birth_date <= this (age at least …). */
  bornOnOrBefore?: string | undefined;
  /** birth_date > this (age at most …). */
  bornAfter?: string | undefined;
  idNumberHash?: string | undefined;
  phoneHash?: string | undefined;
  /** Any of: stored tag codes valid on `today`, age floors, living situations. */
  anyTag?: { codes: string[]; bornOnOrBefore: string[]; livingSituations: string[]; today: string };
}

/** A name search (`?q=`) as the service prepared it. */
export interface NameSearch {
  /** What was typed (trimmed). */
  q: string;
  /** A name_grams entry that every name containing `q` has (pinyin.ts searchGram). */
  gram: string;
  /** `q` lower-cased when it is all Latin letters (pinyin initials or full pinyin); null otherwise. */
  pinyin: string | null;
}

/** A page position inside a name search: the arm, then the last row's (arm key, region_code, created_at, id). */
export interface SearchKeyset extends ElderKeyset {
  arm: number;
  key: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One kind of name match, in rank order (decision 009). Each arm is ordered by `key` (the leading column of
 * its index: elders_name_idx, elders_name_initials_idx, elders_name_pinyin_idx), then list order, so a page
 * of a prefix arm is an index range scan that stops after `limit` rows however many names match. Later arms
 * exclude what earlier arms matched: every row is found once. `prepare`: a generic plan is safe (ranges);
 * the "contains" arm is planned per call (how many names hold the gram decides GIN or walk).
 */
interface SearchArm {
  key: 'name' | 'name_initials' | 'name_pinyin';
  where: (a: string, p: Param) => string;
  prepare: boolean;
}

/** Number of arms of a search (cursor validation). */
export function searchArmCount(s: NameSearch): number {
  return searchArms(s).length;
}

function searchArms(s: NameSearch): SearchArm[] {
  const contains = (a: string, p: Param) =>
    `${a}.name_grams @> ARRAY[${p(s.gram)}]::text[] AND ${a}.name ILIKE ${p(`%${escapeLike(s.q)}%`)}`;
  if (s.pinyin === null) {
    const prefix = (a: string, p: Param) => startsWith(`${a}.name`, s.q, p);
    return [
      { key: 'name', where: prefix, prepare: true },
      { key: 'name', where: (a, p) => `${contains(a, p)} AND NOT ${prefix(a, p)}`, prepare: false },
    ];
  }
  const py = s.pinyin;
  const initials = (a: string, p: Param) => startsWith(`${a}.name_initials`, py, p);
  const full = (a: string, p: Param) => startsWith(`${a}.name_pinyin`, py, p);
  return [
    { key: 'name_initials', where: initials, prepare: true },
    { key: 'name_pinyin', where: (a, p) => `${full(a, p)} AND NOT ${initials(a, p)}`, prepare: true },
    {
      key: 'name',
      where: (a, p) => `${contains(a, p)} AND NOT ${initials(a, p)} AND NOT ${full(a, p)}`,
      prepare: false,
    },
  ];
}

/** Rows after `k` in an arm's order (key, then list order). */
function afterSearchKey(a: string, col: string, k: SearchKeyset, p: Param): string {
  const v = p(k.key);
  return `(${a}.${col} ~>=~ ${v} AND (${a}.${col} ~>~ ${v} OR (${a}.${col} = ${v} AND ${afterKey(a, k, p)})))`;
}

/** The filter's other conditions on alias `a`, all of which must hold; the scope is added by `list`. */
function filterConditions(f: ElderFilter, a: string, p: Param): string[] {
  const all: string[] = [];
  if (f.status) all.push(`${a}.status = ${p(f.status)}`);
  if (f.livingSituation) all.push(`${a}.living_situation = ${p(f.livingSituation)}`);
  if (f.bornOnOrBefore) all.push(`${a}.birth_date <= ${p(f.bornOnOrBefore)}::date`);
  if (f.bornAfter) all.push(`${a}.birth_date > ${p(f.bornAfter)}::date`);
  if (f.idNumberHash) all.push(`${a}.id_number_hash = ${p(f.idNumberHash)}`);
  if (f.phoneHash) all.push(`${a}.phone_hash = ${p(f.phoneHash)}`);
  if (f.anyTag) {
    const t = f.anyTag;
    const any: string[] = [];
    // tag_codes (GIN) narrows to elders holding one of the codes at all; the dated validity is re-checked
    // on their elder_tags rows only.
    if (t.codes.length) {
      const codes = p(t.codes);
      const today = p(t.today);
      any.push(
        `(${a}.tag_codes && ${codes}::text[] AND EXISTS (SELECT 1 FROM elder_tags x WHERE x.elder_id = ${a}.id AND x.code = ANY(${codes}::text[]) AND x.valid_from <= ${today}::date AND (x.valid_to IS NULL OR x.valid_to >= ${today}::date)))`,
      );
    }
    for (const d of t.bornOnOrBefore) any.push(`${a}.birth_date <= ${p(d)}::date`);
    if (t.livingSituations.length) any.push(`${a}.living_situation = ANY(${p(t.livingSituations)}::text[])`);
    all.push(any.length ? `(${any.join(' OR ')})` : 'false');
  }
  return all;
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

type ElderPage = {
  elder: ElderListRow;
  regionName: string | null;
  streetName: string | null;
  tags: ElderTagSummary[];
  searchKey?: string;
}[];

/**
 * `take` rows in `how.order` of the elders in scope that match the filter and `how.where`, in one statement.
 * Inside, the keys: one ordered, limited select per scope branch (region subtree; organisation) whose
 * conditions an index serves in that order, so each is an index scan that stops after `take` matches
 * (`region OR organisation` in one scan cannot); outside, the page's rows by primary key, with their region
 * name and tags. Exact lookups by a blind index need no inner step.
 */
async function keysetPage(
  db: Executor,
  scope: Scope,
  f: ElderFilter,
  take: number,
  how: {
    order: (a: string) => string;
    where: (a: string, p: Param) => string[];
    /** A column returned as `searchKey` (the cursor of a search). */
    key?: string;
    prepare: boolean;
  },
): Promise<ElderPage> {
  const { values, p } = statementValues();
  const limit = p(take);
  const where = (a: string) => [...filterConditions(f, a, p), ...how.where(a, p)];
  const branches = (a: string) => scopeBranchesText(scope, elderScopeText(a), f.regionCode, p);
  let condition: string;
  if (f.idNumberHash || f.phoneHash) {
    const scoped = branches('e');
    if (scoped.length === 0) return [];
    condition = [`(${scoped.map((b) => `(${b})`).join(' OR ')})`, ...where('e')].join(' AND ');
  } else {
    const keys = branches('k').map(
      (b) =>
        `(SELECT k.id FROM elders k WHERE ${[b, ...where('k')].join(' AND ')} ORDER BY ${how.order('k')} LIMIT ${limit})`,
    );
    if (keys.length === 0) return [];
    condition = `e.id IN (${keys.join(' UNION ALL ')})`;
  }
  const key = how.key ? `, e.${how.key} AS "searchKey"` : '';
  const rows = await queryText<ElderListResult & { searchKey?: string }>(
    db,
    `SELECT ${LIST_SELECT}${key} FROM elders e LEFT JOIN regions r ON r.code = e.region_code WHERE ${condition} ORDER BY ${how.order('e')} LIMIT ${limit}`,
    values,
    { prepare: how.prepare },
  );
  return rows.map((r) => ({
    elder: r,
    regionName: r.regionName,
    streetName: r.streetName,
    tags: r.tags,
    searchKey: r.searchKey,
  }));
}

/**
 * How many elders in scope match the filter, counted up to `cap + 1` (the list's "10,000+", issue 13 §4):
 * one statement whose scan stops after `cap + 1` rows, so a county-wide count stays within the list budget.
 */
export async function countMatching(
  db: Executor,
  scope: Scope,
  f: ElderFilter,
  cap: number,
): Promise<number> {
  const { values, p } = statementValues();
  const branches = scopeBranchesText(scope, elderScopeText('k'), f.regionCode, p);
  if (branches.length === 0) return 0;
  const conds = [`(${branches.map((b) => `(${b})`).join(' OR ')})`, ...filterConditions(f, 'k', p)];
  const [r] = await queryText<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM elders k WHERE ${conds.join(' AND ')} LIMIT ${p(cap + 1)}) x`,
    values,
    { prepare: true },
  );
  return r?.n ?? 0;
}

/** The 街道/乡镇 of the joined region: its parent for a 社区/村, itself for a street or town. */
const streetNameOf = sql<
  string | null
>`(SELECT s.name FROM regions s WHERE s.code = CASE WHEN ${regions.level} = 'village' THEN ${regions.parentCode} ELSE ${regions.code} END)`;

/** The registry's SQL (records, tags, family); the counts for the home page and statistics are in elder.counts.repo.ts. */
export function elderRepo(db: Executor) {
  return {
    ...elderCounts(db),
    ...elderTagsAndFamily(db),
    ...elderWrites(db),
    async findInScope(scope: Scope, id: string) {
      const [r] = await db
        .select({ elder: elders, regionName: regions.name, streetName: streetNameOf })
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
     * A page in list order (region_code, created_at, id) — grouped by community, decision 007 — in one
     * statement (one round trip): see `keysetPage`.
     */
    async list(
      scope: Scope,
      f: ElderFilter & { limit: number; after: ElderKeyset | null },
    ): Promise<ElderPage> {
      return keysetPage(db, scope, f, f.limit + 1, {
        order: listOrder,
        where: (a, p) => (f.after ? [afterKey(a, f.after, p)] : []),
        prepare: true,
      });
    },
    /**
     * A page of a name search: rows of the cursor's arm after its position, then of the next arms from
     * their start until the page is full (decision 009). Usually one statement: a prefix arm rarely runs out
     * within a page.
     */
    async search(
      scope: Scope,
      f: ElderFilter & { limit: number; search: NameSearch; after: SearchKeyset | null },
    ): Promise<(ElderPage[number] & { arm: number; key: string })[]> {
      const arms = searchArms(f.search);
      const out: (ElderPage[number] & { arm: number; key: string })[] = [];
      for (let i = f.after?.arm ?? 0; i < arms.length && out.length <= f.limit; i++) {
        const arm = arms[i]!;
        const after = f.after?.arm === i ? f.after : null;
        const rows = await keysetPage(db, scope, f, f.limit + 1 - out.length, {
          order: (a) => `${a}.${arm.key} USING ~<~, ${listOrder(a)}`,
          where: (a, p) => [arm.where(a, p), ...(after ? [afterSearchKey(a, arm.key, after, p)] : [])],
          key: arm.key,
          prepare: arm.prepare,
        });
        for (const r of rows) out.push({ ...r, arm: i, key: r.searchKey! });
      }
      return out;
    },
    /** Versions, newest first, each with the display name of the account that made it (not its username). */
    async history(elderId: string) {
      const rows = await db
        .select({ v: elderVersions, displayName: users.displayName })
        .from(elderVersions)
        .leftJoin(users, eq(users.id, elderVersions.changedBy))
        .where(eq(elderVersions.elderId, elderId))
        .orderBy(desc(elderVersions.version));
      return rows.map((r) => ({ ...r.v, changedByName: r.displayName ?? r.v.changedByName }));
    },
    async findById(id: string): Promise<ElderRow | undefined> {
      const [r] = await db.select().from(elders).where(eq(elders.id, id)).limit(1);
      return r;
    },
    async someIn(regionCode: string, limit: number): Promise<{ id: string; regionCode: string }[]> {
      return db
        .select({ id: elders.id, regionCode: elders.regionCode })
        .from(elders)
        .where(eq(elders.status, 'active'))
        .orderBy(desc(eq(elders.regionCode, regionCode)), asc(elders.createdAt), asc(elders.id))
        .limit(limit);
    },
  };
}

/** An elder's tags and family members (part of `elderRepo`). */
function elderTagsAndFamily(db: Executor) {
  return {
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
    // Every write of elder_tags goes through here and refreshes elders.tag_codes in the same transaction.
    async replaceManualTags(elderId: string, tags: (typeof elderTags.$inferInsert)[]): Promise<void> {
      await db.delete(elderTags).where(and(eq(elderTags.elderId, elderId), eq(elderTags.source, 'manual')));
      if (tags.length) await db.insert(elderTags).values(tags);
      await syncTagCodes(db, [elderId]);
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
  };
}

/** Writes of the elders row and its versions, and the masks backfill (part of `elderRepo`). */
function elderWrites(db: Executor) {
  return {
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
    /** 能力等级 of the newly published assessment (not a registry field: no version of its own). */
    async setAbility(id: string, ability: ElderAbility): Promise<void> {
      await db.update(elders).set({ ability }).where(eq(elders.id, id));
    },
    async insertVersion(values: typeof elderVersions.$inferInsert): Promise<void> {
      await db.insert(elderVersions).values(values);
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
  };
}
