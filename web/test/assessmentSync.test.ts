import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../src/api/client.ts';
import type {
  AssessmentDetail,
  AssessmentFormBody,
  AssessmentSignBody,
} from '../src/modules/assessment/assessmentTypes.ts';
import { setAnswer, setBasic } from '../src/modules/assessment/formModel.ts';
import {
  conflictDiff,
  editLocal,
  memoryStore,
  newLocal,
  queueSignature,
  refreshLocal,
  resolveConflict,
  saveDraft,
  syncAll,
  syncOne,
  syncState,
  type SyncApi,
} from '../src/modules/assessment/offlineSync.ts';
import type { AssessmentStandardData } from '../src/modules/assessment/standardTypes.ts';
import { GBT_42195_2022 } from '../../server/src/modules/assessment/standards/gbt42195.ts';

const STD = JSON.parse(JSON.stringify(GBT_42195_2022)) as AssessmentStandardData;

const PREFILL = { 'A.2.1': '张三' };

function detail(over: Partial<AssessmentDetail> = {}): AssessmentDetail {
  return {
    id: 'a1',
    elderId: 'e1',
    elderNameMasked: '张*',
    elderAddressMasked: null,
    elderPhoneMasked: null,
    regionCode: '500110001001',
    regionName: null,
    organisationId: null,
    agencyName: null,
    standardCode: 'GB/T 42195-2022',
    reason: 'initial',
    source: 'cadre',
    status: 'assigned',
    scheduledAt: null,
    dueBy: null,
    total: null,
    level: null,
    levelName: null,
    createdAt: '2026-11-01T00:00:00Z',
    publishedAt: null,
    elder: {
      id: 'e1',
      nameMasked: '张*',
      sex: 'male',
      age: 80,
      idNumberMasked: '5001**********1234',
      regionCode: '500110001001',
      regionName: null,
      status: 'active',
    },
    note: null,
    appliedBy: null,
    revision: 0,
    answers: {},
    basicInfo: {},
    context: {},
    clientSavedAt: null,
    submittedAt: null,
    result: null,
    warnings: [],
    assessors: [],
    supersedesId: null,
    supersededById: null,
    disputedAt: null,
    disputeReason: null,
    cancelledAt: null,
    cancelReason: null,
    timeline: [],
    assignedToMe: true,
    ...over,
  };
}

type Form = Pick<AssessmentDetail, 'revision' | 'answers' | 'basicInfo' | 'clientSavedAt'>;

/** A fake server: one form revision, records every request, can go offline. */
function fakeServer() {
  const s = {
    online: true,
    revision: 0,
    form: null as Form | null,
    status: 'assigned' as AssessmentDetail['status'],
    puts: [] as AssessmentFormBody[],
    signs: [] as AssessmentSignBody[],
    /** Signatures needed before publishing. */
    signaturesLeft: 2,
  };
  const offline = () => new ApiError(0, 'network', 'Network error');
  const api: SyncApi = {
    putForm: async (_id, body) => {
      if (!s.online) throw offline();
      if (body.baseRevision !== s.revision)
        throw new ApiError(409, 'assessment.stale_revision', '已在另一台设备上保存');
      s.puts.push(body);
      s.revision += 1;
      s.form = {
        revision: s.revision,
        answers: body.answers as Record<string, string>,
        basicInfo: body.basicInfo ?? {},
        clientSavedAt: body.clientSavedAt,
      };
      s.status = 'in_progress';
      return { revision: s.revision };
    },
    fetchDetail: async () => {
      if (!s.online) throw offline();
      return detail({ status: s.status, ...s.form });
    },
    sign: async (_id, body) => {
      if (!s.online) throw offline();
      s.signs.push(body);
      s.signaturesLeft -= 1;
      s.status = s.signaturesLeft === 0 ? 'published' : 'signing';
      return detail({ status: s.status, ...s.form });
    },
  };
  return { s, api };
}

let clock = 0;
const now = () => new Date(Date.UTC(2026, 10, 23, 8, 0, clock++)).toISOString();

test('a new copy starts from the registry prefill; a saved form wins over it', () => {
  const fresh = newLocal(detail(), STD, 'u1', now(), PREFILL);
  assert.deepEqual(fresh.draft.basicInfo, { 'A.2.1': '张三' });
  assert.equal(fresh.baseRevision, 0);
  const saved = newLocal(
    detail({ revision: 3, answers: { 'B.1.1': '4' }, clientSavedAt: 'T' }),
    STD,
    'u1',
    now(),
    PREFILL,
  );
  assert.deepEqual(saved.draft.answers, { 'B.1.1': '4' });
  assert.deepEqual(saved.draft.basicInfo, {}, 'a saved form is not mixed with the registry');
  assert.equal(saved.baseRevision, 3);
});

test('changes made offline are kept with their device time and sent once online', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  let rec = newLocal(detail(), STD, 'u1', now(), PREFILL);
  await store.put(rec);

  s.online = false;
  rec = editLocal(rec, setAnswer(rec.draft, 'B.1.1', '3'), now());
  await store.put(rec);
  const savedAt = rec.localSavedAt;
  assert.equal(syncState(rec, false), 'offline');
  assert.equal(await syncOne(store, api, 'a1', now), 'offline');
  assert.equal((await store.get('a1'))!.dirty, true, 'still waiting');

  s.online = true;
  assert.equal(syncState(await store.get('a1'), true), 'pending');
  assert.equal(await syncOne(store, api, 'a1', now), 'synced');
  assert.equal(s.puts.length, 1);
  assert.equal(s.puts[0]!.clientSavedAt, savedAt, 'the original device time, not the sync time');
  assert.equal(s.puts[0]!.baseRevision, 0);
  assert.deepEqual(s.puts[0]!.answers, { 'B.1.1': '3' });
  const after = (await store.get('a1'))!;
  assert.equal(after.dirty, false);
  assert.equal(after.baseRevision, 1);
  assert.equal(syncState(after, true), 'synced');
  assert.equal(await syncOne(store, api, 'a1', now), 'unchanged', 'nothing to send twice');
});

test('the context for the change rules travels with the draft', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  let rec = newLocal(detail(), STD, 'u1', now(), PREFILL);
  rec = editLocal(rec, setBasic(rec.draft, 'A.5.11', 'yes'), now());
  await store.put(rec);
  await syncOne(store, api, 'a1', now);
  assert.deepEqual(s.puts[0]!.context, { comaOrVegetative: true });
});

test('a change made while a save is in flight is not marked as sent', async () => {
  const store = memoryStore();
  const { api } = fakeServer();
  let rec = newLocal(detail(), STD, 'u1', now(), PREFILL);
  rec = editLocal(rec, setAnswer(rec.draft, 'B.1.1', '4'), now());
  await store.put(rec);
  const slow: SyncApi = {
    ...api,
    putForm: async (id, body) => {
      // The assessor taps another answer before the server answers.
      const cur = (await store.get(id))!;
      await store.put(editLocal(cur, setAnswer(cur.draft, 'B.1.2', '4'), now()));
      return api.putForm(id, body);
    },
  };
  assert.equal(await syncOne(store, slow, 'a1', now), 'synced');
  const after = (await store.get('a1'))!;
  assert.equal(after.dirty, true, 'B.1.2 still has to be sent');
  assert.equal(after.baseRevision, 1);
  assert.deepEqual(after.draft.answers, { 'B.1.1': '4', 'B.1.2': '4' });
});

test('409 stale revision keeps both copies until the assessor chooses', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  let rec = newLocal(detail(), STD, 'u1', now(), PREFILL);
  // The partner saved first on another tablet.
  await api.putForm('a1', {
    baseRevision: 0,
    clientSavedAt: 'T0',
    answers: { 'B.1.1': '1' },
    basicInfo: { 'A.2.1': '张三' },
    context: {},
  });
  rec = editLocal(rec, setAnswer(rec.draft, 'B.1.1', '4'), now());
  await store.put(rec);

  assert.equal(await syncOne(store, api, 'a1', now), 'conflict');
  const c = (await store.get('a1'))!;
  assert.equal(syncState(c, true), 'conflict');
  assert.deepEqual(conflictDiff(c), [{ code: 'B.1.1', kind: 'item', mine: '4', theirs: '1' }]);
  assert.equal(await syncOne(store, api, 'a1', now), 'conflict', 'nothing is sent while undecided');

  // Keep mine: sent on top of the server's revision.
  await store.put(resolveConflict(c, 'mine'));
  assert.equal(await syncOne(store, api, 'a1', now), 'synced');
  assert.equal(s.form!.answers['B.1.1'], '4');
  assert.equal(s.puts.at(-1)!.baseRevision, 1);
});

test("taking the server's copy replaces the draft and sends nothing", async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  await api.putForm('a1', {
    baseRevision: 0,
    clientSavedAt: 'T0',
    answers: { 'B.1.1': '1' },
    basicInfo: {},
    context: {},
  });
  let rec = newLocal(detail(), STD, 'u1', now(), PREFILL);
  rec = editLocal(rec, setAnswer(rec.draft, 'B.1.1', '4'), now());
  await store.put(rec);
  await syncOne(store, api, 'a1', now);
  const theirs = resolveConflict((await store.get('a1'))!, 'theirs');
  assert.deepEqual(theirs.draft.answers, { 'B.1.1': '1' });
  assert.equal(theirs.dirty, false);
  assert.equal(theirs.baseRevision, 1);
  await store.put(theirs);
  const puts = s.puts.length;
  assert.equal(await syncOne(store, api, 'a1', now), 'unchanged');
  assert.equal(s.puts.length, puts);
});

test('a signature made offline is sent with its time; the last one deletes the local copy', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  s.status = 'submitted';
  s.signaturesLeft = 1;
  s.online = false;
  const signedAt = now();
  await store.put(queueSignature(newLocal(detail({ status: 'submitted' }), STD, 'u1', now()), signedAt));
  assert.equal(syncState(await store.get('a1'), true), 'pending');
  assert.equal(await syncOne(store, api, 'a1', now), 'offline');
  s.online = true;
  assert.equal(await syncOne(store, api, 'a1', now), 'published');
  assert.deepEqual(s.signs, [{ signedAt }]);
  assert.equal(await store.get('a1'), undefined, 'nothing stays on the device after publishing');
});

test('a first signature keeps the copy for the co-signature', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  s.status = 'submitted';
  await store.put(queueSignature(newLocal(detail({ status: 'submitted' }), STD, 'u1', now()), now()));
  assert.equal(await syncOne(store, api, 'a1', now), 'synced');
  const rec = (await store.get('a1'))!;
  assert.equal(rec.pendingSign, null);
  assert.equal(rec.detail.status, 'signing');
});

test('a refused draft (422) is kept with the error and not retried as if sent', async () => {
  const store = memoryStore();
  const api: SyncApi = {
    putForm: async () => {
      throw new ApiError(422, 'assessment.unknown_option', '选项不在标准中', [
        { pointer: '/answers/B.1.1', code: 'assessment.unknown_option', message: '选项不在标准中' },
      ]);
    },
    fetchDetail: async () => detail(),
    sign: async () => detail(),
  };
  const rec = newLocal(detail(), STD, 'u1', now());
  await store.put(editLocal(rec, setAnswer(rec.draft, 'B.1.1', '9'), now()));
  assert.equal(await syncOne(store, api, 'a1', now), 'rejected');
  const after = (await store.get('a1'))!;
  assert.equal(after.dirty, true);
  assert.deepEqual(after.error?.pointers, ['/answers/B.1.1']);
  assert.equal(syncState(after, true), 'error');
});

test('refreshing a download keeps unsent work; syncAll only touches the signed-in user', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  let rec = newLocal(detail(), STD, 'u1', now(), PREFILL);
  rec = editLocal(rec, setAnswer(rec.draft, 'B.1.1', '2'), now());
  const refreshed = refreshLocal(rec, detail({ status: 'in_progress' }), STD, now());
  assert.deepEqual(refreshed.draft.answers, { 'B.1.1': '2' });
  assert.equal(refreshed.detail.status, 'in_progress');
  const clean = refreshLocal(
    newLocal(detail(), STD, 'u1', now()),
    detail({ revision: 2, answers: { 'B.1.1': '0' } }),
    STD,
    now(),
  );
  assert.deepEqual(clean.draft.answers, { 'B.1.1': '0' });

  await store.put(refreshed);
  const other = newLocal(detail({ id: 'a2' }), STD, 'u2', now());
  await store.put(editLocal(other, setAnswer(other.draft, 'B.1.1', '1'), now()));
  const out = await syncAll(store, api, 'u1', now);
  assert.deepEqual(out, { a1: 'synced' });
  assert.equal(s.puts.length, 1);
});

test('taps saved while a sync runs are all kept, in order (one write at a time per assessment)', async () => {
  const store = memoryStore();
  const { s, api } = fakeServer();
  await store.put(newLocal(detail(), STD, 'u1', now(), PREFILL));
  let draft = (await store.get('a1'))!.draft;
  const codes = ['B.1.1', 'B.1.2', 'B.1.3', 'B.1.4', 'B.1.5'];
  const work: Promise<unknown>[] = [];
  for (const c of codes) {
    draft = setAnswer(draft, c, '3');
    work.push(saveDraft(store, 'a1', draft, now()));
    work.push(syncOne(store, api, 'a1', now));
  }
  await Promise.all(work);
  await syncOne(store, api, 'a1', now);
  const after = (await store.get('a1'))!;
  assert.deepEqual(Object.keys(after.draft.answers), codes);
  assert.equal(after.dirty, false);
  assert.deepEqual(Object.keys(s.form!.answers), codes, 'the server ends with every answer');
});
