import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import { userRepo } from '../user/user.repo.ts';
import { answersSummingTo, bestAnswers } from './assessment.builders.ts';
import { assessments } from './assessment.table.ts';
import { GBT_42195_2022 as GBT, MZT_039_2013 as MZT } from './standards/index.ts';
import { validIdNumber } from '../../../test/builders.ts';

/**
 * The server vouches for the result: the change-rule context comes from the stored Appendix A
 * (STANDARDS.md §1.4 C.4, §2.5), Appendix A answers are validated when saved, contradictions are
 * warnings the assessor confirms, and published results that Appendix A contradicts are listed.
 */

const NO_EVENTS = { fall: '0', wandering: '0', choking: '0', suicide_self_harm: '0', other: '0' };
const CJK = /[\u3400-\u9fff]/;

// MZ/T 039: ADL 60 (grade 2), 精神状态 1 (grade 1), 感知觉与沟通 and 社会参与 0 → 初步等级 2 中度失能.
const mztModerate = () => {
  const codes = (d: string) => MZT.items.filter((i) => i.dimension === d).map((i) => i.code);
  return {
    ...answersSummingTo(MZT, codes('B.1'), 60, 5),
    ...answersSummingTo(MZT, codes('B.2'), 1),
    ...answersSummingTo(MZT, codes('B.3'), 0),
    ...answersSummingTo(MZT, codes('B.4'), 0),
  };
};

for (const target of await dbTargets()) {
  describe(`assessment Appendix A (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let lead: Client;
    let admin: Client;
    let assessor: Client;
    let assessor2: Client;
    let assessorIds: string[];
    let agencyId: string;
    let seq = 0;

    before(async () => {
      env = await startTestEnv(target);
      community = await env.login('community');
      lead = await env.login('lead');
      admin = await env.login('admin');
      assessor = await env.login('assessor');
      assessor2 = await env.login('assessor2');
      const me = async (c: Client) =>
        (await c.get('/api/v1/me')).json() as { id: string; organisationId: string };
      assessorIds = [(await me(assessor)).id, (await me(assessor2)).id];
      agencyId = (await me(assessor)).organisationId;
    });
    after(() => env?.close());

    /** A new elder of the community with an assessment assigned to the two demo assessors. */
    const assigned = async (standardCode = 'GB/T 42195-2022') => {
      const regionCode = (await community.get('/api/v1/me')).json().regionCode as string;
      const first17 = `6501021944${String(1010 + seq++).padStart(4, '0')}123`;
      const elder = await community.post('/api/v1/elders', {
        name: `附录A老人${seq}`,
        idType: 'resident_id',
        idNumber: validIdNumber(first17),
        regionCode,
        householdLocal: true,
      });
      assert.equal(elder.statusCode, 201, elder.body);
      const a = await community.post('/api/v1/assessments', {
        elderId: elder.json().id,
        reason: 'initial',
        source: 'family',
        standardCode,
      });
      assert.equal(a.statusCode, 201, a.body);
      const id = a.json().id as string;
      const as = await lead.post(`/api/v1/assessments/${id}/assign`, { agencyId, assessorIds });
      assert.equal(as.statusCode, 200, as.body);
      return id;
    };
    const save = (id: string, body: Record<string, unknown>, baseRevision = 0, headers = {}) =>
      assessor.request(
        'PUT',
        `/api/v1/assessments/${id}/form`,
        { baseRevision, clientSavedAt: new Date(Date.now() - 60_000).toISOString(), ...body },
        headers,
      );
    const submit = (id: string, body = {}) => assessor.post(`/api/v1/assessments/${id}/submit`, body);
    const publish = async (id: string) => {
      assert.equal((await assessor.post(`/api/v1/assessments/${id}/sign`, {})).statusCode, 200);
      const p = await assessor2.post(`/api/v1/assessments/${id}/sign`, {});
      assert.equal(p.json().status, 'published', p.body);
    };
    const rowOf = async (id: string) =>
      (await env.platform.db.select().from(assessments).where(eq(assessments.id, id)))[0]!;

    test('GB/T 42195 C.4: coma, dementia and two falls in the stored Appendix A, no context sent → 完全失能', async () => {
      const id = await assigned();
      const saved = await save(id, {
        answers: bestAnswers(GBT),
        basicInfo: {
          'A.2.14': { ...NO_EVENTS, fall: '2' },
          'A.4.1': ['I10-I15', 'F00-F03'],
          'A.5.11': 'yes',
        },
      });
      // B.3.9 神志清醒 beside A.5.11 昏迷 = 有 is a contradiction: saved, but a warning to confirm.
      assert.equal(saved.statusCode, 200, saved.body);
      const stored = await rowOf(id);
      assert.deepEqual(stored.context, {
        comaOrVegetative: true,
        diagnosisCodes: ['I10-I15', 'F00-F03'],
        careRiskEventsLast30Days: [
          { type: 'fall', count: 2 },
          { type: 'wandering', count: 0 },
          { type: 'choking', count: 0 },
          { type: 'suicide_self_harm', count: 0 },
          { type: 'other', count: 0 },
        ],
      });
      const warning = saved.json().warnings.find((w: { confirm: boolean }) => w.confirm);
      const sub = await submit(id, { confirmedWarnings: [warning.key] });
      assert.equal(sub.statusCode, 200, sub.body);
      const r = sub.json().result;
      assert.equal(r.total, 90);
      assert.equal(r.initialLevel.code, 0);
      assert.equal(r.finalLevel.code, 4, '昏迷 → 能力完全丧失（完全失能）');
      const fired = Object.fromEntries(
        r.firedRules.map((f: { rule: string; applied: boolean }) => [f.rule, f.applied]),
      );
      assert.deepEqual(fired, { coma: true, dementia_or_psychiatric: false, risk_events: false });
      const coma = r.firedRules.find((f: { rule: string }) => f.rule === 'coma');
      assert.deepEqual(coma.params.sources, ['A.5.11']);
    });

    test('a client context that disagrees with Appendix A is ignored, and the assessor is told why', async () => {
      const id = await assigned();
      const saved = await save(id, {
        answers: bestAnswers(GBT),
        basicInfo: { 'A.2.14': NO_EVENTS, 'A.4.1': ['I10-I15'], 'A.5.11': 'no' },
        context: {
          comaOrVegetative: true,
          dementiaOrPsychiatricDiagnosis: true,
          careRiskEventsLast30Days: 3,
        },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const overridden = saved
        .json()
        .warnings.filter((w: { code: string }) => w.code === 'assessment.context_overridden');
      assert.deepEqual(
        overridden.map((w: { pointer: string; confirm: boolean }) => [w.pointer, w.confirm]).sort(),
        [
          ['/context/careRiskEventsLast30Days', false],
          ['/context/comaOrVegetative', false],
          ['/context/dementiaOrPsychiatricDiagnosis', false],
        ],
      );
      const coma = overridden.find((w: { pointer: string }) => w.pointer === '/context/comaOrVegetative');
      assert.deepEqual(coma.params.sources, ['A.5.11']);
      assert.equal((await rowOf(id)).context.comaOrVegetative, false);
      const sub = await submit(id);
      assert.equal(sub.statusCode, 200, sub.body);
      assert.equal(sub.json().result.finalLevel.code, 0);
      assert.deepEqual(sub.json().result.firedRules, []);
    });

    test('MZ/T 039 §2.5: Appendix A dementia and falls raise 中度失能 to 重度失能; a coma flag without B.3.1 昏迷 is ignored', async () => {
      const id = await assigned('MZ/T 039-2013');
      const saved = await save(id, {
        answers: mztModerate(),
        basicInfo: {
          'A.2.13.1': '1',
          'A.2.13.2': 'none',
          'A.2.14': { fall: '2', wandering: '0', choking: '0', suicide: '0' },
        },
        context: { comaOrVegetative: true },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.ok(
        saved
          .json()
          .warnings.some(
            (w: { code: string; pointer: string }) =>
              w.code === 'assessment.context_ignored' && w.pointer === '/context/comaOrVegetative',
          ),
      );
      const sub = await submit(id);
      assert.equal(sub.statusCode, 200, sub.body);
      const r = sub.json().result;
      assert.equal(r.initialLevel.code, 2);
      assert.equal(r.finalLevel.code, 3, '中度失能 + 1 → 重度失能');
      assert.equal(r.finalLevel.zh, '重度失能');
      assert.deepEqual(
        r.firedRules.map((f: { rule: string }) => f.rule),
        ['dementia_or_psychiatric', 'risk_events', 'upgrade_capped'],
      );
    });

    test('Appendix A answers are validated at save with pointers; nothing is stored', async () => {
      const id = await assigned();
      const bad = await save(id, {
        answers: { 'B.1.1': '4' },
        basicInfo: {
          'A.5.11': 'maybe',
          'A.2.14': { ...NO_EVENTS, fall: '7' },
          'Z.9': 'x',
          'A.2.3': '1945-02-30',
          'A.2.4': 'tall',
          'A.4.1': ['F00-F03', 'flu'],
          'A.5.3': ['none', 'burn'],
          'A.2.8': '650102194501011234',
        },
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.equal(bad.json().code, 'assessment.form_invalid');
      assert.deepEqual(
        bad
          .json()
          .errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])
          .sort(),
        [
          ['/body/basicInfo/A.2.14/fall', 'assessment.field_option_invalid'],
          ['/body/basicInfo/A.2.3', 'assessment.field_invalid'],
          ['/body/basicInfo/A.2.4', 'assessment.field_invalid'],
          ['/body/basicInfo/A.2.8', 'assessment.field_invalid'],
          ['/body/basicInfo/A.4.1/1', 'assessment.field_option_invalid'],
          ['/body/basicInfo/A.5.11', 'assessment.field_option_invalid'],
          ['/body/basicInfo/A.5.3', 'assessment.field_exclusive'],
          ['/body/basicInfo/Z.9', 'assessment.field_unknown'],
        ],
      );
      const row = await rowOf(id);
      assert.equal(row.revision, 0);
      assert.deepEqual(row.basicInfo, {});
      assert.equal(row.status, 'assigned');
    });

    test('a risk-event type of another standard is refused at save, with its code and pointer', async () => {
      const id = await assigned();
      const viaContext = await save(id, {
        answers: { 'B.1.1': '4' },
        context: { careRiskEventsLast30Days: [{ type: 'suicide', count: 1 }] },
      });
      assert.equal(viaContext.statusCode, 422, viaContext.body);
      assert.equal(viaContext.json().code, 'assessment.risk_event_type_unknown');
      assert.deepEqual(
        viaContext.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [['/body/context/careRiskEventsLast30Days/0/type', 'assessment.risk_event_type_unknown']],
      );
      const viaForm = await save(id, {
        answers: { 'B.1.1': '4' },
        basicInfo: { 'A.2.14': { ...NO_EVENTS, suicide: '1' } },
      });
      assert.equal(viaForm.statusCode, 422, viaForm.body);
      assert.equal(viaForm.json().code, 'assessment.risk_event_type_unknown');
      assert.deepEqual(
        viaForm.json().errors.map((e: { pointer: string }) => e.pointer),
        ['/body/basicInfo/A.2.14/suicide'],
      );
      assert.equal((await rowOf(id)).revision, 0);
    });

    test('a contradiction (B.3.9 conscious, A.5.11 昏迷) is a warning the assessor confirms before submitting', async () => {
      const id = await assigned();
      const saved = await save(id, {
        answers: bestAnswers(GBT),
        basicInfo: { 'A.2.14': NO_EVENTS, 'A.5.11': 'yes' },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const [w] = saved.json().warnings;
      assert.equal(w.code, 'assessment.contradiction');
      assert.equal(w.pointer, '/answers/B.3.9');
      assert.equal(w.confirm, true);
      // The detail shows it too (the console, a second device).
      const detail = (await assessor2.get(`/api/v1/assessments/${id}`)).json();
      assert.deepEqual(detail.warnings, saved.json().warnings);
      const refused = await submit(id);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json().code, 'assessment.warnings_unconfirmed');
      assert.deepEqual(
        refused.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [['/body/answers/B.3.9', 'assessment.contradiction']],
      );
      assert.match(refused.json().errors[0].message, /神志清醒.*昏迷/);
      assert.equal((await rowOf(id)).status, 'in_progress');
      const ok = await submit(id, { confirmedWarnings: [w.key] });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().result.finalLevel.code, 4);
    });

    test('messages name option texts in the reader’s language, never internal codes', async () => {
      const id = await assigned();
      const zh = await save(id, { answers: { 'B.3.9': 'maybe' }, basicInfo: { 'A.5.11': 'maybe' } });
      assert.equal(zh.statusCode, 422, zh.body);
      const byPointer = (res: typeof zh) =>
        Object.fromEntries(
          res.json().errors.map((e: { pointer: string; message: string }) => [e.pointer, e.message]),
        );
      const zhMsg = byPointer(zh);
      assert.match(zhMsg['/body/answers/B.3.9'], /意识水平.*昏睡.*昏迷/);
      assert.doesNotMatch(zhMsg['/body/answers/B.3.9'], /stupor|coma|、2、/);
      assert.match(zhMsg['/body/basicInfo/A.5.11'], /昏迷.*可选：“无”、“有”/);
      const en = await save(id, { answers: { 'B.3.9': 'maybe' }, basicInfo: { 'A.5.11': 'maybe' } }, 0, {
        'accept-language': 'en-US',
      });
      const enMsg = byPointer(en);
      for (const m of Object.values(enMsg)) assert.doesNotMatch(m as string, CJK, m as string);
      assert.match(enMsg['/body/answers/B.3.9'], /Stupor.*Coma/);
      assert.match(enMsg['/body/basicInfo/A.5.11'], /"No", "Yes"/);
    });

    test('published results whose stored Appendix A should have changed the level are listed for re-review', async () => {
      const wrong = await assigned();
      assert.equal(
        (await save(wrong, { answers: bestAnswers(GBT), basicInfo: { 'A.2.14': NO_EVENTS, 'A.5.11': 'no' } }))
          .statusCode,
        200,
      );
      assert.equal((await submit(wrong)).statusCode, 200);
      await publish(wrong);
      const right = await assigned();
      assert.equal(
        (await save(right, { answers: bestAnswers(GBT), basicInfo: { 'A.2.14': NO_EVENTS } })).statusCode,
        200,
      );
      assert.equal((await submit(right)).statusCode, 200);
      await publish(right);
      // Published before the fix: the client sent no context, while Appendix A recorded a coma.
      await env.platform.db.execute(sql`ALTER TABLE assessments DISABLE TRIGGER assessments_locked`);
      await env.platform.db.execute(
        sql`UPDATE assessments SET basic_info = ${JSON.stringify({ 'A.2.14': NO_EVENTS, 'A.5.11': 'yes' })}::jsonb WHERE id = ${wrong}`,
      );
      await env.platform.db.execute(sql`ALTER TABLE assessments ENABLE TRIGGER assessments_locked`);

      for (const c of [lead, admin]) {
        const res = await c.get('/api/v1/assessments/level-review');
        assert.equal(res.statusCode, 200, res.body);
        const items = res.json().items as (Record<string, unknown> & {
          id: string;
          firedRules: { rule: string }[];
        })[];
        const item = items.find((x) => x.id === wrong)!;
        assert.ok(item, 'the contradicted result is listed');
        assert.ok(!items.some((x) => x.id === right), 'a consistent result is not');
        assert.equal(item.publishedLevel, 0);
        assert.equal(item.appendixLevel, 4);
        assert.equal(item.appendixLevelName, '完全失能');
        assert.deepEqual(
          item.firedRules.map((f) => f.rule),
          ['coma'],
        );
        assert.match(String(item.elderNameMasked), /\*/);
      }
      // Permission: the community worker (no assessment:review) may not; scope: another agency's lead sees none.
      assert.equal((await community.get('/api/v1/assessments/level-review')).statusCode, 403);
      const other = await organisationRepo(env.platform.db).insert({
        name: '别处评估站',
        type: 'assessment_agency',
        regionCode: '500110002000',
      });
      await userRepo(env.platform.db).insert(
        {
          username: 'other_lead',
          displayName: 'other_lead',
          passwordHash: await hashPassword('OtherLead123'),
          organisationId: other.id,
        },
        ['assessment_lead'],
      );
      const stranger = await env.login('other_lead', 'OtherLead123');
      const none = await stranger.get('/api/v1/assessments/level-review');
      assert.equal(none.statusCode, 200, none.body);
      assert.deepEqual(none.json().items, []);
    });
  });
}
