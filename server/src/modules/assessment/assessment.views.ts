import type {
  AssessmentReason,
  AssessmentSource,
  AssessmentStatus,
  AssessmentTimelineAction,
  CertificateKind,
  StandardCode,
} from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { maskName } from '../../platform/masking.ts';
import { ageOf } from '../../platform/dates.ts';
import { contradictions } from './assessment.appendixA.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import { FILLABLE_STATUSES } from './assessment.machine.ts';
import { assessmentRepo, type AssessmentRow } from './assessment.repo.ts';
import type { DetailView } from './assessment.schema.ts';
import { ASSESSMENT_STANDARDS, DEFAULT_STANDARD_CODE, findStandard } from './standards/index.ts';
import type { AssessmentStandard } from './standards/types.ts';
import { elderIdNumberMasked, findElder } from '../elder/index.ts';
import { type CertificateRow, findCertificates } from '../staff/index.ts';

/** Rows → API views of assessments (list items, detail, assessors). */

/** An assessment with the names the views show (from `assessmentRepo.findInScope` / `list`). */
export type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof assessmentRepo>['findInScope']>>>;
export type AssessorView = Awaited<ReturnType<typeof assessorViews>>[number];

export const iso = (d: Date | null) => d?.toISOString() ?? null;

export function certRef(c: CertificateRow) {
  return {
    id: c.id,
    kind: c.kind as CertificateKind,
    number: c.number,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
  };
}

export function standardOf(a: AssessmentRow): AssessmentStandard {
  return findStandard(a.standardCode) ?? ASSESSMENT_STANDARDS[DEFAULT_STANDARD_CODE];
}

/** False where the standard refuses to derive levels at all (LTC 2021, STANDARDS.md §3.3). */
export function levelsAvailable(s: AssessmentStandard): boolean {
  const d = s.deriveInitialLevel({ total: null, dimensions: [] });
  return d.available || d.reasonCode !== 'assessment.level_unavailable';
}

export async function assessorViews(db: Db, ids: string[]) {
  const rows = await assessmentRepo(db).assessorsOf(ids);
  const certs = new Map(
    (
      await findCertificates(
        db,
        rows.flatMap((r) => r.row.certificateId ?? []),
      )
    ).map((c) => [c.id, c]),
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

/** What every list of assessments shows of one: which, whose (masked), where and by which agency. */
export function assessmentHeading<N, G>(r: {
  a: Pick<Row['a'], 'id' | 'elderId' | 'regionCode' | 'organisationId' | 'standardCode'>;
  elderName: string;
  regionName: N;
  agencyName: G;
}) {
  const { a } = r;
  return {
    id: a.id,
    elderId: a.elderId,
    elderNameMasked: maskName(r.elderName),
    regionCode: a.regionCode,
    regionName: r.regionName,
    organisationId: a.organisationId,
    agencyName: r.agencyName,
    standardCode: a.standardCode as StandardCode,
  };
}

export function listItems(rows: Row[], assessors: AssessorView[]) {
  return rows.map(({ a, elderName, regionName, agencyName, elderAddressMasked, elderPhoneMasked }) => ({
    ...assessmentHeading({ a, elderName, regionName, agencyName }),
    elderAddressMasked,
    elderPhoneMasked,
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

export async function detailView(deps: AssessmentDeps, auth: AuthContext, r: Row): Promise<DetailView> {
  const db = deps.db;
  const { a } = r;
  const assessors = await assessorViews(db, [a.id]);
  const [item] = listItems([r], assessors);
  const elder = (await findElder(db, a.elderId))!;
  const events = await assessmentRepo(db).eventsOf(a.id);
  const supersededBy = await assessmentRepo(db).supersededBy([a.id]);
  const appliedBy = a.appliedBy ? { userId: a.appliedBy, displayName: a.appliedByName ?? '' } : null;
  return {
    ...item!,
    elder: {
      id: elder.id,
      nameMasked: maskName(elder.name),
      sex: elder.sex as 'male' | 'female',
      age: ageOf(elder.birthDate, nowOf(deps)),
      idNumberMasked: elderIdNumberMasked(deps.cipher, elder),
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
    warnings: (FILLABLE_STATUSES as readonly string[]).includes(a.status)
      ? contradictions(standardOf(a), a.answers, a.basicInfo)
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
