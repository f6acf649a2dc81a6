import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, outboxEvents } from '../../platform/platform.table.ts';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { elderTags } from '../elder/elder.table.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { userRepo } from '../user/user.repo.ts';
import { GBT_42195_2022 } from './standards/index.ts';
import { assessments } from './assessment.table.ts';
import { newElder as buildElder, validIdNumber } from '../../../test/builders.ts';

/** Every GB/T 42195 item answered with its best option (total 90) except a few worse ones. */
const answersFull = (): Record<string, string> =>
  Object.fromEntries(GBT_42195_2022.items.map((i) => [i.code, i.options[0]!.value]));
const answersWeak = (): Record<string, string> =>
  Object.fromEntries(
    GBT_42195_2022.items.map((i) => [
      i.code,
      i.options.at(-1)!.value === 'coma' ? '1' : i.options.at(-2)!.value,
    ]),
  );

for (const target of await dbTargets()) {
  describe(`assessment workflow (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let lead: Client;
    let assessor: Client;
    let assessor2: Client;
    let ids: Record<string, string>;
    let agencyId: string;
    let elderId: string;

    before(async () => {
      env = await startTestEnv(target);
      community = await env.login('community');
      lead = await env.login('lead');
      assessor = await env.login('assessor');
      assessor2 = await env.login('assessor2');
      const me = async (c: Client) =>
        (await c.get('/api/v1/me')).json() as { id: string; organisationId: string };
      ids = {
        assessor: (await me(assessor)).id,
        assessor2: (await me(assessor2)).id,
        assessor3: (await me(await env.login('assessor3'))).id,
      };
      agencyId = (await me(assessor)).organisationId;
      elderId = await newElder('评估测试老人', '65010219450315123', { ethnicity: '汉族' });
    });
    after(() => env?.close());

    /** An elder of the community worker's community, registered through the API. */
    const newElder = async (name: string, first17: string, extra = {}) => {
      const regionCode = (await community.get('/api/v1/me')).json().regionCode as string;
      return (await buildElder(community, regionCode, { name, idNumber: validIdNumber(first17), ...extra }))
        .id;
    };

    const apply = async (elder = elderId) => {
      const res = await community.post('/api/v1/assessments', {
        elderId: elder,
        reason: 'initial',
        source: 'family',
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; status: string };
    };
    const assign = (id: string, assessorIds: string[], scheduledAt?: string) =>
      lead.post(`/api/v1/assessments/${id}/assign`, {
        agencyId,
        assessorIds,
        ...(scheduledAt ? { scheduledAt } : {}),
      });
    const save = (c: Client, id: string, baseRevision: number, answers: Record<string, string>, extra = {}) =>
      c.request('PUT', `/api/v1/assessments/${id}/form`, {
        baseRevision,
        clientSavedAt: new Date(Date.now() - 60_000).toISOString(),
        answers,
        ...extra,
      });

    test('standards endpoints list the standards and serve one as data', async () => {
      const res = await assessor.get('/api/v1/assessment-standards');
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().defaultCode, 'GB/T 42195-2022');
      const one = await assessor.get(`/api/v1/assessment-standards/${encodeURIComponent('GB/T 42195-2022')}`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().items.length, 26);
    });

    let first: string;
    test('apply; a second open application is 409 with the open id', async () => {
      const a = await apply();
      first = a.id;
      assert.equal(a.status, 'applied');
      const again = await community.post('/api/v1/assessments', {
        elderId,
        reason: 'other',
        source: 'elder',
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'assessment.open_exists');
      assert.equal(again.json().meta.openId, first);
    });

    test('assignment needs two distinct assessors with valid certificates', async () => {
      const one = await assign(first, [ids.assessor!]);
      assert.equal(one.statusCode, 422);
      assert.equal(one.json().code, 'assessment.two_assessors_required');
      const same = await assign(first, [ids.assessor!, ids.assessor!]);
      assert.equal(same.json().code, 'assessment.two_assessors_required');
      const expired = await assign(first, [ids.assessor!, ids.assessor3!]);
      assert.equal(expired.statusCode, 422);
      assert.equal(expired.json().code, 'assessment.certificate_expired');
      assert.equal(expired.json().errors[0].pointer, '/body/assessorIds/1');
      const eligible = (
        await lead.get(`/api/v1/assessments/${first}/eligible-assessors?agencyId=${agencyId}`)
      ).json();
      assert.equal(
        eligible.items.find((x: { userId: string }) => x.userId === ids.assessor3).certificateValid,
        false,
      );
      const ok = await assign(first, [ids.assessor!, ids.assessor2!]);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'assigned');
    });

    test('assessors see only their assignments; a stranger cannot fill', async () => {
      const mine = (await assessor.get('/api/v1/assessments?mine=true')).json();
      assert.ok(mine.items.some((x: { id: string }) => x.id === first));
      const a3 = await env.login('assessor3');
      assert.equal((await a3.get(`/api/v1/assessments/${first}`)).statusCode, 404);
      assert.equal((await save(a3, first, 0, {})).statusCode, 404);
    });

    test('cancel is for whoever may apply or assign; an assessor may not', async () => {
      const res = await assessor.post(`/api/v1/assessments/${first}/cancel`, { reason: '评估员不可取消' });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'auth.forbidden');
      // The agency lead (assign, not apply) cancels; the community worker (apply, not assign) too.
      const other = await newElder('取消测试老人', '65010219460412123');
      const a = await apply(other);
      const byLead = await lead.post(`/api/v1/assessments/${a.id}/cancel`, { reason: '重复申请' });
      assert.equal(byLead.statusCode, 200, byLead.body);
      assert.equal(byLead.json().status, 'cancelled');
      const b = await apply(other);
      const byWorker = await community.post(`/api/v1/assessments/${b.id}/cancel`, { reason: '家属撤回' });
      assert.equal(byWorker.json().status, 'cancelled');
    });

    test('form drafts: unknown option and stale revision rejected with pointers', async () => {
      const bad = await save(assessor, first, 0, { 'B.1.1': '9', 'X.9': '1' });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().code, 'assessment.unknown_option');
      const pointers = bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort();
      assert.deepEqual(pointers, ['/body/answers/B.1.1', '/body/answers/X.9']);
      const partial = await save(assessor, first, 0, { 'B.1.1': '4' });
      assert.equal(partial.statusCode, 200, partial.body);
      assert.equal(partial.json().revision, 1);
      const stale = await save(assessor2, first, 0, { 'B.1.1': '3' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'assessment.stale_revision');
    });

    test('submit: incomplete form, then client total mismatch; nothing final stored', async () => {
      const inc = await assessor.post(`/api/v1/assessments/${first}/submit`, {});
      assert.equal(inc.statusCode, 422);
      assert.equal(inc.json().code, 'assessment.incomplete');
      assert.equal(inc.json().errors.length, 25);
      assert.ok(inc.json().errors.some((e: { pointer: string }) => e.pointer === '/body/answers/B.1.2'));
      // The assessors record an education the registry does not know yet (Appendix A, A.2.9).
      const withInfo = await save(assessor, first, 1, answersWeak(), {
        basicInfo: { 'A.2.9': 'senior_high' },
      });
      assert.equal(withInfo.statusCode, 200, withInfo.body);
      const mismatch = await assessor.post(`/api/v1/assessments/${first}/submit`, {
        clientTotals: { total: 90 },
      });
      assert.equal(mismatch.statusCode, 422);
      assert.equal(mismatch.json().code, 'assessment.totals_disagree');
      assert.equal(mismatch.json().errors[0].pointer, '/body/clientTotals/total');
      const [row] = await env.platform.db.select().from(assessments).where(eq(assessments.id, first));
      assert.equal(row!.result, null);
      assert.equal(row!.status, 'in_progress');
    });

    test('submit scores on the server; sign twice (co-signer) publishes, tags the elder and emits', async () => {
      const sub = await assessor.post(`/api/v1/assessments/${first}/submit`, {});
      assert.equal(sub.statusCode, 200, sub.body);
      const level = sub.json().result.finalLevel.code as number;
      assert.ok(level >= 1);
      const wrong = await assessor.post(`/api/v1/assessments/${first}/sign`, {
        coSigner: { username: 'assessor2', password: 'wrong-password-1' },
      });
      // A field error, not 401: the assessor's own session on the tablet must survive the partner's typo.
      assert.equal(wrong.statusCode, 422, wrong.body);
      assert.equal(wrong.json().errors[0].pointer, '/body/coSigner/password');
      const future = await assessor.post(`/api/v1/assessments/${first}/sign`, {
        signedAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      assert.equal(future.json().errors[0].code, 'assessment.signed_at_invalid');
      const s1 = await assessor.post(`/api/v1/assessments/${first}/sign`, {});
      assert.equal(s1.json().status, 'signing');
      const again = await assessor.post(`/api/v1/assessments/${first}/sign`, {});
      assert.equal(again.statusCode, 409);
      const s2 = await assessor.post(`/api/v1/assessments/${first}/sign`, {
        coSigner: { username: 'assessor2', password: 'Yiyang@2026' },
      });
      assert.equal(s2.statusCode, 200, s2.body);
      assert.equal(s2.json().status, 'published');
      const tags = await env.platform.db
        .select()
        .from(elderTags)
        .where(and(eq(elderTags.elderId, elderId), eq(elderTags.source, 'assessment')));
      assert.ok(
        tags.some((t) => t.code === (level >= 3 ? 'disabled' : 'semi_disabled') && t.validTo === null),
      );
      // One announcement for this elder (the demo seed publishes others).
      const events = (
        await env.platform.db
          .select()
          .from(outboxEvents)
          .where(eq(outboxEvents.topic, 'assessment.published'))
      ).filter((e) => e.payload.elderId === elderId);
      assert.equal(events.length, 1);
    });

    test('published records are locked (service and database)', async () => {
      assert.equal((await save(assessor, first, 2, answersFull())).json().code, 'assessment.locked');
      await assert.rejects(
        env.platform.db.transaction((tx) =>
          tx.update(assessments).set({ total: 1 }).where(eq(assessments.id, first)),
        ),
      );
      const pdf = await community.get(`/api/v1/assessments/${first}/report.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-');
      // The registry shows the published level (能力等级) and the street (issue 13 §4).
      const listed = (await community.get(`/api/v1/elders?q=${encodeURIComponent('评估测试老人')}`)).json()
        .items as {
        id: string;
        ability: { level: number; zh: string; standardCode: string } | null;
        streetName: string | null;
      }[];
      const mine = listed.find((e) => e.id === elderId)!;
      assert.equal(mine.ability?.standardCode, 'GB/T 42195-2022');
      assert.ok(mine.ability?.zh, 'a level name');
      assert.ok(mine.streetName, 'the street of the community');
      const detail = (await community.get(`/api/v1/elders/${elderId}`)).json();
      assert.deepEqual(detail.ability, mine.ability);
      // A readable download name (issue 13 §4): 能力评估报告-<number>-<date>.pdf.
      assert.match(
        String(pdf.headers['content-disposition']),
        new RegExp(`filename\\*=UTF-8''${encodeURIComponent('能力评估报告-')}[^;]+\\.pdf`),
      );
      // The official report prints the ID number in full for whoever may read it (elder:read_sensitive),
      // masked for the others; each download is audited with which it was.
      const admin = await env.login('admin');
      assert.equal((await admin.get(`/api/v1/assessments/${first}/report.pdf`)).statusCode, 200);
      const prints = await env.platform.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'assessment.report'), eq(auditEvents.entityId, first)));
      const byActor = (name: string) =>
        prints.filter((r) => r.actorName === name).map((r) => r.detail.idNumber);
      assert.deepEqual(byActor('community'), ['masked']);
      assert.deepEqual(byActor('admin'), ['full']);
      assert.ok(prints.some((r) => r.actorName === 'admin' && r.summary.includes('含完整身份证号')));
    });

    test('console review: elder:write reads the prefill (audited) and applies a changed field as a new version', async () => {
      // The agency lead (assessment:assign, no elder:write nor perform) may not read the registry values.
      assert.equal((await lead.get(`/api/v1/assessments/${first}/basic-info/prefill`)).statusCode, 403);
      const pre = await community.get(`/api/v1/assessments/${first}/basic-info/prefill`);
      assert.equal(pre.statusCode, 200, pre.body);
      assert.equal(pre.json().basicInfo['A.2.9'], undefined, 'registry has no education yet');
      assert.equal(pre.json().basicInfo['A.2.1'], '评估测试老人');
      const reads = await env.platform.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'assessment.prefill'), eq(auditEvents.entityId, elderId)));
      assert.ok(reads.some((r) => r.actorName === 'community' && r.detail.assessmentId === first));
      const applied = await community.post(`/api/v1/assessments/${first}/basic-info/apply`, {
        elderVersion: pre.json().elderVersion,
        fields: ['A.2.9'],
      });
      assert.equal(applied.statusCode, 200, applied.body);
      assert.equal(applied.json().elderVersion, pre.json().elderVersion + 1);
      const history = (await community.get(`/api/v1/elders/${elderId}/history`)).json();
      const last = history.items.find((v: { version: number }) => v.version === applied.json().elderVersion);
      assert.equal(last.after.education, 'senior_secondary');
      const stale = await community.post(`/api/v1/assessments/${first}/basic-info/apply`, {
        elderVersion: pre.json().elderVersion,
        fields: ['A.2.9'],
      });
      assert.equal(stale.statusCode, 409);
      // The registry now agrees with the form: the prefill shows the applied value.
      const again = (await community.get(`/api/v1/assessments/${first}/basic-info/prefill`)).json();
      assert.equal(again.basicInfo['A.2.9'], 'senior_high');
    });

    test('dispute → re-review (7 days, original assessors excluded) supersedes; tags replaced with dates', async () => {
      const d = await community.post(`/api/v1/assessments/${first}/dispute`, { reason: '家属认为等级偏低' });
      assert.equal(d.statusCode, 200, d.body);
      const re = d.json().reReview;
      assert.equal(d.json().disputed.status, 'disputed');
      assert.equal(re.reason, 'dispute');
      assert.equal(re.supersedesId, first);
      const due = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      assert.equal(re.dueBy, due);
      const reuse = await assign(re.id, [ids.assessor!, ids.assessor2!]);
      assert.equal(reuse.json().errors[0].code, 'assessment.assessor_excluded');
      // Two fresh assessors for the re-review.
      const extra: Client[] = [];
      const extraIds: string[] = [];
      for (const name of ['assessor4', 'assessor5']) {
        const u = await userRepo(env.platform.db).insert(
          {
            username: name,
            displayName: name,
            passwordHash: await hashPassword('Assessor1234'),
            organisationId: agencyId,
          },
          ['assessor'],
        );
        extraIds.push(u.id);
        const c = await lead.post(`/api/v1/staff/${u.id}/certificates`, {
          kind: 'assessor',
          number: `N-${name}`,
          issuedOn: '2024-01-01',
          expiresOn: '2099-12-31',
        });
        assert.equal(c.statusCode, 201, c.body);
        extra.push(await env.login(name, 'Assessor1234'));
      }
      assert.equal((await assign(re.id, extraIds)).statusCode, 200);
      assert.equal((await save(extra[0]!, re.id, 0, answersFull())).statusCode, 200);
      assert.equal((await extra[0]!.post(`/api/v1/assessments/${re.id}/submit`, {})).statusCode, 200);
      assert.equal((await extra[0]!.post(`/api/v1/assessments/${re.id}/sign`, {})).statusCode, 200);
      const pub = await extra[1]!.post(`/api/v1/assessments/${re.id}/sign`, {});
      assert.equal(pub.json().status, 'published');
      const orig = (await community.get(`/api/v1/assessments/${first}`)).json();
      assert.equal(orig.status, 'superseded');
      assert.equal(orig.supersededById, re.id);
      const history = (await community.get(`/api/v1/elders/${elderId}/assessments`)).json();
      assert.equal(history.items.length, 2);
      const tags = await env.platform.db
        .select()
        .from(elderTags)
        .where(and(eq(elderTags.elderId, elderId), eq(elderTags.source, 'assessment')));
      // Level 0 now: the earlier tags are closed (or dropped when they began today), none current.
      assert.ok(tags.every((t) => t.validTo !== null || t.validFrom > '2000-01-01') || tags.length === 0);
      assert.ok(!tags.some((t) => t.validTo === null));
    });

    test('the list filters by reason on the server', async () => {
      const re = (await community.get('/api/v1/assessments?reason=dispute')).json();
      assert.equal(re.items.length, 1);
      assert.equal(re.items[0].reason, 'dispute');
      const initial = (await community.get('/api/v1/assessments?reason=initial&status=cancelled')).json();
      assert.equal(initial.items.length, 2);
      assert.ok(initial.items.every((a: { reason: string }) => a.reason === 'initial'));
      assert.equal((await community.get('/api/v1/assessments?reason=routine')).json().items.length, 0);
      assert.equal((await community.get('/api/v1/assessments?reason=nonsense')).statusCode, 400);
    });

    test('the queue opens on work to do and searches by the elder name (issue 13 §4)', async () => {
      type Item = { status: string; elderId: string };
      const all = (await community.get('/api/v1/assessments?stage=all&limit=100')).json().items as Item[];
      const open = (await community.get('/api/v1/assessments?stage=open&limit=100')).json().items as Item[];
      const OPEN = ['applied', 'assigned', 'in_progress', 'submitted', 'signing'];
      assert.ok(
        all.some((a) => !OPEN.includes(a.status)),
        'closed records exist',
      );
      assert.deepEqual(
        open.map((a) => a.status),
        all.filter((a) => OPEN.includes(a.status)).map((a) => a.status),
      );
      const named = (
        await community.get(`/api/v1/assessments?stage=all&q=${encodeURIComponent('评估测试')}`)
      ).json().items as Item[];
      assert.ok(named.length > 0 && named.every((a) => a.elderId === elderId));
      // LIKE wildcards are the text itself, not patterns.
      assert.equal((await community.get('/api/v1/assessments?q=%25')).json().items.length, 0);
      assert.equal((await community.get('/api/v1/assessments?stage=later')).statusCode, 400);
    });

    test('due scan is idempotent; due list and stats', async () => {
      // Make the published re-review 13 months old.
      await env.platform.db.execute(sql`ALTER TABLE assessments DISABLE TRIGGER assessments_locked`);
      await env.platform.db.execute(
        sql`UPDATE assessments SET published_at = now() - interval '13 months' WHERE elder_id = ${elderId} AND status = 'published'`,
      );
      await env.platform.db.execute(sql`ALTER TABLE assessments ENABLE TRIGGER assessments_locked`);
      const r1 = await env.services.assessments.dueScan();
      const r2 = await env.services.assessments.dueScan();
      assert.ok(r1.created >= 1);
      assert.equal(r2.created, 0);
      const due = (await community.get('/api/v1/assessments/due')).json();
      const mine = due.items.find((x: { elderId: string }) => x.elderId === elderId);
      assert.equal(mine.kind, 'routine');
      assert.equal(mine.overdue, true);
      const stats = await community.get('/api/v1/stats/assessments');
      assert.equal(stats.statusCode, 200, stats.body);
      assert.ok(stats.json().elders > 0);
    });
  });
}
