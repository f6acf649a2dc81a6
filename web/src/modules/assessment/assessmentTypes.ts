/**
 * Shapes of `/api/v1/assessments…` (decision 006) come from @yiyang/contracts;
 * this file adds only what the web app derives from them.
 */
import type { AssessmentDetail, AssessmentStatus } from '@yiyang/contracts';

export type {
  AssessmentAssignBody,
  AssessmentBasicInfoApplyBody,
  AssessmentBasicInfoApplyResult,
  AssessmentCreateBody,
  AssessmentDetail,
  AssessmentDisputeResult,
  AssessmentDueItem,
  AssessmentDueList,
  AssessmentFormBody,
  AssessmentLevelReviewItem,
  AssessmentListItem,
  AssessmentPrefill,
  AssessmentReason,
  AssessmentResult,
  AssessmentSignBody,
  AssessmentStandardList,
  AssessmentStats,
  AssessmentStatus,
  AssessmentSubmitBody,
  AssessmentWarning,
  EligibleAssessor,
  EligibleAssessorList,
  ElderAssessmentHistory,
  ElderAssessmentHistoryItem,
  LevelRef,
} from '@yiyang/contracts';
export { ASSESSMENT_REASONS, ASSESSMENT_SOURCES, ASSESSMENT_STATUSES } from '@yiyang/contracts';

/** Statuses in which the assigned assessors may still edit the form. */
export const EDITABLE_STATUSES: readonly AssessmentStatus[] = ['assigned', 'in_progress'];
/** Statuses a cancel is allowed from (decision 006 state diagram). */
export const CANCELLABLE_STATUSES: readonly AssessmentStatus[] = ['applied', 'assigned', 'in_progress'];
/** A report exists once the result is published (and stays for disputed / superseded records). */
export const REPORT_STATUSES: readonly AssessmentStatus[] = ['published', 'disputed', 'superseded'];

/** The saved form of an assessment, as the offline copy keeps it (a 409's server side too). */
export interface ServerForm {
  revision: number;
  answers: Record<string, string>;
  basicInfo: Record<string, unknown>;
  clientSavedAt: string | null;
}

export const formOf = (d: AssessmentDetail): ServerForm => ({
  revision: d.revision,
  answers: Object.fromEntries(Object.entries(d.answers ?? {}).map(([k, v]) => [k, String(v)])),
  basicInfo: { ...(d.basicInfo ?? {}) },
  clientSavedAt: d.clientSavedAt,
});
