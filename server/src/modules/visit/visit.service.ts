import { isPersonalAccount } from '@yiyang/contracts';
import { actsFor, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { DomainError, invalidField, notFound } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { elderHomePosition, findElder } from '../elder/index.ts';
import { findOrderInScope, invalidState, type OrderRow } from '../order/index.ts';
import { visitRepo } from './visit.repo.ts';
import { actionTime, DEFAULT_GEOFENCE_M, distanceM, notConfirmer, skewOf, tooShort } from './visit.rules.ts';
import type { ConfirmBody, PunchBody } from './visit.schema.ts';
import type { VisitPunch, VisitRow } from './visit.table.ts';
import { CIPHER, itemFacts, nowOf, orderOf, refreshState, type VisitDeps } from './visit.shared.ts';
import { VisitDuring } from './visit.during.ts';
import { VisitKeys } from './visit.keys.ts';
import { VisitReview } from './visit.review.ts';

/**
 * Verified visits (issue 15, decision 024): check-in and check-out with proof of presence and the elder's
 * confirmation, on the order's state machine (`orders.commands`), the visit's evidence written in the same
 * transaction; what happens during the visit (`during`), the elder's keys (`keys`) and the exception queue
 * (`review`) are beside it.
 */
export class VisitService {
  readonly keys: VisitKeys;
  readonly during: VisitDuring;
  readonly review: VisitReview;

  constructor(private readonly deps: VisitDeps) {
    this.keys = new VisitKeys(deps);
    this.during = new VisitDuring(deps);
    this.review = new VisitReview(deps);
  }

  /** The punch: times, skew, position, distance to the registered home, and the proof it stands on. */
  private async punch(tx: Tx, o: OrderRow, body: PunchBody, at: Date, receivedAt: Date): Promise<VisitPunch> {
    const sentAt = body.sentAt ? new Date(body.sentAt) : at;
    const { skewMs } = skewOf(receivedAt, sentAt);
    const elder = await findElder(tx, o.elderId);
    const home = elder ? elderHomePosition(this.deps.cipher, elder) : { lat: null, lng: null };
    const geofenceM = (await visitRepo(tx).geofenceFor(o.regionCode)) ?? DEFAULT_GEOFENCE_M;
    const pos = body.position;
    const dist =
      pos && home.lat !== null && home.lng !== null ? distanceM(pos, { lat: home.lat, lng: home.lng }) : null;
    const proof = body.code
      ? 'code'
      : body.card
        ? 'card'
        : dist !== null && dist <= geofenceM
          ? 'geofence'
          : 'none';
    return {
      at: at.toISOString(),
      sentAt: sentAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
      skewMs,
      proof,
      lat: pos?.lat ?? null,
      lng: pos?.lng ?? null,
      distanceM: dist,
      geofenceM,
    };
  }

  /** Flags overlapping visits of the same caregiver (both of them). */
  private async flagOverlaps(tx: Tx, v: VisitRow, from: Date, to: Date): Promise<void> {
    if (!v.caregiverId) return;
    const repo = visitRepo(tx);
    for (const other of await repo.overlapping(v.caregiverId, v.orderId, from, to)) {
      await repo.flag(v, 'overlap', { otherOrderId: other.orderId });
      await repo.flag(other, 'overlap', { otherOrderId: v.orderId });
      await refreshState(tx, other);
    }
  }

  /** POST /orders/:id/check-in (the assigned caregiver): the order's transition plus the visit's evidence. */
  async checkIn(auth: AuthContext, actor: Actor, id: string, body: PunchBody) {
    const receivedAt = nowOf(this.deps);
    const at = actionTime(body.at, receivedAt);
    return this.deps.orders.commands.checkIn(
      auth,
      actor,
      id,
      { position: body.position },
      {
        at,
        check: (o) => this.keys.checkProof(o, body, at),
        record: async (o, tx) => {
          // One caregiver's visits change one at a time: the overlap check writes both visits (no deadlock).
          await visitRepo(tx).lockCaregiver(o.caregiverId);
          const p = await this.punch(tx, o, body, at, receivedAt);
          const facts = await itemFacts(tx, o);
          const repo = visitRepo(tx);
          const v = await repo.insert({
            orderId: o.id,
            regionCode: o.regionCode,
            elderId: o.elderId,
            providerId: o.providerId,
            caregiverId: o.caregiverId,
            itemCode: o.itemCode,
            category: facts.category,
            plannedMinutes: facts.minutes,
            checkIn: p,
            startedAt: at,
          });
          if (p.proof === 'none')
            await repo.flag(v, 'too_far', { distanceM: p.distanceM, geofenceM: p.geofenceM });
          if (skewOf(receivedAt, new Date(p.sentAt)).flagged)
            await repo.flag(v, 'clock_skew', { skewMs: p.skewMs });
          await this.flagOverlaps(tx, v, at, at);
          await refreshState(tx, v);
        },
      },
    );
  }

  /**
   * POST /orders/:id/check-out. Before any check-in the order refuses (409, unchanged); the attempt itself
   * goes to the exception queue (`check_out_without_check_in`): a phone that thinks it visited is a finding.
   */
  async checkOut(auth: AuthContext, actor: Actor, id: string, body: PunchBody) {
    const receivedAt = nowOf(this.deps);
    const at = actionTime(body.at, receivedAt);
    try {
      return await this.deps.orders.commands.checkOut(
        auth,
        actor,
        id,
        { position: body.position },
        {
          at,
          check: (o) => this.keys.checkProof(o, body, at),
          record: async (o, tx) => {
            // One caregiver's visits change one at a time: the overlap check writes both visits (no deadlock).
            await visitRepo(tx).lockCaregiver(o.caregiverId);
            const p = await this.punch(tx, o, body, at, receivedAt);
            const repo = visitRepo(tx);
            let v = await repo.byOrder(o.id);
            if (!v) {
              const facts = await itemFacts(tx, o);
              v = await repo.insert({
                orderId: o.id,
                regionCode: o.regionCode,
                elderId: o.elderId,
                providerId: o.providerId,
                caregiverId: o.caregiverId,
                itemCode: o.itemCode,
                category: facts.category,
                plannedMinutes: facts.minutes,
                startedAt: o.checkInAt,
              });
            }
            v = await repo.update(v.id, { checkOut: p, endedAt: at });
            const start = v.startedAt ?? at;
            const d = tooShort(start, at, v.plannedMinutes);
            if (d.short)
              await repo.flag(v, 'too_short', { minutes: d.minutes, plannedMinutes: v.plannedMinutes });
            if (skewOf(receivedAt, new Date(p.sentAt)).flagged)
              await repo.flag(v, 'clock_skew', { skewMs: p.skewMs });
            await this.flagOverlaps(tx, v, start, at);
            await refreshState(tx, v);
          },
        },
      );
    } catch (e) {
      if (e instanceof DomainError && e.code === 'order.invalid_state')
        await this.noCheckIn(auth, actor, id, at);
      throw e;
    }
  }

  private async noCheckIn(auth: AuthContext, actor: Actor, id: string, at: Date): Promise<void> {
    const o = await findOrderInScope(this.deps.db, auth, id);
    if (!o || o.caregiverId !== auth.userId || !['assigned', 'en_route'].includes(o.status)) return;
    await transact(this.deps, actor, async (tx) => {
      const facts = await itemFacts(tx, o);
      const repo = visitRepo(tx);
      const v =
        (await repo.byOrder(o.id)) ??
        (await repo.insert({
          orderId: o.id,
          regionCode: o.regionCode,
          elderId: o.elderId,
          providerId: o.providerId,
          caregiverId: o.caregiverId,
          itemCode: o.itemCode,
          category: facts.category,
          plannedMinutes: facts.minutes,
        }));
      await repo.flag(v, 'check_out_without_check_in', { attemptedAt: at.toISOString() });
      await refreshState(tx, v);
    });
  }

  /**
   * Who may confirm: the elder's own account or a bound family member with may-act-for (on their own phone),
   * or the assigned caregiver's phone with the elder's PIN or signature. Anyone else: 403, nothing changes.
   */
  private async confirmer(auth: AuthContext, o: OrderRow, body: ConfirmBody, refusal = false) {
    if (isPersonalAccount(auth.roles)) {
      if (!actsFor(auth, o.elderId)) throw notConfirmer();
      const r = auth.relations.find((x) => x.elderId === o.elderId);
      return { method: 'app', by: r?.kind === 'family' ? 'family' : 'elder' };
    }
    if (o.caregiverId !== auth.userId || !auth.permissions.has('visit:perform')) throw notConfirmer();
    // The elder refusing at the door is recorded by the caregiver, as it is: a finding for the coordinator.
    if (refusal) return { method: 'caregiver', by: 'elder' };
    if (body.pin !== undefined) {
      const keys = await visitRepo(this.deps.db).keysOf(o.elderId);
      if (!keys?.pinHash) throw invalidField('/body/pin', 'visit.no_pin');
      if (keys.pinHash !== this.keys.pinHash(o.elderId, body.pin))
        throw invalidField('/body/pin', 'visit.wrong_pin');
      return { method: 'pin', by: 'elder' };
    }
    if (body.signature !== undefined) return { method: 'signature', by: 'elder' };
    throw invalidField('/body/pin', 'visit.proof_required');
  }

  /** POST /orders/:id/confirm: the elder (or family) confirms the visit, or refuses with a reason. */
  async confirm(auth: AuthContext, actor: Actor, id: string, body: ConfirmBody) {
    const receivedAt = nowOf(this.deps);
    const at = actionTime(body.at, receivedAt);
    if (body.refusedReason) return this.refuse(auth, actor, id, body, at, receivedAt);
    let who: { method: string; by: string } = { method: 'app', by: 'elder' };
    return this.deps.orders.commands.confirm(auth, actor, id, {
      at,
      check: async (o) => {
        who = await this.confirmer(auth, o, body);
      },
      record: async (o, tx) => {
        const repo = visitRepo(tx);
        const v = await repo.byOrder(o.id);
        if (!v) return;
        const confirmation = {
          ...who,
          byUserId: auth.userId,
          at: at.toISOString(),
          receivedAt: receivedAt.toISOString(),
          refusedReason: null,
        };
        const signatureEnc = body.signature
          ? this.deps.cipher.encrypt(body.signature, CIPHER.signature)
          : null;
        const updated = await repo.update(v.id, { confirmation, signatureEnc });
        // A late confirmation settles the "unconfirmed" finding by itself; a refusal stays for the coordinator.
        for (const a of await repo.anomaliesOf([v.id]))
          if (!a.resolvedAt && (a.kind === 'unconfirmed' || a.kind === 'refused'))
            await repo.resolve(a.id, {
              by: auth.userId,
              byName: auth.displayName,
              code: 'confirmed_late',
              note: null,
              at,
            });
        await refreshState(tx, updated);
      },
    });
  }

  private async refuse(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: ConfirmBody,
    at: Date,
    receivedAt: Date,
  ) {
    const o = await orderOf(this.deps, auth, id);
    if (o.status !== 'checked_out') throw invalidState(o, 'confirm');
    const who = await this.confirmer(auth, o, body, true);
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = visitRepo(tx);
      const v = await repo.byOrder(o.id);
      if (!v) throw notFound('visit.not_found');
      const confirmation = {
        ...who,
        byUserId: auth.userId,
        at: at.toISOString(),
        receivedAt: receivedAt.toISOString(),
        refusedReason: body.refusedReason!,
      };
      const updated = await repo.update(v.id, { confirmation });
      await repo.flag(updated, 'refused', { reason: body.refusedReason });
      await refreshState(tx, updated);
      uow.audit({
        action: 'visit.refuse',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: 'visit confirmation refused',
        reason: body.refusedReason!,
      });
    });
    return this.deps.orders.get(auth, id);
  }
}

/** Is the order's visit verified (confirmed and clean, or every anomaly resolved)? For the subsidy module. */
export async function verifiedOrderIds(db: Executor, orderIds: string[]): Promise<Set<string>> {
  return new Set((await visitRepo(db).verified(orderIds)).map((r) => r.orderId));
}
