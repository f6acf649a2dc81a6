import {
  ASSESSMENT_REREVIEW_DAYS,
  ASSESSMENT_ROUTINE_MONTHS,
  type AssessmentResult,
  type StandardCode,
} from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { conflict, DomainError, forbidden } from '../../platform/errors.ts';
import { assertTransition, transition, type TransitionContext } from '../../platform/transition.ts';
import { transact } from '../../platform/uow.ts';
import { addDays, addMonths, todayIso } from '../../platform/dates.ts';
import { checkForm, formErrorCode } from './assessment.appendixA.ts';
import { insertApplication, openRace } from './assessment.application.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import { ASSESSMENT_MACHINE as MACHINE, invalidState } from './assessment.machine.ts';
import type { AssessmentQueries } from './assessment.queries.ts';
import { assessmentRepo, type AssessmentRow } from './assessment.repo.ts';
import { assessmentTags } from './assessment.rules.ts';
import type { DetailView, FormInput, SignInput, SubmitInput } from './assessment.schema.ts';
import { scoreAssessment, verifyClientTotals, type AssessmentError } from './assessment.scoring.ts';
import { standardOf } from './assessment.views.ts';
import { findElder } from '../elder/index.ts';

function scoringErrors(code: string, errors: AssessmentError[], prefix = '/body') {
  return new DomainError(code, {
    status: 422,
    params: { count: errors.length, ...(errors[0]?.params ?? {}) },
    errors: errors.map((e) => ({ pointer: `${prefix}${e.pointer}`, code: e.code, params: e.params ?? {} })),
  });
}

const fieldError = (pointer: string, code: string) =>
  new DomainError('common.validation', { status: 422, errors: [{ pointer, code }] });

/**
 * The assessors' and the applicants' commands after assignment (decision 006): save the form, submit,
 * sign (the second signature publishes), dispute, cancel. Each is one transition of
 * `ASSESSMENT_TRANSITIONS`, refused early on the record read before the transaction.
 */
export class AssessmentWorkflow {
  constructor(
    private readonly deps: AssessmentDeps,
    private readonly queries: AssessmentQueries,
  ) {}

  private async assertAssigned(id: string, userId: string) {
    const rows = await assessmentRepo(this.deps.db).assessorsOf([id]);
    if (!rows.some((r) => r.row.userId === userId)) throw forbidden('assessment.not_assigned');
    return rows;
  }

  private run<T>(actor: Actor, fn: (ctx: TransitionContext) => Promise<T>): Promise<T> {
    return transact(this.deps, actor, (tx, uow) => fn({ tx, uow, actor, now: nowOf(this.deps) }));
  }

  async saveForm(auth: AuthContext, actor: Actor, id: string, input: FormInput): Promise<DetailView> {
    const { a } = await this.queries.current(auth, id);
    await this.assertAssigned(id, auth.userId);
    assertTransition(MACHINE, a, 'save', nowOf(this.deps));
    // Appendix A is validated and decides the change-rule inputs; the client's context is only compared.
    const basicInfo = input.basicInfo ?? a.basicInfo;
    const check = checkForm(standardOf(a), { answers: input.answers, basicInfo, context: input.context });
    if (check.errors.length) throw scoringErrors(formErrorCode(check.errors), check.errors);
    const clientSavedAt = new Date(input.clientSavedAt);
    await this.run(actor, (ctx) =>
      transition(ctx, MACHINE, id, 'save', (cur) => {
        // A draft only wins over the revision it was based on (another device saved first).
        if (cur.revision !== input.baseRevision)
          throw conflict('assessment.stale_revision', { revision: cur.revision }, '/body/baseRevision');
        const revision = input.baseRevision + 1;
        return {
          patch: {
            revision,
            answers: Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, String(v)])),
            basicInfo,
            context: check.context,
            clientSavedAt,
          },
          timeline: [{ at: clientSavedAt }],
          audit: {
            summary: `保存评估表（版本 ${revision}）`,
            detail: {
              revision,
              clientSavedAt: input.clientSavedAt,
              answered: Object.keys(input.answers).length,
              ...(check.warnings.length ? { warnings: check.warnings.map((w) => w.key) } : {}),
            },
          },
        };
      }),
    );
    const view = await this.queries.get(auth, id);
    return { ...view, warnings: check.warnings };
  }

  /** Scores on the server; the client's totals are only compared. */
  async submit(auth: AuthContext, actor: Actor, id: string, input: SubmitInput): Promise<DetailView> {
    const { a } = await this.queries.current(auth, id);
    await this.assertAssigned(id, auth.userId);
    assertTransition(MACHINE, a, 'submit', nowOf(this.deps));
    const s = standardOf(a);
    // The stored form again (a draft saved before Appendix A was checked), and its Appendix A decides.
    const check = checkForm(s, { answers: a.answers, basicInfo: a.basicInfo });
    if (check.errors.length) throw scoringErrors(formErrorCode(check.errors), check.errors);
    const scored = scoreAssessment(s, a.answers, check.context);
    if (!scored.ok) {
      const missing = scored.errors.filter((e) => e.code === 'assessment.answer_missing');
      throw scoringErrors(
        missing.length ? 'assessment.incomplete' : 'assessment.unknown_option',
        missing.length ? missing : scored.errors,
      );
    }
    const confirmed = new Set(input.confirmedWarnings ?? []);
    const unconfirmed = check.warnings.filter((w) => w.confirm && !confirmed.has(w.key));
    if (unconfirmed.length) throw scoringErrors('assessment.warnings_unconfirmed', unconfirmed);
    if (input.clientTotals) {
      const mismatches = verifyClientTotals(scored, input.clientTotals, '/clientTotals');
      if (mismatches.length) throw scoringErrors('assessment.totals_disagree', mismatches);
    }
    const { ok: _ok, ...result } = scored;
    await this.run(actor, (ctx) =>
      transition(ctx, MACHINE, id, 'submit', (cur) => {
        // Scored from the draft read above: a later save makes this submission stale.
        if (cur.revision !== a.revision) throw invalidState(cur);
        return {
          patch: {
            submittedAt: ctx.now,
            context: check.context,
            result: result as AssessmentResult,
            total: result.total,
            level: result.finalLevel.code,
          },
          audit: {
            summary: `提交评估：总分 ${result.total ?? '—'}，${result.finalLevel.zh}`,
            detail: {
              total: result.total,
              level: result.finalLevel.code,
              firedRules: result.firedRules.map((f) => f.rule),
              confirmedWarnings: check.warnings.filter((w) => w.confirm).map((w) => w.key),
            },
          },
        };
      }),
    );
    return this.queries.get(auth, id);
  }

  /**
   * The partner on the same tablet, checked like a login (limits and lock apply); no session is
   * created. A wrong password is a field error (422), not 401: the caller's own session is fine, and
   * a 401 would sign the tablet out.
   */
  private async coSigner(
    auth: AuthContext,
    input: NonNullable<SignInput['coSigner']>,
    assessors: { row: { userId: string } }[],
    meta: { ip: string; requestId: string },
  ): Promise<string> {
    const partner = await this.deps.auth
      .verifyCredentials(input.username, input.password, meta)
      .catch((err: unknown) => {
        if (err instanceof DomainError && err.code === 'auth.invalid_credentials')
          throw fieldError('/body/coSigner/password', 'auth.invalid_credentials');
        throw err;
      });
    if (partner.id === auth.userId || !assessors.some((r) => r.row.userId === partner.id))
      throw fieldError('/body/coSigner/username', 'assessment.cosigner_invalid');
    return partner.id;
  }

  async sign(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: SignInput,
    meta: { ip: string; requestId: string },
  ): Promise<DetailView> {
    const { a } = await this.queries.current(auth, id);
    const assessors = await this.assertAssigned(id, auth.userId);
    const now = nowOf(this.deps);
    assertTransition(MACHINE, a, 'sign', now);
    const signedAt = input.signedAt ? new Date(input.signedAt) : now;
    if (signedAt > new Date(now.getTime() + 60_000) || (a.submittedAt && signedAt < a.submittedAt))
      throw fieldError('/body/signedAt', 'assessment.signed_at_invalid');
    const signers = [auth.userId];
    if (input.coSigner) signers.push(await this.coSigner(auth, input.coSigner, assessors, meta));
    if (signers.every((u) => assessors.find((r) => r.row.userId === u)?.row.signedAt))
      throw conflict('assessment.already_signed');
    await this.run(actor, async (ctx) => {
      const repo = assessmentRepo(ctx.tx);
      const signed = await transition(ctx, MACHINE, id, 'sign', async () => {
        const rows = await repo.assessorsOf([id]);
        const timeline: { actor: Actor; at: Date }[] = [];
        for (const u of signers) {
          const r = rows.find((x) => x.row.userId === u)!;
          if (r.row.signedAt) continue;
          await repo.sign(id, u, signedAt, now);
          timeline.push({ actor: { ...actor, userId: u, name: r.displayName }, at: signedAt });
        }
        return {
          timeline,
          audit: {
            summary: input.coSigner ? '评估员共同签名' : '评估员签名',
            detail: { signers, signedAt: signedAt.toISOString() },
          },
        };
      });
      if ((await repo.assessorsOf([id])).every((r) => r.row.signedAt)) await this.publish(ctx, signed);
    });
    return this.queries.get(auth, id);
  }

  /** The second signature: lock the level, tag the elder, end a disputed original, announce. */
  private async publish(ctx: TransitionContext, a: AssessmentRow) {
    const { tx, uow, actor, now } = ctx;
    const today = todayIso(now);
    const result = a.result!;
    const tags = assessmentTags(result, a.context);
    const nextDue = addMonths(today, ASSESSMENT_ROUTINE_MONTHS);
    await transition(ctx, MACHINE, a.id, 'publish', async () => {
      await this.deps.elders.replaceAssessmentTags(tx, uow, actor, a.elderId, {
        codes: tags,
        validFrom: today,
        reason: `能力评估结果：${result.finalLevel.zh}`,
        ability: {
          standardCode: a.standardCode,
          level: result.finalLevel.code,
          zh: result.finalLevel.zh,
          en: result.finalLevel.en,
          assessedOn: today,
        },
      });
      if (a.supersedesId)
        await transition(ctx, MACHINE, a.supersedesId, 'supersede', { patch: { supersededAt: now } });
      const facts = { level: result.finalLevel.code, total: result.total, tags, supersedes: a.supersedesId };
      return {
        patch: { publishedAt: now },
        audit: { summary: `发布评估结果：${result.finalLevel.zh}`, detail: { ...facts, nextDue } },
        payload: { id: a.id, elderId: a.elderId, standardCode: a.standardCode, ...facts, nextDue },
      };
    });
  }

  /** Within 30 days of publishing: the record becomes disputed and a re-review is applied for. */
  async dispute(auth: AuthContext, actor: Actor, id: string, input: { reason: string }) {
    const { a } = await this.queries.current(auth, id);
    assertTransition(MACHINE, a, 'dispute', nowOf(this.deps));
    const elder = (await findElder(this.deps.db, a.elderId))!;
    const re = await openRace(
      this.deps,
      () =>
        this.run(actor, async (ctx) => {
          await transition(ctx, MACHINE, id, 'dispute', {
            patch: { disputedAt: ctx.now, disputeReason: input.reason },
            audit: { summary: '对评估结果提出异议，申请复核', reason: input.reason },
          });
          return insertApplication(this.deps, ctx.tx, ctx.uow, actor, elder, {
            reason: 'dispute',
            source: 'cadre',
            standardCode: a.standardCode as StandardCode,
            dueBy: addDays(todayIso(ctx.now), ASSESSMENT_REREVIEW_DAYS),
            supersedesId: id,
            note: input.reason,
          });
        }),
      a.elderId,
    );
    return { disputed: await this.queries.get(auth, id), reReview: await this.queries.get(auth, re.id) };
  }

  async cancel(auth: AuthContext, actor: Actor, id: string, input: { reason: string }): Promise<DetailView> {
    const { a } = await this.queries.current(auth, id);
    assertTransition(MACHINE, a, 'cancel', nowOf(this.deps));
    await this.run(actor, (ctx) =>
      transition(ctx, MACHINE, id, 'cancel', async (cur) => {
        // A cancelled re-review leaves the disputed original as it was published.
        if (cur.supersedesId) await transition(ctx, MACHINE, cur.supersedesId, 'restore');
        return {
          patch: { cancelledAt: ctx.now, cancelReason: input.reason },
          audit: { summary: '取消评估', reason: input.reason },
        };
      }),
    );
    return this.queries.get(auth, id);
  }
}
