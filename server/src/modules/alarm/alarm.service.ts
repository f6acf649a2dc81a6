import { randomUUID } from 'node:crypto';
import {
  isPersonalAccount,
  type AlarmExternalService,
  type AlarmOutcome,
  type Locale,
} from '@yiyang/contracts';

import { covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { DomainError, forbidden, invalidField } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/masking.ts';
import { canTransition } from '../../platform/transition.ts';
import { transact } from '../../platform/uow.ts';
import { elderContact, findElder, findElderInScope, type ElderRow } from '../elder/index.ts';
import { AlarmCommands } from './alarm.commands.ts';
import { nowOf, type AlarmDeps } from './alarm.deps.ts';
import { alarmReportWorkbook } from './alarm.report.ts';
import { alarmStats } from './alarm.stats.ts';
import { AlarmDuty } from './alarm.duty.ts';
import { AlarmLadder } from './alarm.ladder.ts';
import { ALARM_MACHINE, ALARM_TRANSITIONS } from './alarm.machine.ts';
import { openAlarm } from './alarm.open.ts';
import { alarmRepo, type AlarmRow } from './alarm.repo.ts';
import { rankResponders } from './alarm.responders.ts';
import type { AlarmDetail, AlarmListQuery, AlarmRaise, AlarmView } from './alarm.schema.ts';

const NOTE_CONTEXT = 'alarm_notes.number';
const COMMANDS = Object.keys(ALARM_TRANSITIONS) as (keyof typeof ALARM_TRANSITIONS)[];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One alarm as lists show it. */
export function alarmView(a: AlarmRow, elderNameMasked: string | null = null): AlarmView {
  return {
    id: a.id,
    status: a.status as AlarmView['status'],
    source: a.source as AlarmView['source'],
    kind: a.kind as AlarmView['kind'],
    regionCode: a.regionCode,
    deviceId: a.deviceId,
    deviceSerial: a.deviceSerial,
    elderIds: a.elderIds,
    elderNameMasked,
    position: a.lat !== null && a.lng !== null ? { lat: a.lat, lng: a.lng } : null,
    occurredAt: a.occurredAt.toISOString(),
    receivedAt: a.receivedAt.toISOString(),
    repeatCount: a.repeatCount,
    lastSeenAt: a.lastSeenAt.toISOString(),
    seat: a.seatUserId ? { id: a.seatUserId, name: a.seatName ?? '' } : null,
    acknowledgedAt: iso(a.acknowledgedAt),
    dispatchKind: a.dispatchKind,
    externalService: a.externalService,
    responder: a.responderId ? { id: a.responderId, name: a.responderName ?? '' } : null,
    dispatchedAt: iso(a.dispatchedAt),
    acceptedAt: iso(a.acceptedAt),
    arrivedAt: iso(a.arrivedAt),
    arriveDistanceM: a.arriveDistanceM,
    closedAt: iso(a.closedAt),
    outcome: a.outcome as AlarmOutcome | null,
    closeNote: a.closeNote,
    followUpOrderId: a.followUpOrderId,
    escalationLevel: a.escalationLevel,
    commands: COMMANDS.filter((c) => canTransition(ALARM_MACHINE, a.status, c)),
  };
}

/** Alarms (紧急呼叫): the queue, the screen pop, raising one, the seat's commands, duty and responders. */
export class AlarmService {
  readonly commands: AlarmCommands;
  readonly ladder: AlarmLadder;
  readonly duty: AlarmDuty;

  constructor(private readonly deps: AlarmDeps) {
    this.commands = new AlarmCommands(deps);
    this.ladder = new AlarmLadder(deps);
    this.duty = new AlarmDuty(deps);
  }

  /** The answering statistics of a month (issue 17 §4). */
  stats(auth: AuthContext, q: { regionCode?: string | undefined; month?: string | undefined }) {
    return alarmStats({ ...this.deps, now: () => nowOf(this.deps) }, auth, q);
  }

  /** …and as the monthly Excel report. */
  async report(
    auth: AuthContext,
    q: { regionCode?: string | undefined; month?: string | undefined },
    l: Locale,
  ) {
    const s = await this.stats(auth, q);
    return { stats: s, workbook: await alarmReportWorkbook(s, l) };
  }

  private async visible(auth: AuthContext, id: string): Promise<AlarmRow> {
    const a = await alarmRepo(this.deps.db).findInScope(auth, id);
    if (!a) throw ALARM_MACHINE.missing!();
    return a;
  }

  async list(auth: AuthContext, q: AlarmListQuery) {
    if (
      q.regionCode &&
      auth.permissions.has('alarm:read') &&
      !covers(auth.scope, { regionCode: q.regionCode })
    )
      throw invalidField('/query/regionCode', 'auth.out_of_scope');
    const rows = await alarmRepo(this.deps.db).list(auth, {
      open: q.state === 'all' ? undefined : q.state === 'open',
      elderId: q.elderId,
      regionCode: q.regionCode,
      limit: q.limit,
    });
    const names = await this.namesOf(rows.flatMap((r) => r.elderIds.slice(0, 1)));
    return { items: rows.map((r) => alarmView(r, names.get(r.elderIds[0] ?? '') ?? null)) };
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of new Set(ids)) {
      const e = await findElder(this.deps.db, id);
      if (e) out.set(id, e.nameMasked ?? '');
    }
    return out;
  }

  /**
   * The screen pop: the alarm, its elders (profile, contacts masked, home on the map), device, timeline,
   * call notes, the ladder and what it sent, and the elder's earlier alarms. A responder sees the address
   * and phone in full (they must get there), nothing of the ladder or other alarms.
   */
  async get(auth: AuthContext, id: string): Promise<AlarmDetail> {
    const a = await this.visible(auth, id);
    const repo = alarmRepo(this.deps.db);
    const seat = auth.permissions.has('alarm:read');
    const responder = !seat && a.responderId === auth.userId;
    const elders: AlarmDetail['elders'] = [];
    for (const elderId of a.elderIds) {
      const row = await findElder(this.deps.db, elderId);
      if (!row) continue;
      elders.push(seat ? await this.seatPop(auth, row) : this.responderPop(row, responder));
    }
    const [timeline, notes, timers, sent, history] = await Promise.all([
      repo.events(a.id),
      repo.notes(a.id),
      seat ? repo.timers(a.id) : Promise.resolve([]),
      seat ? repo.notifications(a.id) : Promise.resolve([]),
      seat && a.elderIds[0]
        ? repo.list(auth, { elderId: a.elderIds[0], limit: 11 })
        : Promise.resolve([] as AlarmRow[]),
    ]);
    return {
      ...alarmView(a, elders[0]?.nameMasked ?? null),
      elders,
      timeline: timeline.map((t) => ({ action: t.action, byName: t.byName, at: t.at.toISOString() })),
      notes: (seat ? notes : []).map((n) => ({
        id: n.id,
        kind: n.kind as 'note' | 'callback',
        body: n.body,
        numberMasked: n.numberMasked,
        byName: n.byName,
        at: n.at.toISOString(),
      })),
      ladder: timers.map((t) => ({
        step: t.step,
        attempt: t.attempt,
        dueAt: t.dueAt.toISOString(),
        firedAt: iso(t.firedAt),
        result: t.result,
      })),
      notifications: sent.map((n) => ({
        channel: n.channel,
        template: n.template,
        to: n.params.to ?? null,
        sentAt: n.sentAt.toISOString(),
      })),
      history: history
        .filter((h) => h.id !== a.id)
        .slice(0, 10)
        .map((h) => ({
          id: h.id,
          kind: h.kind as AlarmView['kind'],
          status: h.status as AlarmView['status'],
          outcome: h.outcome as AlarmOutcome | null,
          receivedAt: h.receivedAt.toISOString(),
        })),
    };
  }

  private async seatPop(auth: AuthContext, row: ElderRow): Promise<AlarmDetail['elders'][number]> {
    const d = auth.permissions.has('elder:read')
      ? await this.deps.elders.get(auth, row.id).catch(() => null)
      : null;
    return {
      id: row.id,
      nameMasked: d?.nameMasked ?? row.nameMasked ?? '',
      sex: d?.sex ?? null,
      age: d?.age ?? null,
      phoneMasked: d?.phoneMasked ?? null,
      addressMasked: d?.addressMasked ?? null,
      regionName: d?.regionName ?? null,
      livingSituation: d?.livingSituation ?? null,
      home: d && d.lat !== null && d.lng !== null ? { lat: d.lat, lng: d.lng } : null,
      health: d?.health ?? null,
      contacts: (d?.family ?? []).map((f) => ({
        name: f.name,
        relationship: f.relationship,
        phoneMasked: f.phoneMasked,
      })),
      address: null,
      phone: null,
    };
  }

  private responderPop(row: ElderRow, full: boolean): AlarmDetail['elders'][number] {
    const contact = full ? elderContact(this.deps.cipher, row) : { address: null, phone: null };
    return {
      id: row.id,
      nameMasked: row.nameMasked ?? '',
      sex: null,
      age: null,
      phoneMasked: row.phoneMasked,
      addressMasked: row.addressMasked,
      regionName: null,
      livingSituation: null,
      home: null,
      health: null,
      contacts: [],
      address: contact.address,
      phone: contact.phone,
    };
  }

  /**
   * POST /alarms. An elder or family member presses SOS on the phone (`phone_sos`, with position); a seat
   * opens one from a 12349 call (`hotline`), the elder found by the caller's number, and has it claimed.
   */
  async raise(auth: AuthContext, actor: Actor, body: AlarmRaise): Promise<AlarmDetail> {
    const seat = auth.permissions.has('alarm:handle') && !isPersonalAccount(auth.roles);
    const elder = seat ? await this.callerElder(auth, body) : await this.ownElder(auth, body.elderId);
    const alarmId = await transact(this.deps, actor, async (tx, uow) => {
      const opened = await openAlarm(tx, uow, {
        source: seat ? 'hotline' : 'phone_sos',
        kind: body.kind,
        deviceId: null,
        deviceSerial: null,
        elderIds: [elder.id],
        regionCode: elder.regionCode,
        position: body.position ?? null,
        occurredAt: nowOf(this.deps),
        messageId: randomUUID(),
        openedBy: { userId: auth.userId, name: auth.displayName },
      });
      if (body.note)
        await alarmRepo(tx).addNote({
          alarmId: opened.alarmId,
          kind: 'note',
          body: body.note,
          byUserId: auth.userId,
          byName: auth.displayName,
        });
      return opened.alarmId;
    });
    if (seat) {
      const row = await alarmRepo(this.deps.db).find(alarmId);
      if (row?.status === 'open') await this.commands.acknowledge(auth, actor, alarmId);
      return this.get(auth, alarmId);
    }
    const row = (await alarmRepo(this.deps.db).find(alarmId))!;
    return this.personalView(row);
  }

  /** What the elder's phone is shown after a press: the alarm without anyone's details. */
  private personalView(a: AlarmRow): AlarmDetail {
    return {
      ...alarmView(a),
      elders: [],
      timeline: [],
      notes: [],
      ladder: [],
      notifications: [],
      history: [],
    };
  }

  private async ownElder(auth: AuthContext, elderId: string | undefined): Promise<ElderRow> {
    const outOfScope = () =>
      new DomainError('alarm.elder_out_of_scope', {
        status: 403,
        errors: [{ pointer: '/body/elderId', code: 'alarm.elder_out_of_scope' }],
      });
    const id = elderId ?? (auth.relations.length === 1 ? auth.relations[0]!.elderId : undefined);
    if (!id || !auth.relations.some((r) => r.elderId === id)) throw outOfScope();
    const elder = await findElder(this.deps.db, id);
    if (!elder) throw outOfScope();
    return elder;
  }

  private async callerElder(auth: AuthContext, body: AlarmRaise): Promise<ElderRow> {
    if (body.elderId) {
      const elder = (await findElderInScope(this.deps.db, auth.scope, body.elderId))?.elder;
      if (!elder)
        throw new DomainError('alarm.elder_out_of_scope', {
          status: 403,
          errors: [{ pointer: '/body/elderId', code: 'alarm.elder_out_of_scope' }],
        });
      return elder;
    }
    if (!body.callerPhone) throw invalidField('/body/elderId', 'alarm.caller_unknown');
    const found = await this.deps.elders.list(auth, { phone: body.callerPhone, limit: 2 } as never);
    const only = found.items.length === 1 ? found.items[0] : undefined;
    const elder = only ? (await findElderInScope(this.deps.db, auth.scope, only.id))?.elder : null;
    if (!elder) throw invalidField('/body/callerPhone', 'alarm.caller_unknown');
    return elder;
  }

  /** A call note; a call-back records the number dialled (encrypted; lists show it masked). */
  async addNote(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { kind: 'note' | 'callback'; body: string; number?: string | undefined },
  ) {
    const a = await this.visible(auth, id);
    if (a.seatUserId !== auth.userId && !auth.permissions.has('alarm:manage'))
      throw new DomainError('alarm.not_your_claim', { status: 403 });
    await transact(this.deps, actor, async (tx, uow) => {
      const note = await alarmRepo(tx).addNote({
        alarmId: a.id,
        kind: body.kind,
        body: body.body,
        numberEnc: body.number ? this.deps.cipher.encrypt(body.number, NOTE_CONTEXT) : null,
        numberMasked: body.number ? maskPhone(body.number) : null,
        byUserId: auth.userId,
        byName: auth.displayName,
      });
      uow.audit({
        action: 'alarm.note',
        entityType: 'alarm',
        entityId: a.id,
        regionCode: a.regionCode,
        summary: body.kind === 'callback' ? 'alarm call-back recorded' : 'alarm note added',
        detail: { noteId: note.id, kind: body.kind },
      });
    });
    return this.get(auth, id);
  }

  /**
   * The medical summary, phone, address and family phones of the alarm's first elder, revealed as the
   * seat's duty: the elder module audits the read (`elder.view_sensitive`) with the alarm as its reason,
   * and the alarm's timeline records it.
   */
  async reveal(auth: AuthContext, actor: Actor, id: string, reason: string | undefined) {
    if (!auth.permissions.has('elder:read_sensitive')) throw forbidden();
    const a = await this.visible(auth, id);
    const elderId = a.elderIds[0];
    if (!elderId) throw new DomainError('alarm.no_elder', { status: 422 });
    const r = await this.deps.elders.reveal(auth, actor, elderId, {
      reason: `紧急呼叫处置 alarm ${a.id}${reason ? `：${reason}` : ''}`,
      fields: ['health', 'phone', 'address', 'family'],
    });
    await alarmRepo(this.deps.db).addEvent({
      alarmId: a.id,
      action: 'revealed',
      byUserId: auth.userId,
      byName: auth.displayName,
      at: nowOf(this.deps),
    });
    return {
      elderId,
      health: r.health ?? null,
      phone: r.phone ?? null,
      address: r.address ?? null,
      family: (r.family ?? []).map((f) => ({ name: f.name, phone: f.phone })),
    };
  }

  async responders(auth: AuthContext, id: string) {
    const a = await this.visible(auth, id);
    return { items: await rankResponders(this.deps.db, this.deps.cipher, a) };
  }

  dispatch(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: {
      responderId?: string | undefined;
      external?: AlarmExternalService | undefined;
      note?: string | undefined;
    },
  ) {
    if (body.external)
      return this.commands.dispatch(auth, actor, id, { external: body.external, note: body.note });
    if (!body.responderId) throw invalidField('/body/responderId', 'alarm.dispatch_target_required');
    return this.commands.dispatch(auth, actor, id, { responderId: body.responderId, note: body.note });
  }
}
