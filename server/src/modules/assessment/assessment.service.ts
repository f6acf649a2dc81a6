import {
  ASSESSMENT_DISPUTE_DAYS,
  ASSESSMENT_REREVIEW_DAYS,
  ASSESSMENT_ROUTINE_MONTHS,
  localized,
  type LocalizedText,
  type AssessmentDueItem,
  type AssessmentReason,
  type AssessmentResult,
  type AssessmentSource,
  type AssessmentStatus,
  type AssessmentTimelineAction,
  type CertificateKind,
  type DomainEvent,
  type StandardCode,
} from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { conflict, DomainError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { maskIdNumber, maskName } from '../../platform/masking.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps, type UnitOfWork } from '../../platform/uow.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { elderRepo, type ElderRow } from '../elder/elder.repo.ts';
import { addDays, addMonths, ageOf, todayIso } from '../elder/elder.rules.ts';
import { hasValidCnIdChecksum } from '../elder/idNumber.ts';
import { ELDER_CIPHER_CONTEXT, type ElderService } from '../elder/elder.service.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import type { RegionService } from '../region/region.service.ts';
import { staffRepo, type CertificateRow } from '../staff/staff.repo.ts';
import { bestCertificate, certificateValidOn } from '../staff/staff.rules.ts';
import { checkForm, contradictions, formErrorCode } from './assessment.appendixA.ts';
import { renderReportPdf, type ReportReason } from './assessment.report.ts';
import { levelReview } from './assessment.levelReview.ts';
import { assessmentStats } from './assessment.stats.ts';
import { assessmentRepo, type AssessmentRow } from './assessment.repo.ts';
import { assessmentTags } from './assessment.rules.ts';
import type {
  ApplyInput,
  AssessmentCreate,
  AssignInput,
  DetailView,
  FormInput,
  SignInput,
  SubmitInput,
} from './assessment.schema.ts';
import { scoreAssessment, verifyClientTotals, type AssessmentError } from './assessment.scoring.ts';
import { ASSESSMENT_STANDARDS, DEFAULT_STANDARD_CODE, findStandard } from './standards/index.ts';
import type { AssessmentStandard } from './standards/types.ts';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof assessmentRepo>['findInScope']>>>;

/**
 * Appendix A fields that mirror the registry (GB/T 42195-2022 A.2): prefilled from it, and written
 * back only on confirmation through the elder service (so the change is versioned).
 */
const REGISTRY_FIELDS: Partial<Record<StandardCode, Record<string, RegistryField>>> = {
  'GB/T 42195-2022': {
    'A.2.1': 'name',
    'A.2.2': 'sex',
    'A.2.3': 'birthDate',
    'A.2.6': 'ethnicity',
    'A.2.8': 'idNumber',
    'A.2.9': 'education',
    'A.2.11': 'maritalStatus',
  },
};
type RegistryField = 'name' | 'sex' | 'birthDate' | 'ethnicity' | 'idNumber' | 'education' | 'maritalStatus';
// Registry education codes ↔ A.2.9 options.
const EDUCATION_TO_FORM: Record<string, string> = {
  none: 'illiterate',
  primary: 'primary',
  junior_secondary: 'junior_high',
  senior_secondary: 'senior_high',
  college: 'college_plus',
  bachelor_or_above: 'college_plus',
};
const EDUCATION_FROM_FORM: Record<string, string> = {
  illiterate: 'none',
  primary: 'primary',
  junior_high: 'junior_secondary',
  senior_high: 'senior_secondary',
  college_plus: 'college',
};

const REPORT_REASON: Record<AssessmentReason, ReportReason> = {
  initial: 'first',
  subsidy_entry: 'first',
  routine: 'routine',
  fall_injury: 'immediate',
  hospital_discharge: 'immediate',
  dementia_diagnosis: 'immediate',
  coma_recovered: 'immediate',
  dispute: 'dispute_review',
  other: 'other',
};

// Elders no assessment can be applied for, by the status the message names.
const INACTIVE_STATUS_TEXT: Record<string, LocalizedText> = {
  deceased: localized('已故', 'deceased'),
  moved_out: localized('已迁出', 'moved out'),
};

const CAN_ASSIGN: AssessmentStatus[] = ['applied', 'assigned'];
const CAN_FILL: AssessmentStatus[] = ['assigned', 'in_progress'];
const CAN_CANCEL: AssessmentStatus[] = ['applied', 'assigned', 'in_progress', 'submitted'];
const REPORTABLE: AssessmentStatus[] = ['published', 'disputed', 'superseded'];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function invalidState(a: AssessmentRow): DomainError {
  if (a.publishedAt) return new DomainError('assessment.locked', { status: 409 });
  return new DomainError('assessment.invalid_state', { status: 409, params: { status: a.status } });
}

function scoringErrors(code: string, errors: AssessmentError[], prefix = '/body') {
  return new DomainError(code, {
    status: 422,
    params: { count: errors.length, ...(errors[0]?.params ?? {}) },
    errors: errors.map((e) => ({ pointer: `${prefix}${e.pointer}`, code: e.code, params: e.params ?? {} })),
  });
}

export class AssessmentService {
  constructor(
    private readonly deps: TransactDeps & {
      db: Db;
      cipher: FieldCipher;
      elders: ElderService;
      regions: RegionService;
      auth: AuthService;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  // -------------------------------------------------------------------------
  // Standards

  standards() {
    return {
      items: Object.values(ASSESSMENT_STANDARDS).map((s) => ({
        code: s.standardCode,
        zh: s.zh,
        en: s.en,
        revision: s.revision,
        isDefault: s.standardCode === DEFAULT_STANDARD_CODE,
        levelsAvailable: levelsAvailable(s),
        reportAvailable: s.report !== null,
      })),
      defaultCode: DEFAULT_STANDARD_CODE,
    };
  }

  standard(code: string) {
    const s = findStandard(code);
    if (!s) throw notFound('assessment.standard_unknown', { standard: code });
    const { deriveInitialLevel: _rule, ...data } = s;
    return data;
  }

  // -------------------------------------------------------------------------
  // Views

  private async assessorViews(ids: string[]) {
    const rows = await assessmentRepo(this.deps.db).assessorsOf(ids);
    const certs = new Map(
      (await staffRepo(this.deps.db).findMany(rows.flatMap((r) => r.row.certificateId ?? []))).map((c) => [
        c.id,
        c,
      ]),
    );
    return rows.map((r) => {
      const c = r.row.certificateId ? certs.get(r.row.certificateId) : undefined;
      return {
        assessmentId: r.row.assessmentId,
        userId: r.row.userId,
        displayName: r.displayName,
        certificate: c ? certRef(c) : null,
        signedAt: iso(r.row.signedAt),
        signRecordedAt: iso(r.row.signRecordedAt),
      };
    });
  }

  private listItems(rows: Row[], assessors: Awaited<ReturnType<AssessmentService['assessorViews']>>) {
    return rows.map(({ a, elderName, regionName, agencyName }) => ({
      id: a.id,
      elderId: a.elderId,
      elderNameMasked: maskName(elderName),
      regionCode: a.regionCode,
      regionName,
      organisationId: a.organisationId,
      agencyName,
      standardCode: a.standardCode as StandardCode,
      reason: a.reason as AssessmentReason,
      source: a.source as AssessmentSource,
      status: a.status as AssessmentStatus,
      scheduledAt: iso(a.scheduledAt),
      dueBy: a.dueBy,
      total: a.total,
      level: a.level ?? a.result?.finalLevel.code ?? null,
      levelName: a.result?.finalLevel.zhShort ?? null,
      assessors: assessors
        .filter((x) => x.assessmentId === a.id)
        .map((x) => ({ userId: x.userId, displayName: x.displayName })),
      createdAt: a.createdAt.toISOString(),
      publishedAt: iso(a.publishedAt),
    }));
  }

  private async detail(auth: AuthContext, r: Row): Promise<DetailView> {
    const db = this.deps.db;
    const { a } = r;
    const assessors = await this.assessorViews([a.id]);
    const [item] = this.listItems([r], assessors);
    const elder = (await elderRepo(db).findById(a.elderId))!;
    const events = await assessmentRepo(db).eventsOf(a.id);
    const supersededBy = await assessmentRepo(db).supersededBy([a.id]);
    const appliedBy = a.appliedBy ? { userId: a.appliedBy, displayName: a.appliedByName ?? '' } : null;
    return {
      ...item!,
      elder: {
        id: elder.id,
        nameMasked: maskName(elder.name),
        sex: elder.sex as 'male' | 'female',
        age: ageOf(elder.birthDate, this.now()),
        idNumberMasked: maskIdNumber(
          this.deps.cipher.decrypt(elder.idNumberEnc, ELDER_CIPHER_CONTEXT.idNumber),
        ),
        regionCode: elder.regionCode,
        regionName: r.regionName,
        status: elder.status,
      },
      note: a.note,
      appliedBy,
      revision: a.revision,
      answers: a.answers,
      basicInfo: a.basicInfo,
      context: a.context,
      clientSavedAt: iso(a.clientSavedAt),
      submittedAt: iso(a.submittedAt),
      result: a.result,
      // Contradictions to confirm while the form can still change; submitting confirmed them.
      warnings: CAN_FILL.includes(a.status as AssessmentStatus)
        ? contradictions(this.standardOf(a), a.answers, a.basicInfo)
        : [],
      assessors: assessors.map(({ assessmentId: _id, ...v }) => v),
      supersedesId: a.supersedesId,
      supersededById: supersededBy.get(a.id) ?? null,
      disputedAt: iso(a.disputedAt),
      disputeReason: a.disputeReason,
      cancelledAt: iso(a.cancelledAt),
      cancelReason: a.cancelReason,
      timeline: events.map((e) => ({
        at: e.at.toISOString(),
        action: e.action as AssessmentTimelineAction,
        byName: e.byName,
      })),
      assignedToMe: assessors.some((x) => x.userId === auth.userId),
    };
  }

  private async current(auth: AuthContext, id: string): Promise<Row> {
    const r = await assessmentRepo(this.deps.db).findInScope(auth, id);
    if (!r) throw notFound('assessment.not_found');
    return r;
  }

  // -------------------------------------------------------------------------
  // Queries

  async list(
    auth: AuthContext,
    q: {
      regionCode?: string;
      status?: string;
      reason?: string;
      elderId?: string;
      mine?: boolean;
      limit: number;
      cursor?: string;
    },
  ) {
    const rows = await assessmentRepo(this.deps.db).list(auth, { ...q, after: decodeCursor(q.cursor) });
    const p = page(rows, q.limit, (r) => ({ createdAt: r.a.createdAt, id: r.a.id }));
    const assessors = await this.assessorViews(p.items.map((r) => r.a.id));
    return { items: this.listItems(p.items, assessors), nextCursor: p.nextCursor };
  }

  async get(auth: AuthContext, id: string): Promise<DetailView> {
    return this.detail(auth, await this.current(auth, id));
  }

  async history(auth: AuthContext, elderId: string) {
    const elder = await elderRepo(this.deps.db).findInScope(auth.scope, elderId);
    if (!elder) throw notFound('elder.not_found');
    const rows = await assessmentRepo(this.deps.db).ofElder(auth, elderId);
    const supersededBy = await assessmentRepo(this.deps.db).supersededBy(rows.map((r) => r.a.id));
    return {
      elderId,
      items: rows.map(({ a }) => ({
        id: a.id,
        status: a.status as AssessmentStatus,
        reason: a.reason as AssessmentReason,
        standardCode: a.standardCode as StandardCode,
        createdAt: a.createdAt.toISOString(),
        publishedAt: iso(a.publishedAt),
        total: a.total,
        level: a.level,
        levelName: a.result?.finalLevel.zhShort ?? null,
        dimensions: (a.result?.dimensions ?? []).map((d) => ({
          code: d.code,
          zh: d.zh,
          score: d.score,
          max: d.max,
        })),
        supersedesId: a.supersedesId,
        supersededById: supersededBy.get(a.id) ?? null,
      })),
    };
  }

  /**
   * Elders due or overdue: never assessed (with an open application), 12 months after the last
   * published result, or a re-review past its 7 days. Overdue ones always; others due within `withinDays`.
   */
  async due(auth: AuthContext, q: { regionCode?: string; withinDays: number }) {
    if (q.regionCode) assertCovers(auth, { regionCode: q.regionCode }, '/query/regionCode');
    const today = todayIso(this.now());
    const horizon = addDays(today, q.withinDays);
    const rows = await assessmentRepo(this.deps.db).elderStates(auth, q.regionCode);
    const items: AssessmentDueItem[] = [];
    for (const r of rows) {
      let kind: AssessmentDueItem['kind'] | null = null;
      let dueOn: string | null = null;
      const published = r.publishedAt ? todayIso(new Date(r.publishedAt)) : null;
      if (r.openId && r.openReason === 'dispute' && r.openDueBy) {
        kind = 're_review';
        dueOn = r.openDueBy;
      } else if (published) {
        kind = 'routine';
        dueOn = addMonths(published, ASSESSMENT_ROUTINE_MONTHS);
      } else if (r.openId) {
        kind = 'never_assessed';
        dueOn = r.openDueBy ?? todayIso(new Date(r.openCreatedAt!));
      }
      if (!kind || !dueOn || dueOn > horizon) continue;
      items.push({
        elderId: r.elderId,
        elderNameMasked: maskName(r.elderName),
        regionCode: r.regionCode,
        regionName: r.regionName,
        kind,
        dueOn,
        overdue: dueOn < today,
        lastPublishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
        lastLevel: r.level,
        openAssessmentId: r.openId,
        openStatus: (r.openStatus as AssessmentStatus | null) ?? null,
      });
    }
    items.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.elderId.localeCompare(y.elderId));
    return { asOf: today, items };
  }

  /** Published results whose stored Appendix A gives another level (assessment.levelReview.ts). */
  levelReview(auth: AuthContext, q: { regionCode?: string; limit: number; cursor?: string }) {
    if (q.regionCode) assertCovers(auth, { regionCode: q.regionCode }, '/query/regionCode');
    return levelReview(this.deps.db, auth, q);
  }

  /** Counts by level and child region, shares of 失能/半失能 among the assessed (assessment.stats.ts). */
  stats(auth: AuthContext, regionCode: string | undefined) {
    return assessmentStats(this.deps, auth, regionCode);
  }

  // -------------------------------------------------------------------------
  // Application

  private async insertApplication(
    tx: Tx,
    uow: UnitOfWork,
    actor: Actor,
    elder: ElderRow,
    input: {
      reason: AssessmentReason;
      source: AssessmentSource;
      standardCode?: StandardCode | undefined;
      note?: string | undefined;
      dueBy?: string | null;
      supersedesId?: string | null;
    },
  ): Promise<AssessmentRow> {
    const open = await assessmentRepo(tx).openOf(elder.id);
    if (open)
      throw new DomainError('assessment.open_exists', {
        status: 409,
        params: { id: open.id },
        meta: { openId: open.id },
      });
    const a = await assessmentRepo(tx).insert({
      elderId: elder.id,
      regionCode: elder.regionCode,
      standardCode: input.standardCode ?? DEFAULT_STANDARD_CODE,
      reason: input.reason,
      source: input.source,
      note: input.note ?? null,
      appliedBy: actor.userId,
      appliedByName: actor.name,
      dueBy: input.dueBy ?? null,
      supersedesId: input.supersedesId ?? null,
      createdAt: this.now(),
    });
    await this.event(tx, actor, a.id, 'applied');
    uow.audit({
      action: 'assessment.apply',
      entityType: 'assessment',
      entityId: a.id,
      regionCode: a.regionCode,
      summary: `老人 ${maskName(elder.name)} 申请能力评估（${input.reason}）`,
      detail: { elderId: elder.id, reason: input.reason, source: input.source, standardCode: a.standardCode },
    });
    uow.emit(
      'assessment.applied',
      { id: a.id, elderId: elder.id, reason: input.reason },
      { regionCode: a.regionCode },
    );
    return a;
  }

  private async event(tx: Tx, actor: Actor, id: string, action: AssessmentTimelineAction, at = this.now()) {
    await assessmentRepo(tx).addEvent({
      assessmentId: id,
      action,
      byUserId: actor.userId,
      byName: actor.name,
      at,
    });
  }

  /** Unique-index races (two instances handling one event) end as "already open". */
  private async openRace<T>(fn: () => Promise<T>, elderId: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const open = await assessmentRepo(this.deps.db).openOf(elderId);
      throw new DomainError('assessment.open_exists', {
        status: 409,
        params: { id: open?.id },
        meta: { openId: open?.id },
      });
    }
  }

  async create(auth: AuthContext, actor: Actor, input: AssessmentCreate): Promise<DetailView> {
    const r = await elderRepo(this.deps.db).findInScope(auth.scope, input.elderId);
    if (!r) throw notFound('elder.not_found');
    const inactive = INACTIVE_STATUS_TEXT[r.elder.status];
    if (inactive) {
      const params = { status: inactive };
      throw new DomainError('assessment.elder_inactive', {
        status: 422,
        params,
        errors: [{ pointer: '/body/elderId', code: 'assessment.elder_inactive', params }],
      });
    }
    const a = await this.openRace(
      () => transact(this.deps, actor, (tx, uow) => this.insertApplication(tx, uow, actor, r.elder, input)),
      r.elder.id,
    );
    return this.get(auth, a.id);
  }

  /** Automatic application (events, due scan); null when the elder already has an open one. */
  async applyAutomatic(elderId: string, reason: AssessmentReason, dueBy: string | null = null) {
    const elder = await elderRepo(this.deps.db).findById(elderId);
    if (!elder || ['deceased', 'moved_out'].includes(elder.status)) return null;
    try {
      return await this.openRace(
        () =>
          transact(this.deps, SYSTEM_ACTOR, (tx, uow) =>
            this.insertApplication(tx, uow, SYSTEM_ACTOR, elder, { reason, source: 'automatic', dueBy }),
          ),
        elderId,
      );
    } catch (err) {
      if (err instanceof DomainError && err.code === 'assessment.open_exists') return null;
      throw err;
    }
  }

  /** Immediate reassessment triggers from other modules' events (every instance sees every event). */
  async onEvent(e: DomainEvent): Promise<void> {
    if (e.topic === 'elder.status_changed' && e.payload.from === 'hospitalised' && e.payload.to === 'active')
      await this.applyAutomatic(e.payload.id, 'hospital_discharge');
    if (e.topic === 'elder.updated' && e.payload.triggers?.includes('dementia_diagnosis'))
      await this.applyAutomatic(e.payload.id, 'dementia_diagnosis');
  }

  /** Routine applications 12 months after the last published result; idempotent (one open per elder). */
  async dueScan(): Promise<{ created: number }> {
    const cutoff = addMonths(todayIso(this.now()), -ASSESSMENT_ROUTINE_MONTHS);
    const rows = await assessmentRepo(this.deps.db).routineCandidates(
      new Date(`${cutoff}T23:59:59.999+08:00`),
    );
    let created = 0;
    for (const r of rows) {
      const due = addMonths(todayIso(new Date(r.published_at as string)), ASSESSMENT_ROUTINE_MONTHS);
      if (await this.applyAutomatic(r.elder_id, 'routine', due)) created++;
    }
    return { created };
  }

  // -------------------------------------------------------------------------
  // Assignment

  private async agency(auth: AuthContext, agencyId: string) {
    const org = await organisationRepo(this.deps.db).findInScope(auth.scope, agencyId);
    if (!org) throw notFound('organisation.not_found');
    if (org.type !== 'assessment_agency' || org.status !== 'active')
      throw new DomainError('common.validation', {
        status: 422,
        errors: [{ pointer: '/body/agencyId', code: 'assessment.agency_invalid' }],
      });
    return org;
  }

  /** Users excluded from a re-review: the assessors of the disputed record. */
  private async excludedAssessors(a: AssessmentRow): Promise<Set<string>> {
    if (!a.supersedesId) return new Set();
    return new Set(
      (await assessmentRepo(this.deps.db).assessorsOf([a.supersedesId])).map((r) => r.row.userId),
    );
  }

  async eligible(auth: AuthContext, id: string, agencyId: string) {
    const { a } = await this.current(auth, id);
    await this.agency(auth, agencyId);
    const onDate = todayIso(a.scheduledAt ?? this.now());
    const people = await assessmentRepo(this.deps.db).usersWithRole(agencyId, 'assessor');
    const certs = await staffRepo(this.deps.db).certificatesOf(
      people.map((p) => p.id),
      'assessor',
    );
    const excluded = await this.excludedAssessors(a);
    return {
      onDate,
      items: people.map((p) => {
        const c = bestCertificate(
          certs.filter((x) => x.userId === p.id),
          onDate,
        );
        return {
          userId: p.id,
          displayName: p.displayName,
          username: p.username,
          certificate: c ? certRef(c) : null,
          certificateValid: c ? certificateValidOn(c, onDate) : false,
          excluded: excluded.has(p.id),
        };
      }),
    };
  }

  async assign(auth: AuthContext, actor: Actor, id: string, input: AssignInput): Promise<DetailView> {
    const { a } = await this.current(auth, id);
    if (!CAN_ASSIGN.includes(a.status as AssessmentStatus)) throw invalidState(a);
    const org = await this.agency(auth, input.agencyId);
    const ids = input.assessorIds;
    if (ids.length !== 2 || ids[0] === ids[1])
      throw new DomainError('assessment.two_assessors_required', {
        status: 422,
        errors: [{ pointer: '/body/assessorIds', code: 'assessment.two_assessors_required' }],
      });
    const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : this.now();
    const onDate = todayIso(scheduledAt);
    const people = new Map(
      (await assessmentRepo(this.deps.db).usersWithRole(org.id, 'assessor')).map((p) => [p.id, p]),
    );
    const certs = await staffRepo(this.deps.db).certificatesOf(ids, 'assessor');
    const excluded = await this.excludedAssessors(a);
    const chosen: { userId: string; cert: CertificateRow }[] = [];
    for (const [i, userId] of ids.entries()) {
      const pointer = `/body/assessorIds/${i}`;
      const person = people.get(userId);
      if (!person)
        throw new DomainError('assessment.assessor_not_eligible', {
          status: 422,
          errors: [{ pointer, code: 'assessment.assessor_not_eligible' }],
        });
      if (excluded.has(userId))
        throw new DomainError('assessment.assessor_excluded', {
          status: 422,
          errors: [{ pointer, code: 'assessment.assessor_excluded' }],
        });
      const c = bestCertificate(
        certs.filter((x) => x.userId === userId),
        onDate,
      );
      const params = { name: person.displayName, date: onDate };
      if (!c)
        throw new DomainError('assessment.certificate_missing', {
          status: 422,
          params,
          errors: [{ pointer, code: 'assessment.certificate_missing', params }],
        });
      if (!certificateValidOn(c, onDate))
        throw new DomainError('assessment.certificate_expired', {
          status: 422,
          params,
          errors: [{ pointer, code: 'assessment.certificate_expired', params }],
        });
      chosen.push({ userId, cert: c });
    }
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = assessmentRepo(tx);
      const cur = await repo.lock(id);
      if (!cur || !CAN_ASSIGN.includes(cur.status as AssessmentStatus)) throw invalidState(cur ?? a);
      await repo.setAssessors(
        id,
        chosen.map((c, position) => ({
          assessmentId: id,
          userId: c.userId,
          certificateId: c.cert.id,
          position,
        })),
      );
      const row = await repo.update(id, {
        status: 'assigned',
        organisationId: org.id,
        scheduledAt,
        assignedAt: this.now(),
      });
      await this.event(tx, actor, id, 'assigned');
      uow.audit({
        action: 'assessment.assign',
        entityType: 'assessment',
        entityId: id,
        regionCode: row.regionCode,
        organisationId: org.id,
        summary: `指派评估机构 ${org.name} 及两名评估员`,
        detail: { agencyId: org.id, assessorIds: ids, scheduledAt: scheduledAt.toISOString() },
      });
      uow.emit(
        'assessment.assigned',
        { id, agencyId: org.id, assessorIds: ids },
        { regionCode: row.regionCode, organisationId: org.id },
      );
    });
    return this.get(auth, id);
  }

  // -------------------------------------------------------------------------
  // Form, submit, sign

  private async assertAssigned(id: string, userId: string) {
    const rows = await assessmentRepo(this.deps.db).assessorsOf([id]);
    if (!rows.some((r) => r.row.userId === userId)) throw forbidden('assessment.not_assigned');
    return rows;
  }

  private standardOf(a: AssessmentRow): AssessmentStandard {
    return findStandard(a.standardCode) ?? ASSESSMENT_STANDARDS[DEFAULT_STANDARD_CODE];
  }

  async saveForm(auth: AuthContext, actor: Actor, id: string, input: FormInput): Promise<DetailView> {
    const { a } = await this.current(auth, id);
    await this.assertAssigned(id, auth.userId);
    if (!CAN_FILL.includes(a.status as AssessmentStatus)) throw invalidState(a);
    // Appendix A is validated and decides the change-rule inputs; the client's context is only compared.
    const basicInfo = input.basicInfo ?? a.basicInfo;
    const check = checkForm(this.standardOf(a), {
      answers: input.answers,
      basicInfo,
      context: input.context,
    });
    if (check.errors.length) throw scoringErrors(formErrorCode(check.errors), check.errors);
    const clientSavedAt = new Date(input.clientSavedAt);
    await transact(this.deps, actor, async (tx, uow) => {
      const row = await assessmentRepo(tx).updateRevision(id, input.baseRevision, {
        status: 'in_progress',
        answers: Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, String(v)])),
        basicInfo,
        context: check.context,
        clientSavedAt,
      });
      if (!row) {
        const cur = await assessmentRepo(tx).findById(id);
        if (cur && !CAN_FILL.includes(cur.status as AssessmentStatus)) throw invalidState(cur);
        throw conflict('assessment.stale_revision', { revision: cur?.revision }, '/body/baseRevision');
      }
      await this.event(tx, actor, id, 'draft_saved', clientSavedAt);
      uow.audit({
        action: 'assessment.save_form',
        entityType: 'assessment',
        entityId: id,
        regionCode: row.regionCode,
        organisationId: row.organisationId,
        summary: `保存评估表（版本 ${row.revision}）`,
        detail: {
          revision: row.revision,
          clientSavedAt: input.clientSavedAt,
          answered: Object.keys(input.answers).length,
          ...(check.warnings.length ? { warnings: check.warnings.map((w) => w.key) } : {}),
        },
      });
    });
    const view = await this.get(auth, id);
    return { ...view, warnings: check.warnings };
  }

  async submit(auth: AuthContext, actor: Actor, id: string, input: SubmitInput): Promise<DetailView> {
    const { a } = await this.current(auth, id);
    await this.assertAssigned(id, auth.userId);
    if (a.status !== 'in_progress') throw invalidState(a);
    const s = this.standardOf(a);
    // The stored form again (a draft saved before Appendix A was checked), and its Appendix A decides.
    const check = checkForm(s, { answers: a.answers, basicInfo: a.basicInfo });
    if (check.errors.length) throw scoringErrors(formErrorCode(check.errors), check.errors);
    const scored = scoreAssessment(s, a.answers, check.context);
    if (!scored.ok) {
      const missing = scored.errors.filter((e) => e.code === 'assessment.answer_missing');
      throw scoringErrors(
        missing.length ? 'assessment.incomplete' : 'assessment.unknown_option',
        missing.length ? missing : scored.errors,
      );
    }
    const confirmed = new Set(input.confirmedWarnings ?? []);
    const unconfirmed = check.warnings.filter((w) => w.confirm && !confirmed.has(w.key));
    if (unconfirmed.length) throw scoringErrors('assessment.warnings_unconfirmed', unconfirmed);
    if (input.clientTotals) {
      const mismatches = verifyClientTotals(scored, input.clientTotals, '/clientTotals');
      if (mismatches.length) throw scoringErrors('assessment.totals_disagree', mismatches);
    }
    const { ok: _ok, ...result } = scored;
    await transact(this.deps, actor, async (tx, uow) => {
      const cur = await assessmentRepo(tx).lock(id);
      if (!cur || cur.status !== 'in_progress' || cur.revision !== a.revision) throw invalidState(cur ?? a);
      const row = await assessmentRepo(tx).update(id, {
        status: 'submitted',
        submittedAt: this.now(),
        context: check.context,
        result: result as AssessmentResult,
        total: result.total,
        level: result.finalLevel.code,
      });
      await this.event(tx, actor, id, 'submitted');
      uow.audit({
        action: 'assessment.submit',
        entityType: 'assessment',
        entityId: id,
        regionCode: row.regionCode,
        organisationId: row.organisationId,
        summary: `提交评估：总分 ${result.total ?? '—'}，${result.finalLevel.zh}`,
        detail: {
          total: result.total,
          level: result.finalLevel.code,
          firedRules: result.firedRules.map((f) => f.rule),
          confirmedWarnings: check.warnings.filter((w) => w.confirm).map((w) => w.key),
        },
      });
    });
    return this.get(auth, id);
  }

  async sign(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: SignInput,
    meta: { ip: string; requestId: string },
  ): Promise<DetailView> {
    const { a } = await this.current(auth, id);
    const assessors = await this.assertAssigned(id, auth.userId);
    if (a.status !== 'submitted' && a.status !== 'signing') throw invalidState(a);
    const now = this.now();
    const signedAt = input.signedAt ? new Date(input.signedAt) : now;
    if (signedAt > new Date(now.getTime() + 60_000) || (a.submittedAt && signedAt < a.submittedAt))
      throw new DomainError('common.validation', {
        status: 422,
        errors: [{ pointer: '/body/signedAt', code: 'assessment.signed_at_invalid' }],
      });
    const signers = [auth.userId];
    if (input.coSigner) {
      // Checked like a login (limits and lock apply); no session is created. A wrong password is a field
      // error (422), not 401: the caller's own session is fine, and a 401 would sign the tablet out.
      const partner = await this.deps.auth
        .verifyCredentials(input.coSigner.username, input.coSigner.password, meta)
        .catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'auth.invalid_credentials')
            throw new DomainError('common.validation', {
              status: 422,
              errors: [{ pointer: '/body/coSigner/password', code: 'auth.invalid_credentials' }],
            });
          throw err;
        });
      if (partner.id === auth.userId || !assessors.some((r) => r.row.userId === partner.id))
        throw new DomainError('common.validation', {
          status: 422,
          errors: [{ pointer: '/body/coSigner/username', code: 'assessment.cosigner_invalid' }],
        });
      signers.push(partner.id);
    }
    if (signers.every((u) => assessors.find((r) => r.row.userId === u)?.row.signedAt))
      throw conflict('assessment.already_signed');
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = assessmentRepo(tx);
      const cur = await repo.lock(id);
      if (!cur || (cur.status !== 'submitted' && cur.status !== 'signing')) throw invalidState(cur ?? a);
      const rows = await repo.assessorsOf([id]);
      for (const u of signers) {
        if (rows.find((r) => r.row.userId === u)?.row.signedAt) continue;
        await repo.sign(id, u, signedAt, now);
        await this.event(
          tx,
          { ...actor, userId: u, name: rows.find((r) => r.row.userId === u)!.displayName },
          id,
          'signed',
          signedAt,
        );
      }
      const all = (await repo.assessorsOf([id])).every((r) => r.row.signedAt);
      uow.audit({
        action: 'assessment.sign',
        entityType: 'assessment',
        entityId: id,
        regionCode: cur.regionCode,
        organisationId: cur.organisationId,
        summary: input.coSigner ? '评估员共同签名' : '评估员签名',
        detail: { signers, signedAt: signedAt.toISOString() },
      });
      if (all) await this.publish(tx, uow, actor, cur);
      else await repo.update(id, { status: 'signing' });
    });
    return this.get(auth, id);
  }

  /** The second signature: lock the level, tag the elder, end a disputed original, announce. */
  private async publish(tx: Tx, uow: UnitOfWork, actor: Actor, a: AssessmentRow) {
    const repo = assessmentRepo(tx);
    const now = this.now();
    const today = todayIso(now);
    const result = a.result!;
    await repo.update(a.id, { status: 'published', publishedAt: now });
    await this.event(tx, actor, a.id, 'published');
    const tags = assessmentTags(result, a.context);
    await this.deps.elders.replaceAssessmentTags(tx, uow, actor, a.elderId, {
      codes: tags,
      validFrom: today,
      reason: `能力评估结果：${result.finalLevel.zh}`,
    });
    if (a.supersedesId) {
      await repo.update(a.supersedesId, { status: 'superseded', supersededAt: now });
      await this.event(tx, actor, a.supersedesId, 'superseded');
    }
    const nextDue = addMonths(today, ASSESSMENT_ROUTINE_MONTHS);
    uow.audit({
      action: 'assessment.publish',
      entityType: 'assessment',
      entityId: a.id,
      regionCode: a.regionCode,
      organisationId: a.organisationId,
      summary: `发布评估结果：${result.finalLevel.zh}`,
      detail: {
        level: result.finalLevel.code,
        total: result.total,
        tags,
        supersedes: a.supersedesId,
        nextDue,
      },
    });
    uow.emit(
      'assessment.published',
      {
        id: a.id,
        elderId: a.elderId,
        standardCode: a.standardCode,
        level: result.finalLevel.code,
        total: result.total,
        tags,
        supersedes: a.supersedesId,
        nextDue,
      },
      { regionCode: a.regionCode, organisationId: a.organisationId },
    );
  }

  // -------------------------------------------------------------------------
  // Dispute, cancel

  async dispute(auth: AuthContext, actor: Actor, id: string, input: { reason: string }) {
    const { a } = await this.current(auth, id);
    if (a.status !== 'published') throw invalidState(a);
    const now = this.now();
    if (addDays(todayIso(a.publishedAt!), ASSESSMENT_DISPUTE_DAYS) < todayIso(now))
      throw new DomainError('assessment.dispute_window_closed', {
        status: 422,
        params: { days: ASSESSMENT_DISPUTE_DAYS },
      });
    const elder = (await elderRepo(this.deps.db).findById(a.elderId))!;
    const re = await this.openRace(
      () =>
        transact(this.deps, actor, async (tx, uow) => {
          const cur = await assessmentRepo(tx).lock(id);
          if (!cur || cur.status !== 'published') throw invalidState(cur ?? a);
          await assessmentRepo(tx).update(id, {
            status: 'disputed',
            disputedAt: now,
            disputeReason: input.reason,
          });
          await this.event(tx, actor, id, 'disputed');
          uow.audit({
            action: 'assessment.dispute',
            entityType: 'assessment',
            entityId: id,
            regionCode: a.regionCode,
            organisationId: a.organisationId,
            summary: '对评估结果提出异议，申请复核',
            reason: input.reason,
          });
          return this.insertApplication(tx, uow, actor, elder, {
            reason: 'dispute',
            source: 'cadre',
            standardCode: a.standardCode as StandardCode,
            dueBy: addDays(todayIso(now), ASSESSMENT_REREVIEW_DAYS),
            supersedesId: id,
            note: input.reason,
          });
        }),
      a.elderId,
    );
    return { disputed: await this.get(auth, id), reReview: await this.get(auth, re.id) };
  }

  async cancel(auth: AuthContext, actor: Actor, id: string, input: { reason: string }): Promise<DetailView> {
    const { a } = await this.current(auth, id);
    if (!CAN_CANCEL.includes(a.status as AssessmentStatus)) throw invalidState(a);
    await transact(this.deps, actor, async (tx, uow) => {
      const cur = await assessmentRepo(tx).lock(id);
      if (!cur || !CAN_CANCEL.includes(cur.status as AssessmentStatus)) throw invalidState(cur ?? a);
      await assessmentRepo(tx).update(id, {
        status: 'cancelled',
        cancelledAt: this.now(),
        cancelReason: input.reason,
      });
      // A cancelled re-review leaves the disputed original as it was published.
      if (cur.supersedesId) await assessmentRepo(tx).update(cur.supersedesId, { status: 'published' });
      await this.event(tx, actor, id, 'cancelled');
      uow.audit({
        action: 'assessment.cancel',
        entityType: 'assessment',
        entityId: id,
        regionCode: cur.regionCode,
        organisationId: cur.organisationId,
        summary: '取消评估',
        reason: input.reason,
      });
    });
    return this.get(auth, id);
  }

  // -------------------------------------------------------------------------
  // Appendix A ↔ registry, report

  /** Appendix A prefilled from the registry: decrypted values, the full read audited. */
  async prefill(auth: AuthContext, actor: Actor, id: string) {
    const { a } = await this.current(auth, id);
    const elder = (await elderRepo(this.deps.db).findById(a.elderId))!;
    const p = this.deps.elders.plain(elder);
    const map = REGISTRY_FIELDS[a.standardCode as StandardCode] ?? {};
    const s = this.standardOf(a);
    const ethnicity = s.basicInfoForm.flatMap((x) => x.fields).find((f) => map[f.code] === 'ethnicity');
    const basicInfo: Record<string, unknown> = {};
    for (const [code, field] of Object.entries(map)) {
      const v =
        field === 'education'
          ? p.education && EDUCATION_TO_FORM[p.education]
          : field === 'ethnicity'
            ? ethnicity?.options?.find((o) => o.zh === p.ethnicity || o.zh === `${p.ethnicity}族`)?.value
            : field === 'idNumber' && !hasValidCnIdChecksum(p.idNumber)
              ? null // A.2.8 is a 公民身份号码; a passport or other document stays in the registry
              : p[field];
      if (v !== null && v !== undefined) basicInfo[code] = v;
    }
    await transact(this.deps, actor, async (_tx, uow) => {
      uow.audit({
        action: 'assessment.prefill',
        entityType: 'elder',
        entityId: elder.id,
        regionCode: elder.regionCode,
        organisationId: elder.organisationId,
        summary: `评估表基本信息从档案预填（老人 ${maskName(elder.name)}）`,
        detail: { assessmentId: id, fields: Object.keys(basicInfo) },
      });
    });
    return { elderId: elder.id, elderVersion: elder.version, basicInfo };
  }

  /** Confirmed Appendix A values flow back through the elder service (versioned, audited there). */
  async applyBasicInfo(auth: AuthContext, actor: Actor, id: string, input: ApplyInput) {
    const { a } = await this.current(auth, id);
    const map = REGISTRY_FIELDS[a.standardCode as StandardCode] ?? {};
    const update: Record<string, unknown> = {};
    input.fields.forEach((code, i) => {
      const field = map[code];
      const pointer = `/body/fields/${i}`;
      if (!field)
        throw new DomainError('common.validation', {
          status: 422,
          errors: [{ pointer, code: 'assessment.basic_info_field_unknown', params: { field: code } }],
        });
      const raw = a.basicInfo[code];
      let v: unknown = raw;
      if (field === 'education') v = typeof raw === 'string' ? EDUCATION_FROM_FORM[raw] : undefined;
      if (field === 'ethnicity') {
        const f = this.standardOf(a)
          .basicInfoForm.flatMap((x) => x.fields)
          .find((x) => x.code === code);
        v = f?.options?.find((o) => o.value === raw)?.zh;
      }
      if (field === 'maritalStatus' && raw === 'unspecified') v = undefined;
      if (v === undefined || v === null || v === '')
        throw new DomainError('common.validation', {
          status: 422,
          errors: [{ pointer, code: 'assessment.basic_info_empty', params: { field: code } }],
        });
      update[field] = v;
    });
    const cur = await elderRepo(this.deps.db).findInScope(auth.scope, a.elderId);
    if (!cur) throw notFound('elder.not_found');
    if (input.elderVersion !== undefined && input.elderVersion !== cur.elder.version)
      throw conflict('common.conflict', {}, '/body/elderVersion');
    const e = await this.deps.elders.update(auth, actor, a.elderId, {
      ...update,
      version: cur.elder.version,
      reason: input.reason ?? '能力评估基本信息核对',
    } as Parameters<ElderService['update']>[3]);
    return { elderId: a.elderId, elderVersion: e.version, applied: input.fields };
  }

  async report(auth: AuthContext, actor: Actor, id: string): Promise<Buffer> {
    const r = await this.current(auth, id);
    const { a } = r;
    if (!REPORTABLE.includes(a.status as AssessmentStatus) || !a.result)
      throw new DomainError('assessment.report_not_published', { status: 409 });
    const s = this.standardOf(a);
    if (!s.report)
      throw new DomainError('assessment.report_unavailable', {
        status: 422,
        params: { standard: s.standardCode },
      });
    const elder = (await elderRepo(this.deps.db).findById(a.elderId))!;
    const p = this.deps.elders.plain(elder);
    const assessors = await this.assessorViews([a.id]);
    const pdf = await renderReportPdf({
      standard: s,
      result: { ok: true, ...a.result },
      elder: {
        name: p.name,
        sex: p.sex,
        birthDate: p.birthDate,
        idNumber: maskIdNumber(p.idNumber),
        regionName: r.regionName ?? a.regionCode,
      },
      assessment: {
        number:
          typeof a.basicInfo['A.1.1'] === 'string' ? a.basicInfo['A.1.1'] : a.id.slice(0, 8).toUpperCase(),
        reason: REPORT_REASON[a.reason as AssessmentReason],
        assessedAt: a.submittedAt ?? a.createdAt,
        place: r.regionName ?? '',
        agencyName: r.agencyName ?? '',
        assessors: assessors.map((x) => ({
          name: x.displayName,
          certificateNo: x.certificate?.number ?? '',
          ...(x.signedAt ? { signedAt: new Date(x.signedAt) } : {}),
        })),
      },
      generatedAt: a.publishedAt ?? this.now(),
    });
    await transact(this.deps, actor, async (_tx, uow) => {
      uow.audit({
        action: 'assessment.report',
        entityType: 'assessment',
        entityId: id,
        regionCode: a.regionCode,
        organisationId: a.organisationId,
        summary: `出具评估报告（老人 ${maskName(elder.name)}）`,
      });
    });
    return pdf;
  }
}

function certRef(c: CertificateRow) {
  return {
    id: c.id,
    kind: c.kind as CertificateKind,
    number: c.number,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
  };
}

/** False where the standard refuses to derive levels at all (LTC 2021, STANDARDS.md §3.3). */
function levelsAvailable(s: AssessmentStandard): boolean {
  const d = s.deriveInitialLevel({ total: null, dimensions: [] });
  return d.available || d.reasonCode !== 'assessment.level_unavailable';
}
