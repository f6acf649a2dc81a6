import { type VisitRisk } from '@yiyang/contracts';
import { type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { addDays, chinaDayStart, todayIso } from '../../platform/dates.ts';
import { DomainError, invalidField } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { listOrdersInScope } from '../order/index.ts';
import { visitRepo } from './visit.repo.ts';
import { actionTime, checklistOf, photosNever } from './visit.rules.ts';
import type { ObserveBody, PhotoBody } from './visit.schema.ts';
import {
  CIPHER,
  itemFacts,
  nowOf,
  orderOf,
  visitViewOf,
  anomalyView,
  type VisitDeps,
} from './visit.shared.ts';

/** What happens during the visit (checklist, observations, photos), the visit record and the caregiver's day. */
export class VisitDuring {
  constructor(private readonly deps: VisitDeps) {}

  /** The visit of a checked-in order, for the caregiver who is doing it. */
  private async ongoing(auth: AuthContext, id: string) {
    const o = await orderOf(this.deps, auth, id);
    if (o.caregiverId !== auth.userId) throw new DomainError('order.not_your_visit', { status: 403 });
    const v = await visitRepo(this.deps.db).byOrder(o.id);
    if (o.status !== 'checked_in' || !v) throw new DomainError('visit.not_started', { status: 409 });
    return { o, v };
  }

  /** POST /orders/:id/visit/checklist: items ticked (a union: a replayed tick changes nothing). */
  async checklist(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { done: string[]; at?: string | undefined },
  ) {
    const at = actionTime(body.at, nowOf(this.deps));
    const { v } = await this.ongoing(auth, id);
    const allowed = checklistOf(v.category);
    body.done.forEach((code, i) => {
      if (!allowed.includes(code)) throw invalidField(`/body/done/${i}`, 'visit.checklist_unknown', { code });
    });
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = visitRepo(tx);
      const done = [...new Set([...v.checklistDone, ...body.done])];
      await repo.update(v.id, { checklistDone: done });
      await repo.addEvent({
        visitId: v.id,
        kind: 'checklist',
        at,
        byUserId: auth.userId,
        summary: { done: body.done },
      });
      uow.audit({
        action: 'visit.checklist',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: `checklist ${done.length}/${allowed.length}`,
      });
    });
    return this.detail(auth, id);
  }

  /** POST /orders/:id/visit/observations: vital signs and risks found, emitted as `visit.observation`. */
  async observe(auth: AuthContext, actor: Actor, id: string, body: ObserveBody) {
    const at = actionTime(body.at, nowOf(this.deps));
    const { o, v } = await this.ongoing(auth, id);
    const vitals = Object.keys(body.vitals ?? {});
    const risks = (body.risks ?? []) as VisitRisk[];
    await transact(this.deps, actor, async (tx, uow) => {
      await visitRepo(tx).addEvent({
        visitId: v.id,
        kind: 'observation',
        at,
        byUserId: auth.userId,
        summary: { risks, vitals },
        dataEnc: this.deps.cipher.encrypt(
          JSON.stringify({ vitals: body.vitals ?? {}, note: body.note ?? null }),
          CIPHER.observation,
        ),
      });
      uow.audit({
        action: 'visit.observe',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: `observation: ${risks.join(', ') || 'no risk'}`,
        detail: { risks, vitals },
      });
      uow.emit(
        'visit.observation',
        { id: v.id, orderId: o.id, elderId: o.elderId, risks, vitals, at: at.toISOString() },
        { regionCode: v.regionCode, organisationId: v.providerId },
      );
    });
    return this.detail(auth, id);
  }

  /** POST /orders/:id/visit/photos: only with the elder's consent, never for 助浴 or 排泄护理. */
  async photo(auth: AuthContext, actor: Actor, id: string, body: PhotoBody) {
    const at = actionTime(body.at, nowOf(this.deps));
    const { o, v } = await this.ongoing(auth, id);
    const facts = await itemFacts(this.deps.db, o);
    if (photosNever(facts.subItem, facts.photosAllowed))
      throw invalidField('/body/image', 'visit.photo_never');
    if (!body.consent) throw invalidField('/body/consent', 'visit.photo_consent');
    await transact(this.deps, actor, async (tx, uow) => {
      await visitRepo(tx).addEvent({
        visitId: v.id,
        kind: 'photo',
        at,
        byUserId: auth.userId,
        summary: { consent: true, bytes: body.image.length },
        dataEnc: this.deps.cipher.encrypt(body.image, CIPHER.photo),
      });
      uow.audit({
        action: 'visit.photo',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: 'photo with consent',
      });
    });
    return this.detail(auth, id);
  }

  /** GET /orders/:id/visit: the visit record of an order in scope (observations decrypted, no images). */
  async detail(auth: AuthContext, id: string) {
    const o = await orderOf(this.deps, auth, id);
    const repo = visitRepo(this.deps.db);
    const v = await repo.byOrder(o.id);
    const facts = await itemFacts(this.deps.db, o);
    const checklist = checklistOf(facts.category);
    if (!v)
      return {
        orderId: o.id,
        visit: null,
        checklist: [...checklist],
        photosAllowed: !photosNever(facts.subItem, facts.photosAllowed),
        events: [],
        anomalies: [],
      };
    const events = (await repo.eventsOf(v.id)).map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      receivedAt: e.receivedAt.toISOString(),
      summary: e.summary,
      data:
        e.kind === 'observation' && e.dataEnc
          ? (JSON.parse(this.deps.cipher.decrypt(e.dataEnc, CIPHER.observation)) as Record<string, unknown>)
          : null,
    }));
    return {
      orderId: o.id,
      visit: visitViewOf(v),
      checklist: [...checklist],
      photosAllowed: !photosNever(facts.subItem, facts.photosAllowed),
      events,
      anomalies: (await repo.anomaliesOf([v.id])).map(anomalyView),
    };
  }

  /** GET /me/visits/today: the caregiver's day in route order (planned start), for the phone to cache. */
  async today(auth: AuthContext) {
    const now = nowOf(this.deps);
    const day = todayIso(now);
    const rows = await listOrdersInScope(
      this.deps.db,
      auth,
      {
        caregiverId: auth.userId,
        from: chinaDayStart(day),
        to: chinaDayStart(addDays(day, 1)),
      },
      100,
    );
    rows.sort((a, b) => a.o.plannedStart.getTime() - b.o.plannedStart.getTime());
    const repo = visitRepo(this.deps.db);
    const items = [];
    for (const r of rows) {
      const o = r.o;
      if (['cancelled', 'rejected'].includes(o.status)) continue;
      const detail = await this.deps.orders.get(auth, o.id);
      const facts = await itemFacts(this.deps.db, o);
      const v = await repo.byOrder(o.id);
      items.push({
        orderId: o.id,
        status: o.status,
        elderId: o.elderId,
        elderNameMasked: r.elderName ?? '***',
        itemCode: o.itemCode,
        itemName: o.itemName,
        plannedStart: o.plannedStart.toISOString(),
        plannedEnd: o.plannedEnd.toISOString(),
        address: detail.contact?.address ?? null,
        phone: detail.contact?.phone ?? null,
        note: o.note,
        checklist: [...checklistOf(facts.category)],
        checklistDone: v?.checklistDone ?? [],
        photosAllowed: !photosNever(facts.subItem, facts.photosAllowed),
        visitState: v?.state ?? null,
      });
    }
    return { day, generatedAt: now.toISOString(), items };
  }
}
