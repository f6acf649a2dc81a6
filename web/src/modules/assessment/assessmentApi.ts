import type { QueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client.ts';
import type {
  AssessmentAssignBody,
  AssessmentBasicInfoApplyBody,
  AssessmentBasicInfoApplyResult,
  AssessmentCreateBody,
  AssessmentDetail,
  AssessmentDisputeResult,
  AssessmentDueList,
  AssessmentFormBody,
  AssessmentPrefill,
  AssessmentSignBody,
  AssessmentStandardList,
  AssessmentStats,
  AssessmentSubmitBody,
  EligibleAssessorList,
  ElderAssessmentHistory,
} from './assessmentTypes.ts';
import type { SyncApi } from './offlineSync.ts';
import type { AssessmentStandardData } from './standardTypes.ts';

/** `/api/v1/assessments…` (decision 006). */
export const ASSESSMENTS_PATH = '/assessments';
/** React-query key prefix of every assessment query. */
export const ASSESSMENTS_KEY = 'assessments';

/** The query key of one assessment's detail page. */
export const assessmentKey = (id: string) => [ASSESSMENTS_KEY, 'detail', id] as const;

/**
 * After a command on an assessment, before its dialog closes: the detail page takes the command's own
 * answer at once, and every assessment query on screen is read again and awaited. A dialog that closed
 * first left the page showing the old state — and still offering the command it had just run — until
 * the re-read came back (issue 12, item 6).
 */
export async function settleAssessments(qc: QueryClient, detail?: AssessmentDetail): Promise<void> {
  if (detail) qc.setQueryData(assessmentKey(detail.id), detail);
  await qc.invalidateQueries({ queryKey: [ASSESSMENTS_KEY] });
}

const one = (id: string) => `${ASSESSMENTS_PATH}/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);

export const fetchStandards = (signal?: AbortSignal) =>
  api.get<AssessmentStandardList>('/assessment-standards', undefined, opts(signal));
export const fetchStandard = (code: string, signal?: AbortSignal) =>
  api.get<AssessmentStandardData>(
    `/assessment-standards/${encodeURIComponent(code)}`,
    undefined,
    opts(signal),
  );

export const fetchAssessment = (id: string, signal?: AbortSignal) =>
  api.get<AssessmentDetail>(one(id), undefined, opts(signal));
export const fetchPrefill = (id: string, signal?: AbortSignal) =>
  api.get<AssessmentPrefill>(`${one(id)}/basic-info/prefill`, undefined, opts(signal));
export const fetchDue = (regionCode: string | null, withinDays: number, signal?: AbortSignal) =>
  api.get<AssessmentDueList>(
    `${ASSESSMENTS_PATH}/due`,
    { regionCode: regionCode ?? undefined, withinDays },
    opts(signal),
  );
export const fetchEligible = (id: string, agencyId: string, signal?: AbortSignal) =>
  api.get<EligibleAssessorList>(`${one(id)}/eligible-assessors`, { agencyId }, opts(signal));
export const fetchElderAssessments = (elderId: string, signal?: AbortSignal) =>
  api.get<ElderAssessmentHistory>(
    `/elders/${encodeURIComponent(elderId)}/assessments`,
    undefined,
    opts(signal),
  );
export const fetchAssessmentStats = (regionCode: string | null, signal?: AbortSignal) =>
  api.get<AssessmentStats>('/stats/assessments', { regionCode: regionCode ?? undefined }, opts(signal));

export const applyAssessment = (body: AssessmentCreateBody) =>
  api.post<AssessmentDetail>(ASSESSMENTS_PATH, body);
export const assignAssessment = (id: string, body: AssessmentAssignBody) =>
  api.post<AssessmentDetail>(`${one(id)}/assign`, body);
export const putForm = (id: string, body: AssessmentFormBody) =>
  api.put<AssessmentDetail>(`${one(id)}/form`, body);
export const submitAssessment = (id: string, body: AssessmentSubmitBody = {}) =>
  api.post<AssessmentDetail>(`${one(id)}/submit`, body);
export const signAssessment = (id: string, body: AssessmentSignBody) =>
  api.post<AssessmentDetail>(`${one(id)}/sign`, body);
export const disputeAssessment = (id: string, reason: string) =>
  api.post<AssessmentDisputeResult>(`${one(id)}/dispute`, { reason });
export const cancelAssessment = (id: string, reason: string) =>
  api.post<AssessmentDetail>(`${one(id)}/cancel`, { reason });
export const applyBasicInfo = (id: string, body: AssessmentBasicInfoApplyBody) =>
  api.post<AssessmentBasicInfoApplyResult>(`${one(id)}/basic-info/apply`, body);
/** A plain link (GET with the session cookie); the browser opens the PDF. */
export const reportUrl = (id: string) => buildUrl(`${one(id)}/report.pdf`);

/** The HTTP side of the offline sync. */
export const syncApi: SyncApi = {
  putForm,
  fetchDetail: (id) => fetchAssessment(id),
  sign: signAssessment,
};
