import { regionLevel, regionPrefix } from '@yiyang/contracts';
import { assertCovers, covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { conflict, DomainError, invalidField, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../platform/masking.ts';
import { badCursor, decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps, type UnitOfWork } from '../../platform/uow.ts';
import { regionRepo } from '../region/region.repo.ts';
import { tallyByChildRegion } from '../region/region.tally.ts';
import type { RegionService } from '../region/region.service.ts';
import { nameGrams, nameSearchKeys, searchGram } from './pinyin.ts';
import type { elderFamily } from './elder.table.ts';
import {
  elderRepo,
  type ElderFilter,
  type ElderMasks,
  type ElderListRow,
  type ElderRow,
  type ElderTagSummary,
  type FamilyRow,
  searchArmCount,
  type SearchKeyset,
} from './elder.repo.ts';
import {
  addDays,
  ageOf,
  derivedTags,
  healthSummary,
  isTagCurrent,
  latestBirthDateForAge,
  maskedDiff,
  maskedSnapshot,
  normalizePhone,
  todayIso,
  type ElderPlain,
  type HealthRecord,
} from './elder.rules.ts';
import type {
  ElderCreate,
  ElderDetail,
  ElderListItem,
  ElderListQuery,
  ElderUpdate,
  FamilyCreate,
  FamilyUpdate,
  FamilyView,
  RevealField,
  RevealView,
} from './elder.schema.ts';
import {
  ASSESSMENT_TAGS,
  DERIVED_TAGS,
  ELDER_TAGS,
  LIVING_SITUATION_TAGS,
  AGE_TAG_THRESHOLDS,
  type ElderStatus,
} from './elder.vocab.ts';
import {
  convert15To18,
  crossCheck,
  ELDER_MIN_AGE,
  normalizeDocumentNumber,
  residenceQualifies,
  validateIdentityDocument,
  type IdType,
  type Sex,
} from './idNumber.ts';

/** Associated data of each encrypted column: a token cannot be moved to another column. */
export const ELDER_CIPHER_CONTEXT = {
  idNumber: 'elder.id_number',
  phone: 'elder.phone',
  address: 'elder.address',
  householdAddress: 'elder.household_address',
  health: 'elder.health',
  familyPhone: 'elder_family.phone',
  location: 'elder.location',
  searchCursor: 'elder.search_cursor',
} as const;
/** Blind-index domains (FieldCipher.blindIndex). */
export const ELDER_HASH_DOMAIN = { idNumber: 'elder.id_number', phone: 'elder.phone' } as const;

type FieldErrors = { pointer: string; code: string; params?: Record<string, unknown> }[];
const validation = (errors: FieldErrors) => new DomainError('common.validation', { status: 422, errors });

interface Identity {
  idType: IdType;
  normalized: string;
  birthDate: string;
  sex: Sex;
  age: number;
  convertedFrom15: boolean;
}

/**
 * Validates an identity document with the typed birth date and sex
 * (idNumber.ts) and returns what the record stores, or throws 422 with one
 * pointer per wrong field. `fallback` fills birth date and sex for documents
 * that do not encode them (the current record on an update).
 */
export function checkIdentity(
  input: { idType: IdType; idNumber: string; birthDate?: string | null; sex?: Sex | null },
  now: Date,
  opts: { enforceAge: boolean; fallback?: { birthDate: string; sex: Sex } },
): Identity {
  const doc = validateIdentityDocument(input.idType, input.idNumber, now);
  if (!doc.ok) {
    const pointer = doc.code === 'elder.id_type.invalid' ? '/body/idType' : '/body/idNumber';
    throw validation([{ pointer, code: doc.code, params: doc.params }]);
  }
  const errors: FieldErrors = crossCheck({
    derived: doc.value,
    typedBirthDate: input.birthDate ?? null,
    typedSex: input.sex ?? null,
  }).map((m) => ({ pointer: `/body/${m.field}`, code: m.code, params: m.params }));
  const birthDate = doc.value.birthDate ?? input.birthDate ?? opts.fallback?.birthDate ?? null;
  const sex = doc.value.sex ?? input.sex ?? opts.fallback?.sex ?? null;
  if (!birthDate) errors.push({ pointer: '/body/birthDate', code: 'elder.birth_date_required' });
  else if (birthDate > todayIso(now))
    errors.push({ pointer: '/body/birthDate', code: 'elder.birth_date_future' });
  if (!sex) errors.push({ pointer: '/body/sex', code: 'elder.sex_required' });
  if (errors.length) throw validation(errors);
  const age = ageOf(birthDate!, now);
  // 《老年人权益保障法》 Art. 2: the registry holds people aged 60 and over.
  if (opts.enforceAge && age < ELDER_MIN_AGE) {
    const pointer = doc.value.birthDate ? '/body/idNumber' : '/body/birthDate';
    throw validation([{ pointer, code: 'elder.under_age', params: { age, minimum: ELDER_MIN_AGE } }]);
  }
  const convertedFrom15 =
    input.idType === 'resident_id' && convert15To18(input.idNumber) === doc.value.normalized;
  return {
    idType: input.idType,
    normalized: doc.value.normalized,
    birthDate: birthDate!,
    sex: sex!,
    age,
    convertedFrom15,
  };
}

/** The number as stored and hashed: normalised, 15-digit resident IDs converted to 18. */
export function normalizedIdNumber(idNumber: string): string {
  return convert15To18(idNumber) ?? normalizeDocumentNumber(idNumber);
}

interface ManualTagInput {
  code: string;
  validFrom: string;
  validTo?: string | null | undefined;
  note?: string | null | undefined;
}

/** Manual tags: recorded categories only, sane validity, no overlapping periods of one code. */
export function checkManualTags(tags: ManualTagInput[], base: string): void {
  const errors: FieldErrors = [];
  tags.forEach((t, i) => {
    const at = `${base}/${i}`;
    if ((ASSESSMENT_TAGS as readonly string[]).includes(t.code))
      errors.push({ pointer: `${at}/code`, code: 'elder.tag_read_only' });
    else if ((DERIVED_TAGS as readonly string[]).includes(t.code))
      errors.push({ pointer: `${at}/code`, code: 'elder.tag_derived' });
    else if (!(ELDER_TAGS as readonly string[]).includes(t.code))
      errors.push({ pointer: `${at}/code`, code: 'elder.tag_unknown', params: { code: t.code } });
    if (t.validTo && t.validTo < t.validFrom)
      errors.push({ pointer: `${at}/validTo`, code: 'elder.tag_validity' });
  });
  tags.forEach((t, i) => {
    const clash = tags.findIndex(
      (o, j) =>
        j < i &&
        o.code === t.code &&
        o.validFrom <= (t.validTo ?? '9999-12-31') &&
        t.validFrom <= (o.validTo ?? '9999-12-31'),
    );
    if (clash >= 0) errors.push({ pointer: `${base}/${i}/validFrom`, code: 'elder.tag_overlap' });
  });
  if (errors.length) throw validation(errors);
}

export class ElderService {
  constructor(
    private readonly deps: TransactDeps & {
      db: Db;
      cipher: FieldCipher;
      regions: RegionService;
      now?: () => Date;
      /** Cached sessions of a family account whose binding or consent changed are resolved afresh. */
      authCache?: { forgetUser(userId: string): void };
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  // -------------------------------------------------------------------------
  // Encryption and views

  private dec(token: string | null, context: string): string | null {
    return token === null ? null : this.deps.cipher.decrypt(token, context);
  }

  private enc(value: string | null | undefined, context: string): string | null {
    return value === null || value === undefined || value === ''
      ? null
      : this.deps.cipher.encrypt(value, context);
  }

  idNumberHash(normalized: string): string {
    return this.deps.cipher.blindIndex(normalized, ELDER_HASH_DOMAIN.idNumber);
  }

  phoneHash(phone: string | null | undefined): string | null {
    const digits = phone ? normalizePhone(phone) : '';
    return digits ? this.deps.cipher.blindIndex(digits, ELDER_HASH_DOMAIN.phone) : null;
  }

  private health(e: ElderRow): HealthRecord | null {
    const text = this.dec(e.healthEnc, ELDER_CIPHER_CONTEXT.health);
    return text ? (JSON.parse(text) as HealthRecord) : null;
  }

  /** The exact home position (encrypted); the rounded columns for a row not yet backfilled. */
  private location(e: ElderRow): { lat: number | null; lng: number | null } {
    const text = this.dec(e.locationEnc, ELDER_CIPHER_CONTEXT.location);
    if (!text) return { lat: e.lat, lng: e.lng };
    const [lat, lng] = text.split(',').map(Number);
    return { lat: lat!, lng: lng! };
  }

  /** Decrypted fields of a row (for history diffs; never returned to a client as is). */
  plain(e: ElderRow): ElderPlain {
    const C = ELDER_CIPHER_CONTEXT;
    return {
      name: e.name,
      idType: e.idType,
      idNumber: this.dec(e.idNumberEnc, C.idNumber)!,
      birthDate: e.birthDate,
      sex: e.sex,
      phone: this.dec(e.phoneEnc, C.phone),
      regionCode: e.regionCode,
      address: this.dec(e.addressEnc, C.address),
      householdLocal: e.householdLocal,
      householdAddress: this.dec(e.householdAddressEnc, C.householdAddress),
      residenceSince: e.residenceSince,
      ...this.location(e),
      livingSituation: e.livingSituation,
      ethnicity: e.ethnicity,
      education: e.education,
      maritalStatus: e.maritalStatus,
      economicSources: e.economicSources,
      health: this.health(e),
      status: e.status,
      statusDate: e.statusDate,
    };
  }

  private columns(p: ElderPlain) {
    return elderColumns(this.deps.cipher, p);
  }

  private masks(e: ElderListRow): ElderMasks {
    return rowMasks(this.deps.cipher, e);
  }

  /** `tags`: the elder's stored tags (any validity). */
  private listItem(
    e: ElderListRow,
    regionName: string | null,
    tags: ElderTagSummary[],
    now: Date,
  ): ElderListItem {
    const today = todayIso(now);
    const age = ageOf(e.birthDate, now);
    const m = this.masks(e);
    return {
      id: e.id,
      nameMasked: m.nameMasked!,
      sex: e.sex as Sex,
      age,
      idNumberMasked: m.idNumberMasked!,
      phoneMasked: m.phoneMasked ?? null,
      regionCode: e.regionCode,
      regionName,
      // STANDARDS.md §7: addresses down to 社区/小区 only; without a marker, the region name stands in.
      addressMasked: m.addressMasked ? maskedAddressWithin(m.addressMasked, regionName) : null,
      livingSituation: e.livingSituation,
      status: e.status as ElderStatus,
      tags: tags
        .filter((t) => isTagCurrent(t, today))
        .map((t) => ({
          code: t.code,
          validFrom: t.validFrom,
          validTo: t.validTo,
          source: t.source as 'manual' | 'assessment' | 'derived',
        })),
      derivedTags: derivedTags(age, e.livingSituation),
      createdAt: e.createdAt.toISOString(),
    };
  }

  private familyView(f: FamilyRow): FamilyView {
    const phone = this.dec(f.phoneEnc, ELDER_CIPHER_CONTEXT.familyPhone);
    return {
      id: f.id,
      name: maskName(f.name),
      relationship: f.relationship,
      phoneMasked: phone ? maskPhone(phone) : null,
      mayActFor: f.mayActFor,
      isGuardian: f.isGuardian,
      consent: f.consentedAt
        ? {
            consentedAt: f.consentedAt.toISOString(),
            scope: f.consentScope ?? [],
            version: f.consentVersion ?? '',
            documentRef: f.consentDocumentRef,
          }
        : null,
    };
  }

  private async detail(e: ElderRow, regionName: string | null): Promise<ElderDetail> {
    const now = this.now();
    const repo = elderRepo(this.deps.db);
    const tags = await repo.tagsOf([e.id]);
    const family = await repo.familyOf(e.id);
    const q = residenceQualifies(e.householdLocal, e.residenceSince, now);
    return {
      ...this.listItem(e, regionName, tags, now),
      idType: e.idType as IdType,
      birthDate: e.birthDate,
      ethnicity: e.ethnicity,
      education: e.education,
      maritalStatus: e.maritalStatus,
      economicSources: e.economicSources,
      householdLocal: e.householdLocal,
      residenceSince: e.residenceSince,
      nonLocalQualifiesOn: q.qualifiesOn,
      lat: e.lat,
      lng: e.lng,
      health: healthSummary(this.health(e)),
      family: family.map((f) => this.familyView(f)),
      statusDate: e.statusDate,
      tagRecords: tags.map((t) => ({
        code: t.code,
        validFrom: t.validFrom,
        validTo: t.validTo,
        source: t.source as 'manual' | 'assessment' | 'derived',
        note: t.note,
      })),
      version: e.version,
      updatedAt: e.updatedAt.toISOString(),
    };
  }

  private async current(auth: AuthContext, id: string) {
    const r = await elderRepo(this.deps.db).findInScope(auth.scope, id);
    if (!r) throw notFound('elder.not_found');
    return r;
  }

  // -------------------------------------------------------------------------
  // Queries

  async list(auth: AuthContext, q: ElderListQuery) {
    const now = this.now();
    const today = todayIso(now);
    const f: ElderFilter = { regionCode: q.regionCode, status: q.status, livingSituation: q.livingSituation };
    if (q.ageMin !== undefined) f.bornOnOrBefore = latestBirthDateForAge(q.ageMin, now);
    if (q.ageMax !== undefined) f.bornAfter = latestBirthDateForAge(q.ageMax + 1, now);
    if (q.idNumber) f.idNumberHash = this.idNumberHash(normalizedIdNumber(q.idNumber));
    if (q.phone) f.phoneHash = this.phoneHash(q.phone) ?? 'none';
    if (q.tags?.length) {
      const livingByTag = Object.fromEntries(Object.entries(LIVING_SITUATION_TAGS).map(([k, v]) => [v, k]));
      f.anyTag = {
        today,
        codes: q.tags.filter((t) => !(DERIVED_TAGS as readonly string[]).includes(t)),
        bornOnOrBefore: AGE_TAG_THRESHOLDS.filter(([code]) => q.tags!.includes(code)).map(([, min]) =>
          latestBirthDateForAge(min, now),
        ),
        livingSituations: q.tags.filter((t) => t in livingByTag).map((t) => livingByTag[t]!),
      };
    }
    const repo = elderRepo(this.deps.db);
    const items = (rows: { elder: ElderListRow; regionName: string | null; tags: ElderTagSummary[] }[]) =>
      rows.map((r) => this.listItem(r.elder, r.regionName, r.tags, now));
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

  /** A search cursor as `list` sealed it; a 400 for anything else (another list's cursor, tampering). */
  private unsealCursor(cursor: string): string {
    try {
      return this.deps.cipher.decrypt(cursor, ELDER_CIPHER_CONTEXT.searchCursor);
    } catch {
      throw badCursor();
    }
  }

  async get(auth: AuthContext, id: string): Promise<ElderDetail> {
    const r = await this.current(auth, id);
    return this.detail(r.elder, r.regionName);
  }

  async history(auth: AuthContext, id: string) {
    await this.current(auth, id);
    const rows = await elderRepo(this.deps.db).history(id);
    return {
      elderId: id,
      items: rows.map((v) => ({
        version: v.version,
        kind: v.kind,
        changedAt: v.changedAt.toISOString(),
        changedBy: { id: v.changedBy, name: v.changedByName },
        reason: v.reason,
        before: v.before ?? null,
        after: v.after,
      })),
    };
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
    const p = this.plain(e);
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
          phone: this.dec(m.phoneEnc, ELDER_CIPHER_CONTEXT.familyPhone),
        }));
    }
    await transact(this.deps, actor, async (_tx, uow) => {
      uow.audit({
        action: 'elder.view_sensitive',
        entityType: 'elder',
        entityId: e.id,
        regionCode: e.regionCode,
        organisationId: e.organisationId,
        summary: `查看老人 ${maskName(e.name)} 的敏感信息：${fields.join('、')}`,
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
    const region = await regionRepo(this.deps.db).find(root);
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
    const kids = (await regionRepo(this.deps.db).children(root, regionPrefix(root))).map((c) => c.region);
    const childLength = kids[0] ? regionPrefix(kids[0].code).length : 0;
    const counts = childLength ? await repo.countByChild(scope, root, childLength) : [];
    const children = tallyByChildRegion(
      kids,
      counts,
      (r) => r.prefix,
      (c, rs) => ({ regionCode: c.code, regionName: c.name, kind: c.kind, ...centre(rs[0]) }),
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

  // -------------------------------------------------------------------------
  // Commands

  /** The residence must exist, be a community or village, and lie in the caller's scope. */
  private async checkRegion(auth: AuthContext, regionCode: string, pointer = '/body/regionCode') {
    if (!(await regionRepo(this.deps.db).find(regionCode)))
      throw invalidField(pointer, 'region.unknown', { code: regionCode });
    if (regionLevel(regionCode) !== 'village') throw invalidField(pointer, 'elder.region_not_village');
    assertCovers(auth, { regionCode }, pointer);
  }

  private checkDates(input: { residenceSince?: string | null | undefined }, now: Date) {
    if (input.residenceSince && input.residenceSince > todayIso(now))
      throw invalidField('/body/residenceSince', 'elder.date_future');
  }

  private async duplicate(
    auth: AuthContext,
    tx: Db | Parameters<Parameters<Db['transaction']>[0]>[0],
    hash: string,
  ) {
    const existing = await elderRepo(tx).findByIdNumberHash(hash);
    if (!existing) return;
    // The existing record's id only when the caller may see it: otherwise nothing about it leaks.
    const visible = covers(auth.scope, {
      regionCode: existing.regionCode,
      organisationId: existing.organisationId,
    });
    throw new DomainError('elder.duplicate_id_number', {
      status: 409,
      errors: [{ pointer: '/body/idNumber', code: 'elder.duplicate_id_number' }],
      ...(visible ? { meta: { existingElderId: existing.id } } : {}),
    });
  }

  async create(auth: AuthContext, actor: Actor, input: ElderCreate): Promise<ElderDetail> {
    const now = this.now();
    await this.checkRegion(auth, input.regionCode);
    const id = checkIdentity(input, now, { enforceAge: !input.ageOverride });
    this.checkDates(input, now);
    if (input.tags) checkManualTags(input.tags, '/body/tags');
    const plain: ElderPlain = {
      name: input.name,
      idType: id.idType,
      idNumber: id.normalized,
      birthDate: id.birthDate,
      sex: id.sex,
      phone: input.phone ? normalizePhone(input.phone) : null,
      regionCode: input.regionCode,
      address: input.address ?? null,
      householdLocal: input.householdLocal,
      householdAddress: input.householdAddress ?? null,
      residenceSince: input.residenceSince ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      livingSituation: input.livingSituation ?? null,
      ethnicity: input.ethnicity ?? null,
      education: input.education ?? null,
      maritalStatus: input.maritalStatus ?? null,
      economicSources: input.economicSources ?? [],
      health: input.health ? normalHealth(input.health) : null,
      status: 'active',
      statusDate: null,
    };
    const values = this.columns(plain);
    try {
      const e = await transact(this.deps, actor, async (tx, uow) => {
        await this.duplicate(auth, tx, values.idNumberHash);
        const repo = elderRepo(tx);
        const e = await repo.insert(values);
        if (input.tags?.length)
          await repo.insertTags(
            input.tags.map((t) => ({
              elderId: e.id,
              code: t.code,
              validFrom: t.validFrom,
              validTo: t.validTo ?? null,
              note: t.note ?? null,
              source: 'manual',
            })),
          );
        await repo.insertVersion({
          elderId: e.id,
          version: 1,
          kind: 'create',
          changedBy: actor.userId,
          changedByName: actor.name,
          reason: input.ageOverride?.reason ?? null,
          before: null,
          after: { ...maskedSnapshot(plain), tags: (input.tags ?? []).map((t) => t.code) },
        });
        uow.audit({
          action: 'elder.create',
          entityType: 'elder',
          entityId: e.id,
          regionCode: e.regionCode,
          organisationId: e.organisationId,
          summary: `登记老人 ${maskName(e.name)}`,
          detail: { regionCode: e.regionCode, idType: e.idType, ageOverride: !!input.ageOverride },
          reason: input.ageOverride?.reason ?? null,
        });
        uow.emit('elder.created', { id: e.id }, { regionCode: e.regionCode });
        return e;
      });
      return this.get(auth, e.id);
    } catch (err) {
      // Two registrations of one person at the same moment: the unique index decides.
      if (isUniqueViolation(err)) await this.duplicate(auth, this.deps.db, values.idNumberHash);
      throw err;
    }
  }

  async update(auth: AuthContext, actor: Actor, id: string, input: ElderUpdate): Promise<ElderDetail> {
    const now = this.now();
    const { elder: cur } = await this.current(auth, id);
    if (input.version !== cur.version) throw conflict('common.conflict', {}, '/body/version');
    if (input.regionCode && input.regionCode !== cur.regionCode)
      await this.checkRegion(auth, input.regionCode);
    this.checkDates(input, now);
    const before = this.plain(cur);
    const after: ElderPlain = { ...before };
    const identityTouched =
      input.idType !== undefined ||
      input.idNumber !== undefined ||
      input.birthDate !== undefined ||
      input.sex !== undefined;
    if (identityTouched) {
      const ident = checkIdentity(
        {
          idType: input.idType ?? (cur.idType as IdType),
          idNumber: input.idNumber ?? before.idNumber,
          birthDate: input.birthDate,
          sex: input.sex,
        },
        now,
        {
          enforceAge: !input.ageOverride && (input.idNumber !== undefined || input.birthDate !== undefined),
          fallback: { birthDate: cur.birthDate, sex: cur.sex as Sex },
        },
      );
      Object.assign(after, {
        idType: ident.idType,
        idNumber: ident.normalized,
        birthDate: ident.birthDate,
        sex: ident.sex,
      });
    }
    const set = <K extends keyof ElderPlain>(k: K, v: ElderPlain[K] | undefined) => {
      if (v !== undefined) after[k] = v;
    };
    set('name', input.name);
    set('phone', input.phone === undefined ? undefined : input.phone ? normalizePhone(input.phone) : null);
    set('regionCode', input.regionCode);
    set('address', input.address);
    set('householdLocal', input.householdLocal);
    set('householdAddress', input.householdAddress);
    set('residenceSince', input.residenceSince);
    set('lat', input.lat);
    set('lng', input.lng);
    set('livingSituation', input.livingSituation);
    set('ethnicity', input.ethnicity);
    set('education', input.education);
    set('maritalStatus', input.maritalStatus);
    set('economicSources', input.economicSources === null ? [] : input.economicSources);
    set('health', input.health === undefined ? undefined : input.health ? normalHealth(input.health) : null);
    const diff = maskedDiff(before, after);
    if (!diff) return this.get(auth, id);
    const values = this.columns(after);
    try {
      await transact(this.deps, actor, async (tx, uow) => {
        if (values.idNumberHash !== cur.idNumberHash) await this.duplicate(auth, tx, values.idNumberHash);
        const repo = elderRepo(tx);
        const e = await repo.updateVersioned(id, input.version, values);
        if (!e) throw conflict('common.conflict', {}, '/body/version');
        await repo.insertVersion({
          elderId: id,
          version: e.version,
          kind: 'update',
          changedBy: actor.userId,
          changedByName: actor.name,
          reason: input.reason,
          ...diff,
        });
        const fields = Object.keys(diff.after);
        uow.audit({
          action: 'elder.update',
          entityType: 'elder',
          entityId: id,
          regionCode: e.regionCode,
          organisationId: e.organisationId,
          summary: `修改老人 ${maskName(e.name)} 的档案：${fields.join('、')}`,
          detail: {
            fields,
            version: e.version,
            ...(e.regionCode !== cur.regionCode ? { from: cur.regionCode } : {}),
          },
          reason: input.reason,
        });
        // A newly recorded dementia (ICD-10 F00–F03) triggers an immediate reassessment (PRODUCT.md §4.3).
        const triggers: 'dementia_diagnosis'[] =
          hasDementia(after.health) && !hasDementia(before.health) ? ['dementia_diagnosis'] : [];
        uow.emit(
          'elder.updated',
          { id, fields, version: e.version, ...(triggers.length ? { triggers } : {}) },
          { regionCode: e.regionCode },
        );
      });
    } catch (err) {
      if (isUniqueViolation(err)) await this.duplicate(auth, this.deps.db, values.idNumberHash);
      throw err;
    }
    return this.get(auth, id);
  }

  /** Status change with its date; death and move-out announce themselves so services and subsidies stop. */
  async changeStatus(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { status: ElderStatus; date: string; reason: string },
  ): Promise<ElderDetail> {
    const now = this.now();
    const { elder: cur } = await this.current(auth, id);
    if (cur.status === 'deceased') throw invalidField('/body/status', 'elder.status_final');
    if (cur.status === input.status) throw invalidField('/body/status', 'elder.status_unchanged');
    if (input.date > todayIso(now)) throw invalidField('/body/date', 'elder.date_future');
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      const e = await repo.updateVersioned(id, cur.version, { status: input.status, statusDate: input.date });
      if (!e) throw conflict('common.conflict');
      await repo.insertVersion({
        elderId: id,
        version: e.version,
        kind: 'status',
        changedBy: actor.userId,
        changedByName: actor.name,
        reason: input.reason,
        before: { status: cur.status, statusDate: cur.statusDate },
        after: { status: input.status, statusDate: input.date },
      });
      uow.audit({
        action: 'elder.status_change',
        entityType: 'elder',
        entityId: id,
        regionCode: e.regionCode,
        organisationId: e.organisationId,
        summary: `老人 ${maskName(e.name)} 状态变更：${cur.status} → ${input.status}`,
        detail: { from: cur.status, to: input.status, date: input.date },
        reason: input.reason,
      });
      const topic =
        input.status === 'deceased'
          ? 'elder.deceased'
          : input.status === 'moved_out'
            ? 'elder.moved_out'
            : 'elder.status_changed';
      uow.emit(
        topic,
        { id, from: cur.status as ElderStatus, to: input.status, date: input.date },
        { regionCode: e.regionCode },
      );
    });
    return this.get(auth, id);
  }

  /** Replaces the manual tags; assessment-sourced tags are kept and cannot be written here. */
  async setTags(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { tags: ManualTagInput[]; reason?: string | undefined },
  ): Promise<ElderDetail> {
    const { elder: cur } = await this.current(auth, id);
    checkManualTags(input.tags, '/body/tags');
    const old = (await elderRepo(this.deps.db).tagsOf([id])).filter((t) => t.source === 'manual');
    const summary = (ts: ManualTagInput[]) =>
      ts.map((t) => ({ code: t.code, validFrom: t.validFrom, validTo: t.validTo ?? null }));
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      await repo.replaceManualTags(
        id,
        input.tags.map((t) => ({
          elderId: id,
          code: t.code,
          validFrom: t.validFrom,
          validTo: t.validTo ?? null,
          note: t.note ?? null,
          source: 'manual',
        })),
      );
      await this.bump(repo, uow, actor, cur, 'tags', input.reason ?? null, {
        before: { tags: summary(old) },
        after: { tags: summary(input.tags) },
      });
    });
    return this.get(auth, id);
  }

  /**
   * The assessment module's tags (decision 006), inside its publishing transaction: the current
   * assessment-sourced tags end the day before `validFrom` (or are dropped when they began that
   * day), the new ones start on it; one new version of the record.
   */
  async replaceAssessmentTags(
    tx: Tx,
    uow: UnitOfWork,
    actor: Actor,
    elderId: string,
    input: { codes: readonly string[]; validFrom: string; reason: string },
  ): Promise<ElderRow> {
    const repo = elderRepo(tx);
    const cur = await repo.findById(elderId);
    if (!cur) throw notFound('elder.not_found');
    const old = (await repo.tagsOf([elderId])).filter(
      (t) => t.source === 'assessment' && (t.validTo === null || t.validTo >= input.validFrom),
    );
    const dayBefore = addDays(input.validFrom, -1);
    for (const t of old) {
      if (t.validFrom >= input.validFrom) await repo.deleteTag(t.id);
      else await repo.updateTag(t.id, { validTo: dayBefore });
    }
    await repo.insertTags(
      input.codes.map((code) => ({ elderId, code, validFrom: input.validFrom, source: 'assessment' })),
    );
    const summary = (codes: readonly string[]) => codes.map((code) => ({ code, source: 'assessment' }));
    await this.bump(repo, uow, actor, cur, 'tags', input.reason, {
      before: { tags: summary(old.map((t) => t.code)) },
      after: { tags: summary(input.codes), validFrom: input.validFrom },
    });
    return (await repo.findById(elderId))!;
  }

  /** A new version for a change outside the elders row (tags, family), so the history is one sequence. */
  private async bump(
    repo: ReturnType<typeof elderRepo>,
    uow: UnitOfWork,
    actor: Actor,
    cur: ElderRow,
    kind: 'tags' | 'family',
    reason: string | null,
    change: { before: Record<string, unknown> | null; after: Record<string, unknown> },
  ) {
    const e = await repo.updateVersioned(cur.id, cur.version, {});
    if (!e) throw conflict('common.conflict');
    await repo.insertVersion({
      elderId: cur.id,
      version: e.version,
      kind,
      changedBy: actor.userId,
      changedByName: actor.name,
      reason,
      ...change,
    });
    uow.audit({
      action: `elder.${kind}_change`,
      entityType: 'elder',
      entityId: cur.id,
      regionCode: cur.regionCode,
      organisationId: cur.organisationId,
      summary: `修改老人 ${maskName(cur.name)} 的${kind === 'tags' ? '类别' : '家属'}`,
      detail: { version: e.version },
      reason,
    });
    uow.emit(
      'elder.updated',
      { id: cur.id, fields: [kind], version: e.version },
      { regionCode: cur.regionCode },
    );
  }

  private familyHistory(f: {
    name: string;
    relationship: string;
    mayActFor: boolean;
    isGuardian: boolean;
    consentedAt: Date | null;
  }) {
    return {
      name: maskName(f.name),
      relationship: f.relationship,
      mayActFor: f.mayActFor,
      isGuardian: f.isGuardian,
      consent: f.consentedAt !== null,
    };
  }

  async addFamily(
    auth: AuthContext,
    actor: Actor,
    elderId: string,
    input: FamilyCreate,
  ): Promise<FamilyView> {
    const { elder: cur } = await this.current(auth, elderId);
    const m = await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      const m = await repo.insertFamily({ elderId, ...this.familyColumns(input) });
      await this.bump(repo, uow, actor, cur, 'family', null, {
        before: null,
        after: { family: { action: 'added', id: m.id, ...this.familyHistory(m) } },
      });
      return m;
    });
    return this.familyView(m);
  }

  private familyColumns(input: FamilyUpdate) {
    const out: Partial<typeof elderFamily.$inferInsert> & {
      name: string;
      relationship: string;
    } = {} as never;
    if (input.name !== undefined) out.name = input.name;
    if (input.relationship !== undefined) out.relationship = input.relationship;
    if (input.phone !== undefined)
      out.phoneEnc = this.enc(
        input.phone ? normalizePhone(input.phone) : null,
        ELDER_CIPHER_CONTEXT.familyPhone,
      );
    if (input.mayActFor !== undefined) out.mayActFor = input.mayActFor;
    if (input.isGuardian !== undefined) out.isGuardian = input.isGuardian;
    if (input.consent !== undefined) {
      out.consentedAt = input.consent ? new Date(input.consent.consentedAt) : null;
      out.consentScope = input.consent?.scope ?? null;
      out.consentVersion = input.consent?.version ?? null;
      out.consentDocumentRef = input.consent?.documentRef ?? null;
    }
    return out;
  }

  private async member(elderId: string, memberId: string) {
    const m = (await elderRepo(this.deps.db).familyOf(elderId)).find((f) => f.id === memberId);
    if (!m) throw notFound('elder.family_not_found');
    return m;
  }

  async updateFamily(
    auth: AuthContext,
    actor: Actor,
    elderId: string,
    memberId: string,
    input: FamilyUpdate,
  ): Promise<FamilyView> {
    const { elder: cur } = await this.current(auth, elderId);
    const old = await this.member(elderId, memberId);
    const m = await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      const m = await repo.updateFamily(memberId, this.familyColumns(input));
      await this.bump(repo, uow, actor, cur, 'family', null, {
        before: { family: { action: 'changed', id: m.id, ...this.familyHistory(old) } },
        after: {
          family: {
            action: 'changed',
            id: m.id,
            ...this.familyHistory(m),
            ...(input.phone !== undefined ? { phone: input.phone ? maskPhone(input.phone) : null } : {}),
          },
        },
      });
      return m;
    });
    if (m.userId) this.deps.authCache?.forgetUser(m.userId);
    return this.familyView(m);
  }

  async removeFamily(auth: AuthContext, actor: Actor, elderId: string, memberId: string): Promise<void> {
    const { elder: cur } = await this.current(auth, elderId);
    const old = await this.member(elderId, memberId);
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      await repo.deleteFamily(memberId);
      await this.bump(repo, uow, actor, cur, 'family', null, {
        before: { family: { action: 'removed', id: old.id, ...this.familyHistory(old) } },
        after: { family: { action: 'removed', id: old.id } },
      });
    });
    if (old.userId) this.deps.authCache?.forgetUser(old.userId);
  }

  /** Served elders in scope (not moved out or deceased), for the home page. */
  async countInScope(auth: AuthContext, regionCode?: string): Promise<number> {
    return elderRepo(this.deps.db).countInScope(auth.scope, regionCode);
  }
}

/** Row values for a record's plain fields: encrypted with their column context, hashed for lookup. */
const DEMENTIA = /^F0[0-3]/;
function hasDementia(health: ElderPlain['health']): boolean {
  return !!health?.chronicDiseases.some((c) => DEMENTIA.test(c));
}

/** Count and rounded centre (≈ 100 m, never one home's exact position) of a child region. */
function centre(r: { n: number; lat: number | null; lng: number | null } | undefined) {
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 1000);
  return { total: r?.n ?? 0, lat: round(r?.lat), lng: round(r?.lng) };
}

export function elderColumns(cipher: FieldCipher, p: ElderPlain) {
  const C = ELDER_CIPHER_CONTEXT;
  const enc = (v: string | null, ctx: string) => (v === null || v === '' ? null : cipher.encrypt(v, ctx));
  const digits = p.phone ? normalizePhone(p.phone) : '';
  // Fields copied one by one, not spread: the import builds a million of these.
  const names = nameKeys(p.name);
  const masks = elderMasks(p);
  const location = storedLocation(cipher, p);
  return {
    name: p.name,
    nameInitials: names.nameInitials,
    namePinyin: names.namePinyin,
    nameGrams: names.nameGrams,
    idType: p.idType,
    idNumberEnc: cipher.encrypt(p.idNumber, C.idNumber),
    idNumberHash: cipher.blindIndex(p.idNumber, ELDER_HASH_DOMAIN.idNumber),
    birthDate: p.birthDate,
    sex: p.sex,
    nameMasked: masks.nameMasked,
    idNumberMasked: masks.idNumberMasked,
    phoneMasked: masks.phoneMasked,
    addressMasked: masks.addressMasked,
    phoneEnc: enc(p.phone, C.phone),
    phoneHash: digits ? cipher.blindIndex(digits, ELDER_HASH_DOMAIN.phone) : null,
    regionCode: p.regionCode,
    addressEnc: enc(p.address, C.address),
    householdLocal: p.householdLocal,
    householdAddressEnc: enc(p.householdAddress, C.householdAddress),
    residenceSince: p.residenceSince,
    lat: location.lat,
    lng: location.lng,
    locationEnc: location.locationEnc,
    livingSituation: p.livingSituation,
    ethnicity: p.ethnicity,
    education: p.education,
    maritalStatus: p.maritalStatus,
    economicSources: p.economicSources,
    healthEnc: p.health ? cipher.encrypt(JSON.stringify(p.health), C.health) : null,
    status: p.status,
    statusDate: p.statusDate,
  };
}

/** Rounded public columns and the encrypted exact position (elder.table.ts). */
function storedLocation(cipher: FieldCipher, p: Pick<ElderPlain, 'lat' | 'lng'>) {
  if (p.lat === null || p.lng === null) return { lat: null, lng: null, locationEnc: null };
  return {
    lat: roundCoordinate(p.lat),
    lng: roundCoordinate(p.lng),
    locationEnc: cipher.encrypt(`${p.lat},${p.lng}`, ELDER_CIPHER_CONTEXT.location),
  };
}
const roundCoordinate = (v: number) => Math.round(v * 100) / 100;

/** The list's display values: stored with the row (elderColumns), decrypted only for a row not yet backfilled. */
function rowMasks(cipher: FieldCipher, e: ElderListRow): ElderMasks {
  if (e.nameMasked !== null) return e;
  const C = ELDER_CIPHER_CONTEXT;
  const dec = (token: string | null, ctx: string) => (token === null ? null : cipher.decrypt(token, ctx));
  return elderMasks({
    name: e.name,
    idNumber: dec(e.idNumberEnc, C.idNumber)!,
    phone: dec(e.phoneEnc, C.phone),
    address: dec(e.addressEnc, C.address),
  });
}

/**
 * Fills the masked columns of rows written before migration 0004 (only JS can decrypt them). Runs at
 * start-up and after `yiyang db migrate`; a no-op (one index probe) once done. Returns the rows filled.
 */
export async function backfillElderMasks(
  deps: { db: Db; cipher: FieldCipher },
  batch = 500,
): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await elderRepo(deps.db).unmasked(batch);
    if (rows.length === 0) return done;
    await deps.db.transaction(async (tx) => {
      const repo = elderRepo(tx);
      for (const e of rows)
        await repo.setMasks(e.id, {
          ...rowMasks(deps.cipher, e),
          // Exact position into location_enc, the columns rounded (rows written before migration 0005).
          ...(e.locationEnc === null && e.lat !== null ? storedLocation(deps.cipher, e) : {}),
        });
    });
    done += rows.length;
  }
}

/** The list's masked display values of a record (masking.ts); stored with the row by elderColumns. */
export function elderMasks(p: Pick<ElderPlain, 'name' | 'idNumber' | 'phone' | 'address'>): ElderMasks {
  return {
    nameMasked: maskName(p.name),
    idNumberMasked: maskIdNumber(p.idNumber),
    phoneMasked: p.phone ? maskPhone(p.phone) : null,
    addressMasked: p.address ? maskAddress(p.address) : null,
  };
}

export function nameKeys(name: string): { nameInitials: string; namePinyin: string; nameGrams: string[] } {
  const k = nameSearchKeys(name);
  return { nameInitials: k.initials, namePinyin: k.full, nameGrams: nameGrams(name) };
}

function normalHealth(h: {
  chronicDiseases?: string[] | undefined;
  allergies?: string[] | undefined;
  medications?: string[] | undefined;
  familyDoctor?: HealthRecord['familyDoctor'] | undefined;
}): HealthRecord {
  return {
    chronicDiseases: h.chronicDiseases ?? [],
    allergies: h.allergies ?? [],
    medications: h.medications ?? [],
    familyDoctor: h.familyDoctor ?? null,
  };
}

/** A masked address (`address_masked`) without 社区/小区/村 shows the residence region name instead of a raw prefix. */
export function maskedAddressWithin(masked: string, regionName: string | null): string {
  if (/(社区|小区|居委会|村)\*{4}$/.test(masked) || !regionName) return masked;
  return `${regionName}****`;
}
