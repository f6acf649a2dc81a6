import { regionPrefix, type ComplaintCategory } from '@yiyang/contracts';
import { covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { addDays, chinaDayStart } from '../../platform/dates.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { feedbackRepo, type ReturnVisitRow } from './feedback.repo.ts';
import type { ReturnVisitView, SampleBody } from './feedback.schema.ts';
import { nowOf, type ComplaintService, type FeedbackDeps } from './feedback.service.ts';

const view = (r: ReturnVisitRow, elderName: string | null, itemName: string): ReturnVisitView => ({
  id: r.id,
  regionCode: r.regionCode,
  orderId: r.orderId,
  elderId: r.elderId,
  elderNameMasked: elderName,
  itemName,
  providerId: r.providerId,
  visitEndedAt: r.visitEndedAt?.toISOString() ?? null,
  sampledAt: r.sampledAt.toISOString(),
  status: r.status as ReturnVisitView['status'],
  calledAt: r.calledAt?.toISOString() ?? null,
  calledByName: r.calledByName,
  serviceHappened: r.serviceHappened,
  result: r.result as ReturnVisitView['result'],
  note: r.note,
  correctiveAction: r.correctiveAction,
  complaintId: r.complaintId,
});

export interface RecordBody {
  reached: boolean;
  serviceHappened?: boolean | undefined;
  result?: 'satisfied' | 'neutral' | 'dissatisfied' | undefined;
  note?: string | undefined;
  correctiveAction?: string | undefined;
  complaint?: { category: ComplaintCategory; description: string } | undefined;
}

/**
 * Return visits (回访, issue 15 §7): the centre samples verified visits of a period and calls the elders — did
 * the service happen, were they satisfied — and records what was done; a bad answer can open a complaint.
 */
export class ReturnVisitService {
  constructor(
    private readonly deps: FeedbackDeps,
    private readonly complaints: ComplaintService,
  ) {}

  async list(
    auth: AuthContext,
    q: { status?: string | undefined; regionCode?: string | undefined; limit: number },
  ) {
    if (q.regionCode && !covers(auth.scope, { regionCode: q.regionCode }))
      throw invalidField('/query/regionCode', 'auth.out_of_scope');
    const rows = await feedbackRepo(this.deps.db).listReturnVisits(auth, q, q.limit);
    return { items: rows.map((x) => view(x.r, x.elderName, x.itemName)) };
  }

  /** POST /return-visits/sample: a share of the region's verified visits of [from, to] not sampled before. */
  async sample(auth: AuthContext, actor: Actor, body: SampleBody) {
    const region = body.regionCode ?? auth.regionCode;
    if (!region || !covers(auth.scope, { regionCode: region }))
      throw invalidField('/body/regionCode', 'auth.out_of_scope');
    const from = chinaDayStart(body.from);
    const to = chinaDayStart(addDays(body.to, 1));
    if (from >= to) throw invalidField('/body/from', 'returnVisit.period_order');
    return transact(this.deps, actor, async (tx, uow) => {
      const picked = await feedbackRepo(tx).sampleCandidates(regionPrefix(region), from, to, (total) =>
        Math.min(body.max ?? 500, Math.ceil(total * body.share)),
      );
      const inserted = await feedbackRepo(tx).insertReturnVisits(
        picked.rows.map((r) => ({
          ...r,
          visitEndedAt: r.endedAt,
          sampledBy: auth.userId,
          sampledAt: nowOf(this.deps),
        })),
      );
      uow.audit({
        action: 'return_visit.sample',
        entityType: 'return_visit',
        regionCode: region,
        summary: `抽取回访 ${inserted.length} 条（共 ${picked.total} 条可抽）`,
        detail: {
          from: body.from,
          to: body.to,
          share: body.share,
          population: picked.total,
          sampled: inserted.length,
        },
      });
      return { population: picked.total, sampled: inserted.length };
    });
  }

  /** POST /return-visits/:id/record: the call's outcome; a complaint found on the call is filed with it. */
  async record(auth: AuthContext, actor: Actor, id: string, body: RecordBody) {
    const rv = await feedbackRepo(this.deps.db).returnVisitInScope(auth, id);
    if (!rv) throw notFound('returnVisit.not_found');
    if (!covers(auth.scope, { regionCode: rv.regionCode })) throw forbidden();
    if (rv.status !== 'pending') throw invalidField('/body', 'returnVisit.already_recorded');
    if (body.reached && (body.serviceHappened === undefined || !body.result))
      throw invalidField(
        body.result ? '/body/serviceHappened' : '/body/result',
        'returnVisit.result_required',
      );
    let complaintId: string | null = null;
    if (body.complaint && body.reached) {
      const c = await this.complaints.file(auth, actor, {
        orderId: rv.orderId,
        category: body.complaint.category,
        description: body.complaint.description,
        channel: 'return_visit',
      });
      complaintId = c.id;
    }
    await transact(this.deps, actor, async (tx, uow) => {
      const updated = await feedbackRepo(tx).updateReturnVisit(id, {
        status: body.reached ? 'done' : 'unreachable',
        calledAt: nowOf(this.deps),
        calledByName: actor.name,
        serviceHappened: body.reached ? (body.serviceHappened ?? null) : null,
        result: body.reached ? (body.result ?? null) : null,
        note: body.note ?? null,
        correctiveAction: body.correctiveAction ?? null,
        complaintId,
      });
      if (!updated) throw invalidField('/body', 'returnVisit.already_recorded');
      uow.audit({
        action: 'return_visit.record',
        entityType: 'return_visit',
        entityId: id,
        regionCode: rv.regionCode,
        organisationId: rv.providerId,
        summary: body.reached
          ? `回访：${body.result}${body.serviceHappened === false ? '，服务未发生' : ''}`
          : '回访：未联系上',
        detail: {
          reached: body.reached,
          result: body.result ?? null,
          serviceHappened: body.serviceHappened ?? null,
        },
      });
    });
    const [row] = await feedbackRepo(this.deps.db).listReturnVisits(auth, { id }, 1);
    return view(row!.r, row!.elderName, row!.itemName);
  }
}
