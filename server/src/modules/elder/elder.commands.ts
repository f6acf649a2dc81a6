import { regionLevel, type ElderAbility } from '@yiyang/contracts';
import { assertCovers, covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { conflict, DomainError, invalidField, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { maskName } from '../../platform/masking.ts';
import { transact, type UnitOfWork } from '../../platform/uow.ts';
import { elderColumns, normalHealth, plainOf } from './elder.codec.ts';
import { checkIdentity, checkManualTags, type Identity, type ManualTagInput } from './elder.identity.ts';
import type { ElderDeps, ElderQueries } from './elder.queries.ts';
import { elderRepo, type ElderRow } from './elder.repo.ts';
import { hasDementia, maskedDiff, maskedSnapshot, normalizePhone, type ElderPlain } from './elder.rules.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import type { ElderCreate, ElderDetail, ElderUpdate } from './elder.schema.ts';
import type { ElderStatus } from './elder.vocab.ts';
import type { IdType, Sex } from './idNumber.ts';
import { findRegion } from '../region/index.ts';

/**
 * The registry's state changes: register, update, change status, set tags
 * (manual, or the assessment's inside its own transaction). Each is checked
 * first, then written in one transaction with a new version, an audit entry
 * and an event.
 */

/** The record a registration stores. */
function plainFromCreate(input: ElderCreate, id: Identity): ElderPlain {
  return {
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
}

/** The record after an update's fields (identity re-checked when any of its fields is given). */
function plainFromUpdate(cur: ElderRow, before: ElderPlain, input: ElderUpdate, now: Date): ElderPlain {
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
  return after;
}

/** A new version for a change outside the elders row (tags, family), so the history is one sequence. */
export async function appendVersion(
  repo: ReturnType<typeof elderRepo>,
  uow: UnitOfWork,
  actor: Actor,
  cur: ElderRow,
  kind: 'tags' | 'family',
  reason: string | null,
  change: { before: Record<string, unknown> | null; after: Record<string, unknown> },
): Promise<void> {
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
    action: kind === 'tags' ? 'elder.tags_change' : 'elder.family_change',
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

export class ElderCommands {
  constructor(
    private readonly deps: ElderDeps,
    private readonly queries: ElderQueries,
  ) {}

  /** The residence must exist, be a community or village, and lie in the caller's scope. */
  private async checkRegion(auth: AuthContext, regionCode: string, pointer = '/body/regionCode') {
    if (!(await findRegion(this.deps.db, regionCode)))
      throw invalidField(pointer, 'region.unknown', { code: regionCode });
    if (regionLevel(regionCode) !== 'village') throw invalidField(pointer, 'elder.region_not_village');
    assertCovers(auth, { regionCode }, pointer);
  }

  private checkDates(input: { residenceSince?: string | null | undefined }, now: Date) {
    if (input.residenceSince && input.residenceSince > todayIso(now))
      throw invalidField('/body/residenceSince', 'elder.date_future');
  }

  private async duplicate(auth: AuthContext, tx: Executor, hash: string) {
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
    const now = this.queries.now();
    await this.checkRegion(auth, input.regionCode);
    const id = checkIdentity(input, now, { enforceAge: !input.ageOverride });
    this.checkDates(input, now);
    if (input.tags) checkManualTags(input.tags, '/body/tags');
    const plain = plainFromCreate(input, id);
    const values = elderColumns(this.deps.cipher, plain);
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
      return this.queries.get(auth, e.id);
    } catch (err) {
      // Two registrations of one person at the same moment: the unique index decides.
      if (isUniqueViolation(err)) await this.duplicate(auth, this.deps.db, values.idNumberHash);
      throw err;
    }
  }

  async update(auth: AuthContext, actor: Actor, id: string, input: ElderUpdate): Promise<ElderDetail> {
    const now = this.queries.now();
    const { elder: cur } = await this.queries.current(auth, id);
    if (input.version !== cur.version) throw conflict('common.conflict', {}, '/body/version');
    if (input.regionCode && input.regionCode !== cur.regionCode)
      await this.checkRegion(auth, input.regionCode);
    this.checkDates(input, now);
    const before = plainOf(this.deps.cipher, cur);
    const after = plainFromUpdate(cur, before, input, now);
    const diff = maskedDiff(before, after);
    if (!diff) return this.queries.get(auth, id);
    const values = elderColumns(this.deps.cipher, after);
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
    return this.queries.get(auth, id);
  }

  /** Status change with its date; death and move-out announce themselves so services and subsidies stop. */
  async changeStatus(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { status: ElderStatus; date: string; reason: string },
  ): Promise<ElderDetail> {
    const now = this.queries.now();
    const { elder: cur } = await this.queries.current(auth, id);
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
    return this.queries.get(auth, id);
  }

  /** Replaces the manual tags; assessment-sourced tags are kept and cannot be written here. */
  async setTags(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { tags: ManualTagInput[]; reason?: string | undefined },
  ): Promise<ElderDetail> {
    const { elder: cur } = await this.queries.current(auth, id);
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
      await appendVersion(repo, uow, actor, cur, 'tags', input.reason ?? null, {
        before: { tags: summary(old) },
        after: { tags: summary(input.tags) },
      });
    });
    return this.queries.get(auth, id);
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
    input: { codes: readonly string[]; validFrom: string; reason: string; ability: ElderAbility },
  ): Promise<ElderRow> {
    const repo = elderRepo(tx);
    const cur = await repo.findById(elderId);
    if (!cur) throw notFound('elder.not_found');
    await repo.setAbility(elderId, input.ability);
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
    await appendVersion(repo, uow, actor, cur, 'tags', input.reason, {
      before: { tags: summary(old.map((t) => t.code)) },
      after: { tags: summary(input.codes), validFrom: input.validFrom },
    });
    return (await repo.findById(elderId))!;
  }
}
