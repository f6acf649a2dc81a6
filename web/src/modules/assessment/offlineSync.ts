/**
 * Offline copies of the assessments an assessor downloaded, and how their
 * drafts reach the server (decision 006 "Offline tablet"). Every change is
 * stored at once with the device's time (`localSavedAt`); a sync sends it with
 * `PUT …/form {baseRevision, clientSavedAt}`. A 409 `assessment.stale_revision`
 * keeps both copies until the assessor chooses; the assessor's own signature
 * made offline waits here with its `signedAt`. Storage and HTTP are passed in,
 * so the rules are tested without a browser (web/test/assessmentSync.test.ts).
 */
import { isApiError } from '../../api/client.ts';
import { memoryStore as memoryKeyedStore, withLock, type KeyedStore } from '../../app/offline/store.ts';
import {
  formOf,
  type AssessmentDetail,
  type AssessmentFormBody,
  type AssessmentSignBody,
  type ServerForm,
} from './assessmentTypes.ts';
import { deriveContext, EMPTY_DRAFT, type FormDraft } from './formModel.ts';
import type { AssessmentStandardData } from './standardTypes.ts';

export interface LocalAssessment {
  id: string;
  /** The assessor who downloaded it; other users of the device never see it. */
  userId: string;
  downloadedAt: string;
  /** The server's view at download or at the last sync. */
  detail: AssessmentDetail;
  standard: AssessmentStandardData;
  draft: FormDraft;
  /** Device time of the last local change, sent as `clientSavedAt`. */
  localSavedAt: string | null;
  /** Server form revision the draft builds on. */
  baseRevision: number;
  /** Local changes not yet accepted by the server. */
  dirty: boolean;
  lastSyncedAt: string | null;
  /** The server's newer copy after a 409; both are kept until the assessor chooses. */
  conflict: ServerForm | null;
  /** The assessor's own signature made offline, sent when the network returns. */
  pendingSign: { signedAt: string } | null;
  /** The server refused the draft or the signature (422 …): shown, not retried blindly. */
  error: { code: string; detail: string; pointers: string[] } | null;
}

export type LocalStore = KeyedStore<LocalAssessment>;

export interface SyncApi {
  putForm(id: string, body: AssessmentFormBody): Promise<unknown>;
  fetchDetail(id: string): Promise<AssessmentDetail>;
  sign(id: string, body: AssessmentSignBody): Promise<unknown>;
}

export type SyncOutcome = 'synced' | 'unchanged' | 'offline' | 'conflict' | 'rejected' | 'published';
export type SyncState = 'offline' | 'pending' | 'synced' | 'conflict' | 'error';

const FINISHED = new Set(['published', 'superseded', 'cancelled', 'disputed']);

/** Applies `fn` to the stored copy under the per-assessment lock; returns the stored result. */
export function updateLocal(
  store: LocalStore,
  id: string,
  fn: (rec: LocalAssessment) => LocalAssessment | null,
): Promise<LocalAssessment | undefined> {
  return withLock(id, async () => {
    const rec = await store.get(id);
    if (!rec) return undefined;
    const next = fn(rec);
    if (next === null) {
      await store.delete(id);
      return undefined;
    }
    await store.put(next);
    return next;
  });
}

/** Stores the assessor's latest draft with the device time (every change, at once). */
export const saveDraft = (store: LocalStore, id: string, draft: FormDraft, now: string) =>
  updateLocal(store, id, (rec) => editLocal(rec, draft, now));

/** The draft a download starts from: the saved form, else the registry prefill of Appendix A. */
export function draftFromDetail(
  detail: AssessmentDetail,
  prefill?: Record<string, unknown> | null,
): FormDraft {
  const saved = formOf(detail);
  if (saved.revision > 0) return { answers: saved.answers, basicInfo: saved.basicInfo };
  return { ...EMPTY_DRAFT, basicInfo: { ...(prefill ?? {}), ...saved.basicInfo } };
}

export function newLocal(
  detail: AssessmentDetail,
  standard: AssessmentStandardData,
  userId: string,
  now: string,
  prefill?: Record<string, unknown> | null,
): LocalAssessment {
  return {
    id: detail.id,
    userId,
    downloadedAt: now,
    detail,
    standard,
    draft: draftFromDetail(detail, prefill),
    localSavedAt: detail.clientSavedAt ?? null,
    baseRevision: detail.revision,
    dirty: false,
    lastSyncedAt: now,
    conflict: null,
    pendingSign: null,
    error: null,
  };
}

/**
 * A fresh download of an assessment already on the device keeps unsent local
 * work (dirty draft, conflict, pending signature) and only refreshes the
 * server's view; a clean copy takes the server's form.
 */
export function refreshLocal(
  prev: LocalAssessment,
  detail: AssessmentDetail,
  standard: AssessmentStandardData,
  now: string,
  prefill?: Record<string, unknown> | null,
): LocalAssessment {
  if (prev.dirty || prev.conflict || prev.pendingSign) return { ...prev, detail, standard };
  return { ...newLocal(detail, standard, prev.userId, now, prefill), downloadedAt: prev.downloadedAt };
}

export function editLocal(rec: LocalAssessment, draft: FormDraft, now: string): LocalAssessment {
  return { ...rec, draft, localSavedAt: now, dirty: true, error: null };
}

export function formBody(rec: LocalAssessment): AssessmentFormBody {
  return {
    baseRevision: rec.baseRevision,
    clientSavedAt: rec.localSavedAt ?? rec.downloadedAt,
    answers: rec.draft.answers,
    basicInfo: rec.draft.basicInfo,
    context: { ...deriveContext(rec.standard, rec.draft.basicInfo) },
  };
}

/** The form revision in a `PUT …/form` answer (the bare form, `{revision}` or the detail). */
export function revisionOf(res: unknown): number | null {
  if (!res || typeof res !== 'object') return null;
  const r = res as { revision?: unknown; form?: { revision?: unknown } | null };
  if (typeof r.revision === 'number') return r.revision;
  if (r.form && typeof r.form.revision === 'number') return r.form.revision;
  return null;
}

const asDetail = (res: unknown): AssessmentDetail | null =>
  res && typeof res === 'object' && 'status' in res && 'id' in res ? (res as AssessmentDetail) : null;

function errorOf(e: unknown): LocalAssessment['error'] {
  if (!isApiError(e)) return { code: 'unexpected', detail: String(e), pointers: [] };
  return { code: e.code, detail: e.detail, pointers: e.errors.map((x) => x.pointer) };
}

const isNetwork = (e: unknown) => isApiError(e) && e.status === 0;

/**
 * Sends one assessment's unsent work: first the draft, then a queued own
 * signature. Re-reads the record after each request so a change made while a
 * request was in flight is neither lost nor marked as sent.
 */
export async function syncOne(
  store: LocalStore,
  api: SyncApi,
  id: string,
  now: () => string,
): Promise<SyncOutcome> {
  const rec = await store.get(id);
  if (!rec) return 'unchanged';
  if (rec.conflict) return 'conflict';
  let outcome: SyncOutcome = 'unchanged';

  if (rec.dirty) {
    const sent = formBody(rec);
    try {
      const res = await api.putForm(id, sent);
      const detail = asDetail(res);
      await updateLocal(store, id, (latest) => ({
        ...latest,
        ...(detail ? { detail } : {}),
        baseRevision: revisionOf(res) ?? latest.baseRevision + 1,
        // Changed again while the request was in flight: still to send.
        dirty: latest.localSavedAt !== rec.localSavedAt,
        lastSyncedAt: now(),
        error: null,
      }));
      outcome = 'synced';
    } catch (e) {
      if (isNetwork(e)) return 'offline';
      if (isApiError(e) && e.status === 409 && e.code === 'assessment.stale_revision') {
        const detail = await api.fetchDetail(id).catch(() => null);
        await updateLocal(store, id, (latest) =>
          detail
            ? { ...latest, detail, conflict: formOf(detail), error: null }
            : { ...latest, error: errorOf(e) },
        );
        return detail ? 'conflict' : 'rejected';
      }
      await updateLocal(store, id, (latest) => ({ ...latest, error: errorOf(e) }));
      return 'rejected';
    }
  }

  const current = await store.get(id);
  if (current?.pendingSign && !current.dirty) {
    try {
      const res = await api.sign(id, { signedAt: current.pendingSign.signedAt });
      const detail = asDetail(res) ?? (await api.fetchDetail(id));
      const finished = FINISHED.has(detail.status);
      await updateLocal(store, id, (latest) =>
        finished ? null : { ...latest, detail, pendingSign: null, lastSyncedAt: now(), error: null },
      );
      return finished ? 'published' : 'synced';
    } catch (e) {
      if (isNetwork(e)) return 'offline';
      await updateLocal(store, id, (latest) => ({ ...latest, error: errorOf(e) }));
      return 'rejected';
    }
  }
  return outcome;
}

/** Syncs every copy of `userId` on the device; stops at the first network failure. */
export async function syncAll(
  store: LocalStore,
  api: SyncApi,
  userId: string,
  now: () => string,
): Promise<Record<string, SyncOutcome>> {
  const out: Record<string, SyncOutcome> = {};
  for (const rec of await store.list()) {
    if (rec.userId !== userId) continue;
    const r = await syncOne(store, api, rec.id, now);
    out[rec.id] = r;
    if (r === 'offline') break;
  }
  return out;
}

/** The assessor's choice after a 409: keep the device's copy (sent next) or take the server's. */
export function resolveConflict(rec: LocalAssessment, keep: 'mine' | 'theirs'): LocalAssessment {
  const server = rec.conflict;
  if (!server) return rec;
  if (keep === 'mine') return { ...rec, baseRevision: server.revision, conflict: null, dirty: true };
  return {
    ...rec,
    draft: { answers: { ...server.answers }, basicInfo: { ...server.basicInfo } },
    localSavedAt: server.clientSavedAt ?? rec.localSavedAt,
    baseRevision: server.revision,
    conflict: null,
    dirty: false,
  };
}

/** Queues the signed-in assessor's own signature with the device time it was made. */
export function queueSignature(rec: LocalAssessment, signedAt: string): LocalAssessment {
  return { ...rec, pendingSign: { signedAt }, error: null };
}

export function syncState(rec: LocalAssessment | undefined, online: boolean): SyncState {
  if (rec?.conflict) return 'conflict';
  if (rec?.error) return 'error';
  if (!online) return 'offline';
  if (rec && (rec.dirty || rec.pendingSign)) return 'pending';
  return 'synced';
}

/** Entries whose answer differs between the device and the server copy (for the conflict view). */
export function conflictDiff(
  rec: LocalAssessment,
): { code: string; kind: 'item' | 'field'; mine: unknown; theirs: unknown }[] {
  const server = rec.conflict;
  if (!server) return [];
  const out: { code: string; kind: 'item' | 'field'; mine: unknown; theirs: unknown }[] = [];
  const items = new Set([...Object.keys(rec.draft.answers), ...Object.keys(server.answers)]);
  for (const code of [...items].sort()) {
    if (rec.draft.answers[code] !== server.answers[code])
      out.push({ code, kind: 'item', mine: rec.draft.answers[code], theirs: server.answers[code] });
  }
  const fields = new Set([...Object.keys(rec.draft.basicInfo), ...Object.keys(server.basicInfo)]);
  for (const code of [...fields].sort()) {
    const a = rec.draft.basicInfo[code];
    const b = server.basicInfo[code];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ code, kind: 'field', mine: a, theirs: b });
  }
  return out;
}

/** In-memory store (tests, and browsers without IndexedDB). */
export const memoryStore = (): LocalStore => memoryKeyedStore<LocalAssessment>();
