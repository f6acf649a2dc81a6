import { api, buildUrl, type Query } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type {
  ElderCreateInput,
  ElderDetail,
  ElderListItem,
  ElderPatchInput,
  ElderStatsByRegion,
  FamilyMember,
  FamilyMemberInput,
  HistoryEntry,
  RevealInput,
  RevealedValues,
  StatusChangeInput,
  ValidateIdInput,
  ValidateIdResult,
} from './elderTypes.ts';

const one = (id: string) => `/elders/${encodeURIComponent(id)}`;

export const ELDERS_PATH = '/elders';
/** React-query key prefix of every elder query (lists, details, history, stats). */
export const ELDERS_KEY = 'elders';

export const fetchElder = (id: string, signal?: AbortSignal) =>
  api.get<ElderDetail>(one(id), undefined, signal ? { signal } : undefined);
export const fetchHistory = (id: string, signal?: AbortSignal) =>
  api.get<Page<HistoryEntry> | { items: HistoryEntry[] }>(
    `${one(id)}/history`,
    undefined,
    signal ? { signal } : undefined,
  );
export const fetchStatsByRegion = (regionCode: string | null, signal?: AbortSignal) =>
  api.get<ElderStatsByRegion>(
    '/elders/stats/by-region',
    { regionCode: regionCode ?? undefined },
    signal ? { signal } : undefined,
  );

export const createElder = (body: ElderCreateInput) => api.post<ElderDetail>(ELDERS_PATH, body);
export const updateElder = (id: string, body: ElderPatchInput) => api.patch<ElderDetail>(one(id), body);
export const changeStatus = (id: string, body: StatusChangeInput) =>
  api.post<ElderDetail>(`${one(id)}/status`, body);
/** Replaces the manually recorded categories (assessment ones are the server's). */
export const putTags = (
  id: string,
  tags: { code: string; validFrom: string; validTo: string | null; note?: string | null }[],
  reason?: string,
) => api.put<unknown>(`${one(id)}/tags`, { tags, ...(reason ? { reason } : {}) });
export const addFamily = (id: string, body: FamilyMemberInput) =>
  api.post<FamilyMember>(`${one(id)}/family`, body);
export const updateFamily = (id: string, memberId: string, body: Partial<FamilyMemberInput>) =>
  api.patch<FamilyMember>(`${one(id)}/family/${encodeURIComponent(memberId)}`, body);
export const deleteFamily = (id: string, memberId: string) =>
  api.delete<void>(`${one(id)}/family/${encodeURIComponent(memberId)}`);
export const revealElder = (id: string, body: RevealInput) =>
  api.post<RevealedValues>(`${one(id)}/reveal`, body);
export const validateId = (body: ValidateIdInput, signal?: AbortSignal) =>
  api.post<ValidateIdResult>('/elders/validate-id', body, signal ? { signal } : undefined);

export interface ImportJob {
  jobId: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  dryRun: boolean;
  onDuplicate: 'skip' | 'update';
  fileName: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  progress: number;
  reportRows: number;
  errorCode: string | null;
  /** The error in the language of the request (Accept-Language). */
  errorMessage: string | null;
}
export interface ImportIssue {
  row: number;
  column: string | null;
  columnLabel: string | null;
  kind: 'error' | 'skipped';
  code: string;
  message: string;
}

/** 摸底表 upload: starts a background job (dry run or for real). */
export const startImport = (
  file: File,
  opts: { dryRun: boolean; onDuplicate: 'skip' | 'update'; regionCode: string | null },
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
  api.get<{ items: ImportIssue[] }>(`/elders/import/${encodeURIComponent(jobId)}/errors`);
/** Downloads are plain links: GET with the session cookie, the browser saves the file. */
export const importTemplateUrl = (regionCode: string | null) =>
  buildUrl('/elders/import/template', { regionCode: regionCode ?? undefined });
export const importErrorsUrl = (jobId: string) =>
  buildUrl(`/elders/import/${encodeURIComponent(jobId)}/errors.xlsx`);
/** The list's filters without paging. */
export const exportUrl = (query: Query) => buildUrl('/elders/export.xlsx', query);

export type { ElderListItem };
