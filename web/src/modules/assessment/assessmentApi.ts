import { api, buildUrl } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type {
  ApplyInput,
  AssessmentDetail,
  AssessmentStats,
  AssignInput,
  DueItem,
  EligibleAssessor,
  ElderAssessmentHistoryItem,
  FormPutInput,
  SignInput,
} from './assessmentTypes.ts';
import type { SyncApi } from './offlineSync.ts';
import type { AssessmentStandardData } from './standardTypes.ts';

/** `/api/v1/assessments…` (decision 006). */
export const ASSESSMENTS_PATH = '/assessments';
/** React-query key prefix of every assessment query. */
export const ASSESSMENTS_KEY = 'assessments';

const one = (id: string) => `${ASSESSMENTS_PATH}/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);
/** Lists may come as a page or a bare `{ items }`. */
const itemsOf = <T>(r: { items: T[] } | T[]): T[] => (Array.isArray(r) ? r : r.items);

export const fetchStandards = (signal?: AbortSignal) =>
  api
    .get<
      | { items: { code: string; zh: string; en: string; default?: boolean }[] }
      | { code: string; zh: string; en: string; default?: boolean }[]
    >('/assessment-standards', undefined, opts(signal))
    .then(itemsOf);
export const fetchStandard = (code: string, signal?: AbortSignal) =>
  api.get<AssessmentStandardData>(
    `/assessment-standards/${encodeURIComponent(code)}`,
    undefined,
    opts(signal),
  );

export const fetchAssessment = (id: string, signal?: AbortSignal) =>
  api.get<AssessmentDetail>(one(id), undefined, opts(signal));
export const fetchDue = (regionCode: string | null, withinDays: number, signal?: AbortSignal) =>
  api
    .get<Page<DueItem> | { items: DueItem[] }>(
      `${ASSESSMENTS_PATH}/due`,
      { regionCode: regionCode ?? undefined, withinDays },
      opts(signal),
    )
    .then(itemsOf);
export const fetchEligible = (id: string, agencyId: string, signal?: AbortSignal) =>
  api
    .get<{ items: EligibleAssessor[] } | EligibleAssessor[]>(
      `${one(id)}/eligible-assessors`,
      { agencyId },
      opts(signal),
    )
    .then(itemsOf);
export const fetchElderAssessments = (elderId: string, signal?: AbortSignal) =>
  api
    .get<{ items: ElderAssessmentHistoryItem[] } | ElderAssessmentHistoryItem[]>(
      `/elders/${encodeURIComponent(elderId)}/assessments`,
      undefined,
      opts(signal),
    )
    .then(itemsOf);
export const fetchAssessmentStats = (regionCode: string | null, signal?: AbortSignal) =>
  api.get<AssessmentStats>('/stats/assessments', { regionCode: regionCode ?? undefined }, opts(signal));

export const applyAssessment = (body: ApplyInput) => api.post<AssessmentDetail>(ASSESSMENTS_PATH, body);
export const assignAssessment = (id: string, body: AssignInput) =>
  api.post<AssessmentDetail>(`${one(id)}/assign`, body);
export const putForm = (id: string, body: FormPutInput) => api.put<unknown>(`${one(id)}/form`, body);
export const submitAssessment = (id: string, body: { clientTotals?: unknown } = {}) =>
  api.post<AssessmentDetail>(`${one(id)}/submit`, body);
export const signAssessment = (id: string, body: SignInput) => api.post<unknown>(`${one(id)}/sign`, body);
export const disputeAssessment = (id: string, reason: string) =>
  api.post<AssessmentDetail>(`${one(id)}/dispute`, { reason });
export const cancelAssessment = (id: string, reason: string) =>
  api.post<AssessmentDetail>(`${one(id)}/cancel`, { reason });
export const applyBasicInfo = (id: string, fields: string[]) =>
  api.post<unknown>(`${one(id)}/basic-info/apply`, { fields });
/** A plain link (GET with the session cookie); the browser opens the PDF. */
export const reportUrl = (id: string) => buildUrl(`${one(id)}/report.pdf`);

/** The HTTP side of the offline sync. */
export const syncApi: SyncApi = {
  putForm,
  fetchDetail: (id) => fetchAssessment(id),
  sign: signAssessment,
};
