import { api, buildUrl, type Query } from '../../api/client.ts';
import type {
  ElderCreateBody,
  ElderDetail,
  ElderHistory,
  ElderRevealBody,
  ElderStatsByRegion,
  ElderStatusBody,
  ElderTagBody,
  ElderUpdateBody,
  FamilyMember,
  FamilyMemberBody,
  ImportIssue,
  ImportIssues,
  ImportJob,
  ImportOnDuplicate,
  RevealView,
  ValidateIdBody,
  ValidateIdResult,
} from '@yiyang/contracts';

const one = (id: string) => `/elders/${encodeURIComponent(id)}`;

export const ELDERS_PATH = '/elders';
/** React-query key prefix of every elder query (lists, details, history, stats). */
export const ELDERS_KEY = 'elders';

export const fetchElder = (id: string, signal?: AbortSignal) =>
  api.get<ElderDetail>(one(id), undefined, signal ? { signal } : undefined);
export const fetchHistory = (id: string, signal?: AbortSignal) =>
  api.get<ElderHistory>(`${one(id)}/history`, undefined, signal ? { signal } : undefined);
export const fetchStatsByRegion = (regionCode: string | null, signal?: AbortSignal) =>
  api.get<ElderStatsByRegion>(
    '/elders/stats/by-region',
    { regionCode: regionCode ?? undefined },
    signal ? { signal } : undefined,
  );

/** The list's total under the same filters (no name search: `q` is dropped). */
export const fetchElderCount = (query: Query, signal?: AbortSignal) => {
  const { q: _q, ...filters } = query;
  return api.get<{ count: number; capped: boolean }>(
    `${ELDERS_PATH}/count`,
    filters,
    signal ? { signal } : undefined,
  );
};

export const createElder = (body: ElderCreateBody) => api.post<ElderDetail>(ELDERS_PATH, body);
export const updateElder = (id: string, body: ElderUpdateBody) => api.patch<ElderDetail>(one(id), body);
export const changeStatus = (id: string, body: ElderStatusBody) =>
  api.post<ElderDetail>(`${one(id)}/status`, body);
/** Replaces the manually recorded categories (assessment ones are the server's). */
export const putTags = (id: string, tags: ElderTagBody[], reason?: string) =>
  api.put<unknown>(`${one(id)}/tags`, { tags, ...(reason ? { reason } : {}) });
export const addFamily = (id: string, body: FamilyMemberBody) =>
  api.post<FamilyMember>(`${one(id)}/family`, body);
export const updateFamily = (id: string, memberId: string, body: Partial<FamilyMemberBody>) =>
  api.patch<FamilyMember>(`${one(id)}/family/${encodeURIComponent(memberId)}`, body);
export const deleteFamily = (id: string, memberId: string) =>
  api.delete<void>(`${one(id)}/family/${encodeURIComponent(memberId)}`);
export const revealElder = (id: string, body: ElderRevealBody) =>
  api.post<RevealView>(`${one(id)}/reveal`, body);
export const validateId = (body: ValidateIdBody, signal?: AbortSignal) =>
  api.post<ValidateIdResult>('/elders/validate-id', body, signal ? { signal } : undefined);

/** 摸底表 upload: starts a background job (dry run or for real). */
export const startImport = (
  file: File,
  opts: { dryRun: boolean; onDuplicate: ImportOnDuplicate; regionCode: string | null },
) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<ImportJob>('/elders/import', form, {
    query: { dryRun: opts.dryRun, onDuplicate: opts.onDuplicate, regionCode: opts.regionCode ?? undefined },
  });
};
export const fetchImportJob = (jobId: string) =>
  api.get<ImportJob>(`/elders/import/${encodeURIComponent(jobId)}`);
export const fetchImportIssues = (jobId: string) =>
  api.get<ImportIssues>(`/elders/import/${encodeURIComponent(jobId)}/errors`);
/** Downloads are plain links: GET with the session cookie, the browser saves the file. */
export const importTemplateUrl = (regionCode: string | null) =>
  buildUrl('/elders/import/template', { regionCode: regionCode ?? undefined });
export const importErrorsUrl = (jobId: string) =>
  buildUrl(`/elders/import/${encodeURIComponent(jobId)}/errors.xlsx`);
/** The list's filters without paging. */
export const exportUrl = (query: Query) => buildUrl('/elders/export.xlsx', query);

export type { ImportIssue, ImportJob };
