import { regionPrefix } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { maskName } from '../../platform/masking.ts';
import { badCursor, decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { searchGram } from './pinyin.ts';
import { decryptOrNull, ELDER_CIPHER_CONTEXT, idNumberHashOf, phoneHashOf, plainOf } from './elder.codec.ts';
import { checkIdentity, normalizedIdNumber } from './elder.identity.ts';
import {
  countMatching,
  elderRepo,
  type ElderFilter,
  type ElderListRow,
  type ElderRow,
  type ElderTagSummary,
  searchArmCount,
  type SearchKeyset,
} from './elder.repo.ts';
import { latestBirthDateForAge } from './elder.rules.ts';
import { todayIso } from '../../platform/dates.ts';
import type { ElderDetail, ElderListQuery, RevealField, RevealView } from './elder.schema.ts';
import { detailOf, historyItemOf, listItemOf, regionCentre } from './elder.views.ts';
import { AGE_TAG_THRESHOLDS, DERIVED_TAGS, LIVING_SITUATION_TAGS } from './elder.vocab.ts';
import { ELDER_MIN_AGE, type IdType, type Sex } from './idNumber.ts';
import { findRegion, regionChildren, type RegionService, tallyByChildRegion } from '../region/index.ts';

/** What the registry's use cases need (elder.service.ts passes its own). */
export type ElderDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  regions: RegionService;
  now?: () => Date;
  /** Cached sessions of a family account whose binding or consent changed are resolved afresh. */
  authCache?: { forgetUser(userId: string): void };
};

/** The audit summary names the revealed fields in words, not by their keys (issue 13). */
const REVEAL_FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  idNumber: '证件号码',
  phone: '联系电话',
  address: '居住地址',
  householdAddress: '户籍地址',
  health: '健康信息',
  family: '家庭成员',
};

/** The registry's reads: list and search, one record, its history, revealed fields, statistics. */
/** Totals above this show as "10,000+" (issue 13 §4). */
const ELDER_COUNT_CAP = 10_000;

export class ElderQueries {
  constructor(private readonly deps: ElderDeps) {}

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The record in the caller's scope, or 404 (nothing about a record out of scope leaks). */
  async current(
    auth: AuthContext,
    id: string,
  ): Promise<{ elder: ElderRow; regionName: string | null; streetName: string | null }> {
    const r = await elderRepo(this.deps.db).findInScope(auth.scope, id);
    if (!r) throw notFound('elder.not_found');
    return r;
  }

  private filterOf(q: Omit<ElderListQuery, 'q' | 'cursor' | 'limit'>, now: Date): ElderFilter {
    const { cipher } = this.deps;
    const f: ElderFilter = { regionCode: q.regionCode, status: q.status, livingSituation: q.livingSituation };
    if (q.ageMin !== undefined) f.bornOnOrBefore = latestBirthDateForAge(q.ageMin, now);
    if (q.ageMax !== undefined) f.bornAfter = latestBirthDateForAge(q.ageMax + 1, now);
    if (q.idNumber) f.idNumberHash = idNumberHashOf(cipher, normalizedIdNumber(q.idNumber));
    if (q.phone) f.phoneHash = phoneHashOf(cipher, q.phone) ?? 'none';
    if (q.tags?.length) {
      const livingByTag = Object.fromEntries(Object.entries(LIVING_SITUATION_TAGS).map(([k, v]) => [v, k]));
      f.anyTag = {
        today: todayIso(now),
        codes: q.tags.filter((t) => !(DERIVED_TAGS as readonly string[]).includes(t)),
        bornOnOrBefore: AGE_TAG_THRESHOLDS.filter(([code]) => q.tags!.includes(code)).map(([, min]) =>
          latestBirthDateForAge(min, now),
        ),
        livingSituations: q.tags.filter((t) => t in livingByTag).map((t) => livingByTag[t]!),
      };
    }
    return f;
  }

  async list(auth: AuthContext, q: ElderListQuery) {
    const now = this.now();
    const f = this.filterOf(q, now);
    const repo = elderRepo(this.deps.db);
    const items = (
      rows: {
        elder: ElderListRow;
        regionName: string | null;
        streetName: string | null;
        tags: ElderTagSummary[];
      }[],
    ) => rows.map((r) => listItemOf(this.deps.cipher, r.elder, r, r.tags, now));
    if (q.q) {
      // Ranked by kind of match, then by name (decision 009): the cursor carries the arm and the name key.
      const search = {
        q: q.q,
        gram: searchGram(q.q),
        pinyin: /^[a-z]+$/i.test(q.q) ? q.q.toLowerCase() : null,
      };
      const at = decodeCursor(q.cursor && this.unsealCursor(q.cursor), 3);
      let after: SearchKeyset | null = null;
      if (at) {
        const [arm, key, regionCode] = at.lead!;
        if (!/^\d$/.test(arm!) || Number(arm) >= searchArmCount(search)) throw badCursor();
        after = { arm: Number(arm), key: key!, regionCode: regionCode!, createdAt: at.createdAt, id: at.id };
      }
      const rows = await repo.search(auth.scope, { ...f, limit: q.limit, search, after });
      const p = page(rows, q.limit, (r) => ({
        lead: [String(r.arm), r.key, r.elder.regionCode],
        createdAt: r.elder.createdAt,
        id: r.elder.id,
      }));
      // The cursor holds the last row's unmasked name (or its pinyin): sealed, so a page never shows more
      // than its masked rows.
      const next = p.nextCursor && this.deps.cipher.encrypt(p.nextCursor, ELDER_CIPHER_CONTEXT.searchCursor);
      return { items: items(p.items), nextCursor: next };
    }
    const at = decodeCursor(q.cursor, 1);
    const after = at && { regionCode: at.lead![0]!, createdAt: at.createdAt, id: at.id };
    const rows = await repo.list(auth.scope, { ...f, limit: q.limit, after });
    const p = page(rows, q.limit, (r) => ({
      lead: [r.elder.regionCode],
      createdAt: r.elder.createdAt,
      id: r.elder.id,
    }));
    return { items: items(p.items), nextCursor: p.nextCursor };
  }

  /** The list's total for the same filters: exact up to `ELDER_COUNT_CAP`, then `capped` ("10,000+"). */
  async count(auth: AuthContext, q: Omit<ElderListQuery, 'q' | 'cursor' | 'limit'>) {
    const n = await countMatching(this.deps.db, auth.scope, this.filterOf(q, this.now()), ELDER_COUNT_CAP);
    return { count: Math.min(n, ELDER_COUNT_CAP), capped: n > ELDER_COUNT_CAP };
  }

  /** A search cursor as `list` sealed it; a 400 for anything else (another list's cursor, tampering). */
  private unsealCursor(cursor: string): string {
    try {
      return this.deps.cipher.decrypt(cursor, ELDER_CIPHER_CONTEXT.searchCursor);
    } catch {
      throw badCursor();
    }
  }

  async get(auth: AuthContext, id: string): Promise<ElderDetail> {
    const { elder: e, regionName, streetName } = await this.current(auth, id);
    const repo = elderRepo(this.deps.db);
    const tags = await repo.tagsOf([e.id]);
    const family = await repo.familyOf(e.id);
    return detailOf(this.deps.cipher, e, { regionName, streetName }, { tags, family }, this.now());
  }

  async history(auth: AuthContext, id: string) {
    await this.current(auth, id);
    const rows = await elderRepo(this.deps.db).history(id);
    return { elderId: id, items: rows.map(historyItemOf) };
  }

  validateId(input: { idType: IdType; idNumber: string; birthDate?: string | null; sex?: Sex | null }) {
    const id = checkIdentity(input, this.now(), { enforceAge: false });
    return {
      idType: id.idType,
      normalizedIdNumber: id.normalized,
      birthDate: id.birthDate,
      sex: id.sex,
      age: id.age,
      isElderAge: id.age >= ELDER_MIN_AGE,
      convertedFrom15: id.convertedFrom15,
    };
  }

  /** Full values of chosen fields; PRODUCT.md §4.15: a reason, and an audit entry for every read. */
  async reveal(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { reason: string; fields: RevealField[] },
  ) {
    const { elder: e } = await this.current(auth, id);
    const fields = [...new Set(input.fields)];
    const p = plainOf(this.deps.cipher, e);
    const out: RevealView = { id: e.id };
    for (const f of fields) {
      if (f === 'name') out.name = p.name;
      else if (f === 'idNumber') out.idNumber = p.idNumber;
      else if (f === 'phone') out.phone = p.phone;
      else if (f === 'address') {
        out.address = p.address;
        out.location = p.lat === null || p.lng === null ? null : { lat: p.lat, lng: p.lng };
      } else if (f === 'householdAddress') out.householdAddress = p.householdAddress;
      else if (f === 'health') out.health = p.health;
      else if (f === 'family')
        out.family = (await elderRepo(this.deps.db).familyOf(id)).map((m) => ({
          id: m.id,
          name: m.name,
          phone: decryptOrNull(this.deps.cipher, m.phoneEnc, ELDER_CIPHER_CONTEXT.familyPhone),
        }));
    }
    await transact(this.deps, actor, async (_tx, uow) => {
      uow.audit({
        action: 'elder.view_sensitive',
        entityType: 'elder',
        entityId: e.id,
        regionCode: e.regionCode,
        organisationId: e.organisationId,
        summary: `查看老人 ${maskName(e.name)} 的敏感信息：${fields.map((f) => REVEAL_FIELD_NAMES[f]).join('、')}`,
        detail: { fields },
        reason: input.reason,
      });
    });
    return out;
  }

  async statsByRegion(auth: AuthContext, regionCode: string | undefined) {
    if (regionCode) assertCovers(auth, { regionCode }, '/query/regionCode');
    const root = regionCode ?? (await this.deps.regions.rootOf(auth));
    const empty = { total: 0, byStatus: {}, byAgeBand: {}, byTag: {}, children: [] };
    if (!root) return { regionCode: null, regionName: null, ...empty };
    const region = await findRegion(this.deps.db, root);
    if (!region) throw notFound('region.unknown', { code: root });
    const now = this.now();
    const { scope } = auth;
    const repo = elderRepo(this.deps.db);
    const byStatus = Object.fromEntries((await repo.countByStatus(scope, root)).map((r) => [r.status, r.n]));
    const ages = await repo.countByBirthBefore(scope, root, {
      a60: latestBirthDateForAge(60, now),
      a70: latestBirthDateForAge(70, now),
      a80: latestBirthDateForAge(80, now),
      a90: latestBirthDateForAge(90, now),
      a100: latestBirthDateForAge(100, now),
    });
    const n = (k: string) => ages[k] ?? 0;
    const byAgeBand = {
      under_60: n('total') - n('a60'),
      '60_69': n('a60') - n('a70'),
      '70_79': n('a70') - n('a80'),
      '80_89': n('a80') - n('a90'),
      '90_99': n('a90') - n('a100'),
      '100_plus': n('a100'),
    };
    const byTag: Record<string, number> = { aged_80: n('a80'), aged_90: n('a90'), aged_100: n('a100') };
    for (const r of await repo.countByLiving(scope, root)) {
      const tag = r.living
        ? LIVING_SITUATION_TAGS[r.living as keyof typeof LIVING_SITUATION_TAGS]
        : undefined;
      if (tag) byTag[tag] = r.n;
    }
    for (const r of await repo.countByStoredTag(scope, root, todayIso(now))) byTag[r.code] = r.n;
    // Counted by the children's prefix in SQL, assigned to them by the one child-region tally.
    const kids = (await regionChildren(this.deps.db, root, regionPrefix(root))).map((c) => c.region);
    const childLength = kids[0] ? regionPrefix(kids[0].code).length : 0;
    const counts = childLength ? await repo.countByChild(scope, root, childLength) : [];
    const children = tallyByChildRegion(
      kids,
      counts,
      (r) => r.prefix,
      (c, rs) => ({ regionCode: c.code, regionName: c.name, kind: c.kind, ...regionCentre(rs[0]) }),
    );
    return {
      regionCode: root,
      regionName: region.name,
      total: n('total'),
      byStatus,
      byAgeBand,
      byTag,
      children,
    };
  }

  /** Served elders in scope (not moved out or deceased), for the home page. */
  async countInScope(auth: AuthContext, regionCode?: string): Promise<number> {
    return elderRepo(this.deps.db).countInScope(auth.scope, regionCode);
  }
}
