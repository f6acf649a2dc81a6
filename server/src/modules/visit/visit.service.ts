import { isPersonalAccount, VISIT_ANOMALY_KINDS, type VisitRisk } from '@yiyang/contracts';
import { actsFor, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { elderHomePosition, findElder, findElderInScope } from '../elder/index.ts';
import {
  findOrderInScope,
  invalidState,
  listOrdersInScope,
  type OrderRow,
  type OrderService,
} from '../order/index.ts';
import { findServiceItem } from '../service/index.ts';
import { visitRepo } from './visit.repo.ts';
import {
  actionTime,
  CONFIRM_WITHIN_HOURS,
  cardToken,
  checklistOf,
  codeFor,
  codeMatches,
  codeValidFor,
  DEFAULT_GEOFENCE_M,
  distanceM,
  notConfirmer,
  parseCard,
  photosNever,
  skewOf,
  stateOf,
  tooShort,
} from './visit.rules.ts';
import type { ConfirmBody, EditBody, ObserveBody, PhotoBody, PunchBody } from './visit.schema.ts';
import type { VisitPunch, VisitRow } from './visit.table.ts';

export type VisitDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  orders: OrderService;
  now?: () => Date;
};

const CIPHER = { observation: 'visit.observation', photo: 'visit.photo', signature: 'visit.signature' };
const HOUR = 3_600_000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What the item tells the visit: its category, sub-item, duration and whether photos are ever allowed. */
async function itemFacts(db: Executor, o: OrderRow) {
  const item = await findServiceItem(db, o.itemId);
  return {
    category: item?.category ?? 'daily_living',
    subItem: item?.subItem ?? '',
    minutes:
      item?.durationMinutes ?? Math.round((o.plannedEnd.getTime() - o.plannedStart.getTime()) / 60_000),
    photosAllowed: item?.photosAllowed ?? false,
  };
}

/**
 * Verified visits (issue 15, decision 903): check-in and check-out with proof of presence, the checklist,
 * observations and photos, the elder's confirmation, and the exception queue. The order's state machine does
 * the transitions (`orders.commands`); this service adds the evidence in the same transaction.
 */
export class VisitService {
  constructor(private readonly deps: VisitDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async order(auth: AuthContext, id: string): Promise<OrderRow> {
    const o = await findOrderInScope(this.deps.db, auth, id);
    if (!o) throw notFound('order.not_found');
    return o;
  }

  // ---- secrets: the elder's one-time code, QR card and PIN --------------------------------------------

  private codeSecret = (elderId: string) => this.deps.cipher.blindIndex(elderId, 'visit.code');
  private cardMac = (elderId: string, version: number) =>
    this.deps.cipher.blindIndex(`${elderId}:${version}`, 'visit.card').slice(0, 32);
  private pinHash = (elderId: string, pin: string) =>
    this.deps.cipher.blindIndex(`${elderId}:${pin}`, 'visit.pin');

  /** The elder's own record (their own account only). */
  private ownElder(auth: AuthContext): string {
    const self = auth.relations.find((r) => r.kind === 'self');
    if (!isPersonalAccount(auth.roles) || !self) throw new DomainError('visit.not_elder', { status: 403 });
    return self.elderId;
  }

  /** GET /me/visit-code: the code the elder shows the caregiver at the door (rotates every 5 minutes). */
  visitCode(auth: AuthContext) {
    const elderId = this.ownElder(auth);
    const now = this.now();
    return { code: codeFor(this.codeSecret(elderId), now), validForSeconds: codeValidFor(now) };
  }

  /** PUT /me/visit-pin: the PIN the elder types on the caregiver's phone to confirm a visit. */
  async setPin(auth: AuthContext, actor: Actor, pin: string) {
    const elderId = this.ownElder(auth);
    await transact(this.deps, actor, async (tx, uow) => {
      await visitRepo(tx).setPin(elderId, this.pinHash(elderId, pin));
      uow.audit({
        action: 'visit.pin_set',
        entityType: 'elder',
        entityId: elderId,
        summary: 'visit PIN set',
      });
    });
    return { set: true };
  }

  /** POST /elders/:id/visit-card: (re)issues the QR card fixed in the home; an older card stops working. */
  async issueCard(auth: AuthContext, actor: Actor, elderId: string) {
    const found = await findElderInScope(this.deps.db, auth.scope, elderId);
    if (!found) throw notFound('elder.not_found');
    const elder = found.elder;
    const version = await transact(this.deps, actor, async (tx, uow) => {
      const v = await visitRepo(tx).bumpCard(elderId);
      uow.audit({
        action: 'visit.card_issue',
        entityType: 'elder',
        entityId: elderId,
        regionCode: elder.regionCode,
        summary: `visit card v${v}`,
      });
      return v;
    });
    return { elderId, version, token: cardToken(elderId, this.cardMac(elderId, version)) };
  }

  private async checkProof(o: OrderRow, body: PunchBody, at: Date): Promise<void> {
    if (body.code !== undefined && !codeMatches(this.codeSecret(o.elderId), body.code, at))
      throw new DomainError('visit.wrong_code', {
        errors: [{ pointer: '/body/code', code: 'visit.wrong_code' }],
      });
    if (body.card !== undefined) {
      const card = parseCard(body.card);
      const keys =
        card && card.elderId === o.elderId ? await visitRepo(this.deps.db).keysOf(o.elderId) : null;
      if (!card || !keys || card.mac !== this.cardMac(o.elderId, keys.cardVersion))
        throw new DomainError('visit.wrong_card', {
          errors: [{ pointer: '/body/card', code: 'visit.wrong_card' }],
        });
    }
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

  /** Recomputes the review state from the visit and its open anomalies. */
  private async refresh(tx: Executor, v: VisitRow): Promise<VisitRow> {
    const repo = visitRepo(tx);
    const state = stateOf({
      checkedOut: !!v.checkOut,
      confirmed: !!v.confirmation && !v.confirmation.refusedReason,
      openAnomalies: await repo.openAnomalyCount(v.id),
    });
    return state === v.state ? v : repo.update(v.id, { state });
  }

  /** Flags overlapping visits of the same caregiver (both of them). */
  private async flagOverlaps(tx: Tx, v: VisitRow, from: Date, to: Date): Promise<void> {
    if (!v.caregiverId) return;
    const repo = visitRepo(tx);
    for (const other of await repo.overlapping(v.caregiverId, v.orderId, from, to)) {
      await repo.flag(v, 'overlap', { otherOrderId: other.orderId });
      await repo.flag(other, 'overlap', { otherOrderId: v.orderId });
      await this.refresh(tx, other);
    }
  }

  /** POST /orders/:id/check-in (the assigned caregiver): the order's transition plus the visit's evidence. */
  async checkIn(auth: AuthContext, actor: Actor, id: string, body: PunchBody) {
    const receivedAt = this.now();
    const at = actionTime(body.at, receivedAt);
    return this.deps.orders.commands.checkIn(
      auth,
      actor,
      id,
      { position: body.position },
      {
        at,
        check: (o) => this.checkProof(o, body, at),
        record: async (o, tx) => {
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
          await this.refresh(tx, v);
        },
      },
    );
  }

  /**
   * POST /orders/:id/check-out. Before any check-in the order refuses (409, unchanged); the attempt itself
   * goes to the exception queue (`check_out_without_check_in`): a phone that thinks it visited is a finding.
   */
  async checkOut(auth: AuthContext, actor: Actor, id: string, body: PunchBody) {
    const receivedAt = this.now();
    const at = actionTime(body.at, receivedAt);
    try {
      return await this.deps.orders.commands.checkOut(
        auth,
        actor,
        id,
        { position: body.position },
        {
          at,
          check: (o) => this.checkProof(o, body, at),
          record: async (o, tx) => {
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
            await this.refresh(tx, v);
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
      await this.refresh(tx, v);
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
      if (keys.pinHash !== this.pinHash(o.elderId, body.pin))
        throw invalidField('/body/pin', 'visit.wrong_pin');
      return { method: 'pin', by: 'elder' };
    }
    if (body.signature !== undefined) return { method: 'signature', by: 'elder' };
    throw invalidField('/body/pin', 'visit.proof_required');
  }

  /** POST /orders/:id/confirm: the elder (or family) confirms the visit, or refuses with a reason. */
  async confirm(auth: AuthContext, actor: Actor, id: string, body: ConfirmBody) {
    const receivedAt = this.now();
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
        await this.refresh(tx, updated);
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
    const o = await this.order(auth, id);
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
      await this.refresh(tx, updated);
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

  /** The visit of a checked-in order, for the caregiver who is doing it. */
  private async ongoing(auth: AuthContext, id: string) {
    const o = await this.order(auth, id);
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
    const at = actionTime(body.at, this.now());
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
    const at = actionTime(body.at, this.now());
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
    const at = actionTime(body.at, this.now());
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
    const o = await this.order(auth, id);
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
      visit: this.viewOf(v),
      checklist: [...checklist],
      photosAllowed: !photosNever(facts.subItem, facts.photosAllowed),
      events,
      anomalies: (await repo.anomaliesOf([v.id])).map(anomalyView),
    };
  }

  private viewOf(v: VisitRow) {
    return {
      id: v.id,
      orderId: v.orderId,
      elderId: v.elderId,
      regionCode: v.regionCode,
      providerId: v.providerId,
      caregiverId: v.caregiverId,
      itemCode: v.itemCode,
      category: v.category,
      plannedMinutes: v.plannedMinutes,
      checkIn: v.checkIn ?? null,
      checkOut: v.checkOut ?? null,
      startedAt: iso(v.startedAt),
      endedAt: iso(v.endedAt),
      checklistDone: v.checklistDone,
      confirmation: v.confirmation
        ? {
            method: v.confirmation.method,
            by: v.confirmation.by,
            at: v.confirmation.at,
            refusedReason: v.confirmation.refusedReason,
          }
        : null,
      hasSignature: !!v.signatureEnc,
      state: v.state,
    };
  }

  /** GET /me/visits/today: the caregiver's day in route order (planned start), for the phone to cache. */
  async today(auth: AuthContext) {
    const now = this.now();
    const day = todayIso(now);
    const rows = await listOrdersInScope(
      this.deps.db,
      auth,
      {
        caregiverId: auth.userId,
        from: new Date(`${day}T00:00:00+08:00`),
        to: new Date(`${addDays(day, 1)}T00:00:00+08:00`),
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

  // ---- the exception queue ------------------------------------------------------------------------------

  async list(
    auth: AuthContext,
    q: { state?: string | undefined; kind?: string | undefined; providerId?: string | undefined } & {
      caregiverId?: string | undefined;
      regionCode?: string | undefined;
      limit: number;
    },
  ) {
    const repo = visitRepo(this.deps.db);
    const rows = await repo.list(auth, q, q.limit);
    const anomalies = await repo.anomaliesOf(rows.map((r) => r.v.id));
    return {
      items: rows.map((r) => ({
        ...this.viewOf(r.v),
        caregiverName: r.caregiverName,
        anomalies: anomalies.filter((a) => a.visitId === r.v.id).map(anomalyView),
      })),
    };
  }

  private async inScope(auth: AuthContext, id: string): Promise<VisitRow> {
    const v = await visitRepo(this.deps.db).findInScope(auth, id);
    if (!v) throw notFound('visit.not_found');
    return v;
  }

  /** POST /visits/:id/anomalies/:anomalyId/resolve: a coordinator's reason code (and note). */
  async resolve(
    auth: AuthContext,
    actor: Actor,
    id: string,
    anomalyId: string,
    body: { code: string; note?: string | undefined },
  ) {
    const v = await this.inScope(auth, id);
    const repo0 = visitRepo(this.deps.db);
    const a = await repo0.anomaly(v.id, anomalyId);
    if (!a) throw notFound('visit.anomaly_not_found');
    if (a.resolvedAt) throw new DomainError('visit.anomaly_resolved', { status: 409 });
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = visitRepo(tx);
      const done = await repo.resolve(a.id, {
        by: auth.userId,
        byName: auth.displayName,
        code: body.code,
        note: body.note ?? null,
        at: this.now(),
      });
      if (!done) throw new DomainError('visit.anomaly_resolved', { status: 409 });
      await this.refresh(tx, v);
      uow.audit({
        action: 'visit.anomaly_resolve',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: `${a.kind} resolved: ${body.code}`,
        reason: body.code,
        detail: { kind: a.kind, code: body.code },
      });
    });
    return this.list1(auth, v.id);
  }

  private async list1(auth: AuthContext, id: string) {
    const v = await this.inScope(auth, id);
    const anomalies = await visitRepo(this.deps.db).anomaliesOf([v.id]);
    return { ...this.viewOf(v), caregiverName: null, anomalies: anomalies.map(anomalyView) };
  }

  /** PATCH /visits/:id: corrects the times after the fact, with a reason code; audited with before/after. */
  async edit(auth: AuthContext, actor: Actor, id: string, body: EditBody) {
    const v = await this.inScope(auth, id);
    if (!body.checkInAt && !body.checkOutAt) throw invalidField('/body', 'visit.edit_nothing');
    const start = body.checkInAt ? new Date(body.checkInAt) : v.startedAt;
    const end = body.checkOutAt ? new Date(body.checkOutAt) : v.endedAt;
    if (start && end && end <= start) throw invalidField('/body/checkOutAt', 'visit.edit_order');
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = visitRepo(tx);
      const patch: Partial<VisitRow> = {};
      if (body.checkInAt && v.checkIn) patch.checkIn = { ...v.checkIn, at: body.checkInAt };
      if (body.checkOutAt && v.checkOut) patch.checkOut = { ...v.checkOut, at: body.checkOutAt };
      const updated = await repo.update(v.id, { ...patch, startedAt: start, endedAt: end });
      if (start && end) {
        const d = tooShort(start, end, v.plannedMinutes);
        if (d.short)
          await repo.flag(updated, 'too_short', { minutes: d.minutes, plannedMinutes: v.plannedMinutes });
      }
      await this.refresh(tx, updated);
      uow.audit({
        action: 'visit.edit',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: `visit corrected: ${body.reason}`,
        reason: body.reason,
        detail: {
          before: { startedAt: iso(v.startedAt), endedAt: iso(v.endedAt) },
          after: { startedAt: iso(start), endedAt: iso(end) },
          note: body.note ?? null,
        },
      });
    });
    return this.list1(auth, v.id);
  }

  /** GET /visits/compliance: per provider and caregiver, the share verified and the anomalies by kind. */
  async compliance(auth: AuthContext, q: { regionCode?: string | undefined; from: string; to: string }) {
    const from = new Date(`${q.from}T00:00:00+08:00`);
    const to = new Date(`${addDays(q.to, 1)}T00:00:00+08:00`);
    const { byState, byKind } = await visitRepo(this.deps.db).compliance(auth, q.regionCode, from, to);
    type Row = {
      providerId: string | null;
      caregiverId: string | null;
      caregiverName: string | null;
      visits: number;
      verified: number;
      anomalous: number;
      byKind: Record<string, number>;
    };
    const caregivers = new Map<string, Row>();
    for (const r of byState) {
      const key = `${r.providerId}|${r.caregiverId}`;
      const row = caregivers.get(key) ?? {
        providerId: r.providerId,
        caregiverId: r.caregiverId,
        caregiverName: r.caregiverName,
        visits: 0,
        verified: 0,
        anomalous: 0,
        byKind: {},
      };
      row.visits += r.n;
      if (r.state === 'verified') row.verified += r.n;
      if (r.state === 'anomalous') row.anomalous += r.n;
      caregivers.set(key, row);
    }
    for (const k of byKind) {
      const row = caregivers.get(`${k.providerId}|${k.caregiverId}`);
      if (row) row.byKind[k.kind] = (row.byKind[k.kind] ?? 0) + k.n;
    }
    const providers = new Map<string, Omit<Row, 'caregiverId' | 'caregiverName'>>();
    for (const c of caregivers.values()) {
      const key = String(c.providerId);
      const p = providers.get(key) ?? {
        providerId: c.providerId,
        visits: 0,
        verified: 0,
        anomalous: 0,
        byKind: {},
      };
      p.visits += c.visits;
      p.verified += c.verified;
      p.anomalous += c.anomalous;
      for (const [kind, n] of Object.entries(c.byKind)) p.byKind[kind] = (p.byKind[kind] ?? 0) + n;
      providers.set(key, p);
    }
    const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);
    const withShares = <T extends { visits: number; verified: number; byKind: Record<string, number> }>(
      r: T,
    ) => ({
      ...r,
      verifiedShare: share(r.verified, r.visits),
      kindShare: Object.fromEntries(
        VISIT_ANOMALY_KINDS.filter((k) => r.byKind[k]).map((k) => [k, share(r.byKind[k]!, r.visits)]),
      ),
    });
    return {
      from: q.from,
      to: q.to,
      providers: [...providers.values()].map(withShares),
      caregivers: [...caregivers.values()].map(withShares),
    };
  }

  /** Schedule: checked-out visits nobody confirmed within CONFIRM_WITHIN_HOURS enter the queue (idempotent). */
  async scanUnconfirmed(): Promise<number> {
    const before = new Date(this.now().getTime() - CONFIRM_WITHIN_HOURS * HOUR);
    let n = 0;
    for (const v of await visitRepo(this.deps.db).unconfirmedSince(before)) {
      await this.deps.db.transaction(async (tx) => {
        const repo = visitRepo(tx);
        if (await repo.flag(v, 'unconfirmed', { hours: CONFIRM_WITHIN_HOURS })) n++;
        await this.refresh(tx, v);
      });
    }
    return n;
  }

  /** PUT /visit-geofences/:regionCode: the radius for a region (district, street or community). */
  async setGeofence(auth: AuthContext, actor: Actor, regionCode: string, radiusM: number) {
    if (auth.scope.regionPrefix === null || !regionCode.startsWith(auth.scope.regionPrefix))
      throw forbidden();
    await transact(this.deps, actor, async (tx, uow) => {
      await visitRepo(tx).setGeofence(regionCode, radiusM);
      uow.audit({
        action: 'visit.geofence',
        entityType: 'region',
        entityId: regionCode,
        regionCode,
        summary: `visit geofence ${radiusM} m`,
      });
    });
    return { regionCode, radiusM };
  }
}

function anomalyView(a: {
  id: string;
  kind: string;
  detail: Record<string, unknown>;
  detectedAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolutionCode: string | null;
  resolutionNote: string | null;
}) {
  return {
    id: a.id,
    kind: a.kind,
    detail: a.detail,
    detectedAt: a.detectedAt.toISOString(),
    resolvedAt: iso(a.resolvedAt),
    resolvedByName: a.resolvedByName,
    resolutionCode: a.resolutionCode,
    resolutionNote: a.resolutionNote,
  };
}

/** Is the order's visit verified (confirmed and clean, or every anomaly resolved)? For the subsidy module. */
export async function verifiedOrderIds(db: Executor, orderIds: string[]): Promise<Set<string>> {
  return new Set((await visitRepo(db).verified(orderIds)).map((r) => r.orderId));
}
