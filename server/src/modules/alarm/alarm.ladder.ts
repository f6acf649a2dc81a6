import { regionPrefix, type AlarmDutyRole } from '@yiyang/contracts';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db.ts';
import { transition } from '../../platform/transition.ts';
import { transact, type UnitOfWork } from '../../platform/uow.ts';
import { familyToNotify } from '../elder/index.ts';
import { sendResponder } from './alarm.commands.ts';
import { nowOf, type CommandDeps } from './alarm.deps.ts';
import { ALARM_MACHINE } from './alarm.machine.ts';
import { alarmRepo, dutyRepo, type AlarmRow, type AlarmTimerRow } from './alarm.repo.ts';
import { rankResponders } from './alarm.responders.ts';
import { alarms } from './alarm.table.ts';

/**
 * The escalation ladder (升级阶梯) of a deployment (issue 16 §5). Seconds and minutes come from the
 * configuration (ALARM_ACK_SECONDS, ALARM_ACCEPT_MINUTES, ALARM_ARRIVE_MINUTES).
 */
export interface Ladder {
  /** Not claimed in this many seconds → the seat supervisor. */
  ackSeconds: number;
  /** A responder who has not accepted in this many minutes → the next responder. */
  acceptMinutes: number;
  /** Nobody on site this many minutes after the first dispatch → the duty officer. */
  arriveMinutes: number;
  /** The catalogue item of a real emergency's follow-up visit (上门探访), and how many hours later. */
  followUpItemCode: string;
  followUpAfterHours: number;
}

export const ladderOf = (config: Config): Ladder => ({
  ackSeconds: config.ALARM_ACK_SECONDS,
  acceptMinutes: config.ALARM_ACCEPT_MINUTES,
  arriveMinutes: config.ALARM_ARRIVE_MINUTES,
  followUpItemCode: 'TF0101',
  followUpAfterHours: 24,
});

/** Timers fired per transaction of the schedule (the rest wait for the next run, a second later). */
const BATCH = 50;

/**
 * Fires due ladder timers on durable rows (`alarm_timers`): each run takes due rows with
 * `FOR UPDATE SKIP LOCKED` (several instances split them; none fires twice) and marks each fired in the
 * same transaction as what its step did. A timer due while the server was down fires on the first run after
 * start. Returns how many fired.
 */
export class AlarmLadder {
  constructor(private readonly deps: CommandDeps) {}

  async fireDue(): Promise<number> {
    const now = nowOf(this.deps);
    return transact(this.deps, SYSTEM_ACTOR, async (tx, uow) => {
      const repo = alarmRepo(tx);
      const due = await repo.dueTimers(now, BATCH);
      for (const t of due) {
        const [alarm] = await tx.select().from(alarms).where(eq(alarms.id, t.alarmId)).for('update');
        const result = alarm ? await this.fire(tx, uow, t, alarm, now) : 'alarm gone';
        await repo.markFired(t.id, now, result);
      }
      return due.length;
    });
  }

  private async fire(tx: Tx, uow: UnitOfWork, t: AlarmTimerRow, a: AlarmRow, now: Date): Promise<string> {
    if (a.status === 'closed') return 'closed before due';
    switch (t.step) {
      case 'opened':
        return this.opened(tx, uow, a, now);
      case 'ack_overdue':
        if (a.status !== 'open') return 'claimed in time';
        return this.escalate(tx, uow, a, 'ack_overdue', ['seat_supervisor', 'duty_officer'], now);
      case 'accept_overdue':
        if (a.status !== 'dispatched' || a.dispatchKind !== 'responder') return 'accepted in time';
        if (t.attempt !== a.triedResponders.length) return 'superseded by a later dispatch';
        return this.nextResponder(tx, uow, a, now);
      case 'arrive_overdue':
        if (a.status === 'arrived') return 'arrived in time';
        return this.escalate(tx, uow, a, 'arrive_overdue', ['duty_officer'], now);
      default:
        return `unknown step ${t.step}`;
    }
  }

  /** At once: the family is told; with no seat on duty, the duty officer too; the claim timer is set. */
  private async opened(tx: Tx, uow: UnitOfWork, a: AlarmRow, now: Date): Promise<string> {
    const told: string[] = [];
    for (const f of await familyToNotify(tx, this.deps.cipher, a.elderIds)) {
      const params = { alarmId: a.id, kind: a.kind };
      if (f.phone) {
        await this.deps.notifier.send(tx, {
          alarmId: a.id,
          to: { userId: f.userId, phone: f.phone },
          channel: 'sms',
          template: 'alarm.family_opened',
          params,
        });
        told.push('family sms');
      }
      if (f.userId) {
        await this.deps.notifier.send(tx, {
          alarmId: a.id,
          to: { userId: f.userId },
          channel: 'app',
          template: 'alarm.family_opened',
          params,
        });
        told.push('family app');
      }
    }
    await alarmRepo(tx).addTimer({
      alarmId: a.id,
      step: 'ack_overdue',
      dueAt: new Date(a.receivedAt.getTime() + this.deps.ladder.ackSeconds * 1000),
    });
    if (
      a.status === 'open' &&
      (await this.onDutyFor(tx, a, ['hotline_operator', 'seat_supervisor'], now)).length === 0
    )
      told.push(await this.escalate(tx, uow, a, 'no_seat', ['duty_officer'], now));
    return told.length ? told.join(', ') : 'nobody to tell';
  }

  private async onDutyFor(tx: Tx, a: AlarmRow, roles: AlarmDutyRole[], now: Date) {
    const shifts = await dutyRepo(tx).onDuty(now, roles);
    return shifts.filter((s) => a.regionCode.startsWith(regionPrefix(s.regionCode)));
  }

  /** Tells whoever of `roles` is on duty for the alarm's area; the timeline, audit and an event record it. */
  private async escalate(
    tx: Tx,
    uow: UnitOfWork,
    a: AlarmRow,
    step: string,
    roles: AlarmDutyRole[],
    now: Date,
  ): Promise<string> {
    const people = await this.onDutyFor(tx, a, roles, now);
    const seen = new Set<string>();
    for (const p of people) {
      if (seen.has(p.userId)) continue;
      seen.add(p.userId);
      await this.deps.notifier.send(tx, {
        alarmId: a.id,
        to: { userId: p.userId },
        channel: 'app',
        template: `alarm.escalated_${step}`,
        params: { alarmId: a.id, kind: a.kind, step },
      });
    }
    await tx
      .update(alarms)
      .set({ escalationLevel: a.escalationLevel + 1 })
      .where(eq(alarms.id, a.id));
    await alarmRepo(tx).addEvent({ alarmId: a.id, action: `escalated_${step}`, byName: 'system', at: now });
    uow.audit({
      action: 'alarm.escalate',
      entityType: 'alarm',
      entityId: a.id,
      regionCode: a.regionCode,
      summary: `alarm escalated (${step}) to ${seen.size} on duty`,
      detail: { step, notified: [...seen] },
    });
    uow.emit('alarm.escalated', { id: a.id, step }, { regionCode: a.regionCode });
    return seen.size
      ? `${step}: told ${seen.size} (${roles.join('/')})`
      : `${step}: nobody of ${roles.join('/')} on duty`;
  }

  /** The responder did not accept in time: the next nearest one is sent, or the duty officer told. */
  private async nextResponder(tx: Tx, uow: UnitOfWork, a: AlarmRow, now: Date): Promise<string> {
    const next = (await rankResponders(tx, this.deps.cipher, a, 20)).find(
      (r) => !r.tried && !r.busy && r.userId !== a.responderId,
    );
    if (!next) return this.escalate(tx, uow, a, 'accept_overdue', ['duty_officer', 'seat_supervisor'], now);
    await transition(
      { tx, uow, actor: SYSTEM_ACTOR, now },
      ALARM_MACHINE,
      a.id,
      'dispatch',
      async (locked) => ({
        ...(await sendResponder(this.deps, tx, locked, next, now)),
        audit: {
          summary: `alarm re-dispatched by the ladder: ${next.name}`,
          detail: { responderId: next.userId, previous: locked.responderId },
        },
      }),
    );
    return `next responder ${next.name}`;
  }
}
