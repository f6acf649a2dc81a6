import { eq } from 'drizzle-orm';
import type { AlarmCommand, AlarmExternalService, AlarmOutcome, AlarmStatus } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import { assign, release } from '../../platform/assignments.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db.ts';
import { DomainError, invalidField } from '../../platform/errors.ts';
import { haversineKm } from '../../platform/geo.ts';
import { transition, type TransitionSpec } from '../../platform/transition.ts';
import { transact } from '../../platform/uow.ts';
import { placeFollowUpOrder } from '../order/index.ts';
import { nowOf, type CommandDeps } from './alarm.deps.ts';
import { ALARM_MACHINE, ALARM_TRANSITIONS } from './alarm.machine.ts';
import { ALARM_SUBJECT, alarmRepo, type AlarmRow } from './alarm.repo.ts';
import { alarmTarget, rankResponders } from './alarm.responders.ts';
import { alarms } from './alarm.table.ts';

type Spec = TransitionSpec<typeof alarms>;
type Prepare = (locked: AlarmRow, tx: Tx, now: Date) => Promise<Spec> | Spec;

const moved = (a: AlarmRow, command: AlarmCommand) => ({
  id: a.id,
  from: a.status as AlarmStatus,
  to: ALARM_TRANSITIONS[command].to as AlarmStatus,
});

const notYourClaim = () => new DomainError('alarm.not_your_claim', { status: 403 });
const notYourDispatch = () => new DomainError('alarm.not_your_dispatch', { status: 403 });

/** The dispatch target: one of our responders, or an external service (120/110/119). */
export type DispatchTarget =
  | { responderId: string; external?: undefined; note?: string | undefined }
  | { responderId?: undefined; external: AlarmExternalService; note?: string | undefined };

/**
 * Sends `responder` to the locked alarm (a seat's dispatch, or the ladder's next responder): the previous
 * responder's grant ends, the new one's begins (assigned to me, while the alarm is open), they are told,
 * and the ladder's accept and arrive timers are set.
 */
export async function sendResponder(
  deps: CommandDeps,
  tx: Tx,
  a: AlarmRow,
  responder: { userId: string; name: string },
  now: Date,
): Promise<Spec> {
  await release(tx, { subjectType: ALARM_SUBJECT, subjectId: a.id });
  await assign(tx, {
    subjectType: ALARM_SUBJECT,
    subjectId: a.id,
    userId: responder.userId,
    elderId: a.elderIds[0] ?? null,
  });
  const tried = [...new Set([...a.triedResponders, ...(a.responderId ? [a.responderId] : [])])];
  const repo = alarmRepo(tx);
  await repo.addTimer({
    alarmId: a.id,
    step: 'accept_overdue',
    attempt: tried.length,
    dueAt: new Date(now.getTime() + deps.ladder.acceptMinutes * 60_000),
  });
  await repo.addTimer({
    alarmId: a.id,
    step: 'arrive_overdue',
    dueAt: new Date((a.dispatchedAt ?? now).getTime() + deps.ladder.arriveMinutes * 60_000),
  });
  await deps.notifier.send(tx, {
    alarmId: a.id,
    to: { userId: responder.userId },
    channel: 'app',
    template: 'alarm.responder_dispatched',
    params: { alarmId: a.id, kind: a.kind },
  });
  return {
    patch: {
      dispatchKind: 'responder',
      externalService: null,
      responderId: responder.userId,
      responderName: responder.name,
      triedResponders: tried,
      dispatchedAt: a.dispatchedAt ?? now,
      acceptedAt: null,
    },
    payload: { ...moved(a, 'dispatch'), responderId: responder.userId, external: null } as never,
  };
}

/** The seat's commands on an alarm (the responder's accept and arrive too), each through `transition()`. */
export class AlarmCommands {
  constructor(private readonly deps: CommandDeps) {}

  private async run(auth: AuthContext, actor: Actor, id: string, command: AlarmCommand, prepare: Prepare) {
    const now = nowOf(this.deps);
    // Scope first (404 outside it, as a read would), then the state machine under the row lock.
    const visible = await alarmRepo(this.deps.db).findInScope(auth, id);
    if (!visible) throw ALARM_MACHINE.missing!();
    return transact(this.deps, actor, (tx, uow) =>
      transition({ tx, uow, actor, now }, ALARM_MACHINE, id, command, (locked) => prepare(locked, tx, now)),
    );
  }

  /** Only the seat that claimed it, or a supervisor (alarm:manage), acts on a claimed alarm. */
  private assertClaimant(auth: AuthContext, a: AlarmRow): void {
    if (a.seatUserId !== auth.userId && !auth.permissions.has('alarm:manage')) throw notYourClaim();
  }

  /** The claim: the first seat wins; the others get 409 naming who has it (the row lock orders them). */
  acknowledge(auth: AuthContext, actor: Actor, id: string) {
    return this.run(auth, actor, id, 'acknowledge', (a, _tx, now) => ({
      patch: { seatUserId: auth.userId, seatName: auth.displayName, acknowledgedAt: now },
      payload: { ...moved(a, 'acknowledge'), seatUserId: auth.userId } as never,
    }));
  }

  dispatch(auth: AuthContext, actor: Actor, id: string, body: DispatchTarget) {
    return this.run(auth, actor, id, 'dispatch', async (a, tx, now) => {
      this.assertClaimant(auth, a);
      if (body.external) {
        await release(tx, { subjectType: ALARM_SUBJECT, subjectId: a.id });
        await alarmRepo(tx).addTimer({
          alarmId: a.id,
          step: 'arrive_overdue',
          dueAt: new Date((a.dispatchedAt ?? now).getTime() + this.deps.ladder.arriveMinutes * 60_000),
        });
        return {
          patch: {
            dispatchKind: 'external',
            externalService: body.external,
            responderId: null,
            responderName: null,
            dispatchedAt: a.dispatchedAt ?? now,
          },
          audit: {
            summary: `alarm dispatch: external ${body.external}`,
            detail: { external: body.external },
          },
          payload: { ...moved(a, 'dispatch'), responderId: null, external: body.external } as never,
        };
      }
      const ranked = await rankResponders(tx, this.deps.cipher, a, 100);
      const pick = ranked.find((r) => r.userId === body.responderId && !r.busy);
      if (!pick) throw invalidField('/body/responderId', 'alarm.responder_unavailable');
      const spec = await sendResponder(this.deps, tx, a, pick, now);
      return {
        ...spec,
        audit: {
          summary: `alarm dispatch: responder ${pick.name}`,
          detail: { responderId: pick.userId, distanceKm: pick.distanceKm },
        },
      };
    });
  }

  accept(auth: AuthContext, actor: Actor, id: string) {
    return this.run(auth, actor, id, 'accept', (a, _tx, now) => {
      if (a.responderId !== auth.userId) throw notYourDispatch();
      return {
        patch: { acceptedAt: now },
        payload: { ...moved(a, 'accept'), responderId: auth.userId } as never,
      };
    });
  }

  /** Arrival at the door, like a visit's check-in: time, position and its distance from where help was needed. */
  arrive(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { position?: { lat: number; lng: number } | undefined },
  ) {
    return this.run(auth, actor, id, 'arrive', async (a, tx, now) => {
      if (a.responderId !== auth.userId) throw notYourDispatch();
      const target = body.position ? await alarmTarget(tx, this.deps.cipher, a) : null;
      const distance = body.position && target ? Math.round(haversineKm(body.position, target) * 1000) : null;
      return {
        patch: {
          arrivedAt: now,
          arriveLat: body.position?.lat ?? null,
          arriveLng: body.position?.lng ?? null,
          arriveDistanceM: distance,
          acceptedAt: a.acceptedAt ?? now,
        },
        audit: { detail: { distanceM: distance } },
        payload: { ...moved(a, 'arrive'), responderId: auth.userId } as never,
      };
    });
  }

  /**
   * Closes with an outcome and notes; the responder's grant ends. A real emergency gets a follow-up visit
   * order (the order module's seam) for each elder, in the same request.
   */
  async close(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { outcome: AlarmOutcome; note?: string | undefined },
  ) {
    const row = await this.run(auth, actor, id, 'close', async (a, tx, now) => {
      this.assertClaimant(auth, a);
      await release(tx, { subjectType: ALARM_SUBJECT, subjectId: a.id });
      return {
        patch: { closedAt: now, outcome: body.outcome, closeNote: body.note ?? null },
        audit: { summary: `alarm closed: ${body.outcome}`, detail: { outcome: body.outcome } },
        payload: { ...moved(a, 'close'), outcome: body.outcome } as never,
      };
    });
    if (body.outcome !== 'real' || !row.elderIds[0]) return row;
    const now = nowOf(this.deps);
    const placed = await placeFollowUpOrder(this.deps, actor, {
      elderId: row.elderIds[0],
      itemCode: this.deps.ladder.followUpItemCode,
      plannedStart: new Date(now.getTime() + this.deps.ladder.followUpAfterHours * 3_600_000),
      note: `紧急呼叫回访 / alarm follow-up ${row.id}`,
    });
    await transact(this.deps, actor, async (tx) => {
      if (placed.orderId)
        await tx.update(alarms).set({ followUpOrderId: placed.orderId }).where(eq(alarms.id, row.id));
      await alarmRepo(tx).addEvent({
        alarmId: row.id,
        action: placed.orderId ? 'follow_up_ordered' : `follow_up_not_placed:${placed.reason}`,
        byUserId: actor.userId,
        byName: actor.name,
        at: now,
      });
    });
    return { ...row, followUpOrderId: placed.orderId };
  }
}
