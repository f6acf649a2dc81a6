import type { AssessmentReason, AssessmentStatus } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { DomainError } from '../../platform/errors.ts';
import { maskIdNumber, maskName } from '../../platform/masking.ts';
import { transact } from '../../platform/uow.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import type { AssessmentQueries } from './assessment.queries.ts';
import { renderReportPdf, type ReportReason } from './assessment.report.ts';
import { assessorViews, standardOf } from './assessment.views.ts';
import { findElder } from '../elder/index.ts';

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

const REPORTABLE: AssessmentStatus[] = ['published', 'disputed', 'superseded'];

export interface AssessmentReportFile {
  pdf: Buffer;
  /** A readable download name: 能力评估报告-<assessment number>-<date>.pdf (issue 13 §4). */
  filename: string;
}

/**
 * May this caller print the ID number in full? The report is an official signed document, so it carries the
 * full number (issue 13 §4) for whoever may read it anyway: staff with `elder:read_sensitive`, and the elder
 * or a bound family member (their own record). Everyone else gets the masked number.
 */
function printsFullIdNumber(auth: AuthContext, elderId: string): boolean {
  return auth.permissions.has('elder:read_sensitive') || auth.relations.some((r) => r.elderId === elderId);
}

/** The Appendix C report of a published result (assessment.report.ts draws it); every print audited. */
export async function assessmentReport(
  deps: AssessmentDeps,
  queries: AssessmentQueries,
  auth: AuthContext,
  actor: Actor,
  id: string,
): Promise<AssessmentReportFile> {
  const r = await queries.current(auth, id);
  const { a } = r;
  if (!REPORTABLE.includes(a.status as AssessmentStatus) || !a.result)
    throw new DomainError('assessment.report_not_published', { status: 409 });
  const s = standardOf(a);
  if (!s.report)
    throw new DomainError('assessment.report_unavailable', {
      status: 422,
      params: { standard: s.standardCode },
    });
  const elder = (await findElder(deps.db, a.elderId))!;
  const p = deps.elders.plain(elder);
  const assessors = await assessorViews(deps.db, [a.id]);
  const fullId = printsFullIdNumber(auth, a.elderId);
  const number =
    typeof a.basicInfo['A.1.1'] === 'string' ? a.basicInfo['A.1.1'] : a.id.slice(0, 8).toUpperCase();
  const pdf = await renderReportPdf({
    standard: s,
    result: { ok: true, ...a.result },
    elder: {
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      idNumber: fullId ? p.idNumber : maskIdNumber(p.idNumber),
      regionName: r.regionName ?? a.regionCode,
    },
    assessment: {
      number,
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
    generatedAt: a.publishedAt ?? nowOf(deps),
  });
  await transact(deps, actor, async (_tx, uow) => {
    uow.audit({
      action: 'assessment.report',
      entityType: 'assessment',
      entityId: id,
      regionCode: a.regionCode,
      organisationId: a.organisationId,
      summary: `出具评估报告（老人 ${maskName(elder.name)}${fullId ? '，含完整身份证号' : ''}）`,
      detail: { idNumber: fullId ? 'full' : 'masked' },
    });
  });
  const day = (a.publishedAt ?? nowOf(deps)).toISOString().slice(0, 10);
  return { pdf, filename: `能力评估报告-${number.replace(/[^\p{L}\p{N}_-]/gu, '_')}-${day}.pdf` };
}
