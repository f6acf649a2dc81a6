import { api } from '../../api/client.ts';
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

export type { ElderListItem };
