import type { AlarmCommand, AlarmStatus } from '@yiyang/contracts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { StateMachine, TransitionRule } from '../../platform/transition.ts';
import { alarmRepo, type AlarmRow } from './alarm.repo.ts';
import { alarms } from './alarm.table.ts';

type Rule = TransitionRule<AlarmStatus, AlarmRow>;

/**
 * 409 for a command the alarm's state does not allow; nothing is changed. A second seat's claim names
 * who has the alarm (`alarm.already_claimed`).
 */
export function refused(a: Pick<AlarmRow, 'status' | 'seatName'>, command: AlarmCommand): DomainError {
  if (command === 'acknowledge' && a.status !== 'closed' && a.seatName)
    return new DomainError('alarm.already_claimed', {
      status: 409,
      params: { name: a.seatName },
      errors: [{ pointer: '/status', code: 'alarm.already_claimed', params: { name: a.seatName } }],
    });
  return new DomainError('alarm.invalid_state', {
    status: 409,
    params: { status: a.status, command },
    errors: [{ pointer: '/status', code: 'alarm.invalid_state', params: { status: a.status, command } }],
  });
}

/**
 * The alarm workflow (issue 16 §4) as data: open → acknowledged (the claim) → dispatched (a responder, or
 * an external 120/110 call) → accepted (the responder, on the phone) → arrived (time and position) →
 * closed with an outcome. A seat may re-dispatch while help has not arrived, and close once claimed
 * (a false alarm needs nobody sent).
 */
export const ALARM_TRANSITIONS = {
  acknowledge: {
    from: ['open'],
    to: 'acknowledged',
    timeline: 'acknowledged',
    audit: 'alarm.acknowledge',
    topic: 'alarm.acknowledged',
  },
  dispatch: {
    from: ['acknowledged', 'dispatched', 'accepted'],
    to: 'dispatched',
    timeline: 'dispatched',
    audit: 'alarm.dispatch',
    topic: 'alarm.dispatched',
  },
  accept: {
    from: ['dispatched'],
    to: 'accepted',
    timeline: 'accepted',
    audit: 'alarm.accept',
    topic: 'alarm.accepted',
  },
  // Accepting is not required: a responder may record arrival straight from `dispatched`.
  arrive: {
    from: ['dispatched', 'accepted'],
    to: 'arrived',
    timeline: 'arrived',
    audit: 'alarm.arrive',
    topic: 'alarm.arrived',
  },
  close: {
    from: ['acknowledged', 'dispatched', 'accepted', 'arrived'],
    to: 'closed',
    timeline: 'closed',
    audit: 'alarm.close',
    topic: 'alarm.closed',
  },
} as const satisfies Record<AlarmCommand, Rule>;

export const ALARM_MACHINE: StateMachine<typeof alarms, AlarmStatus, AlarmCommand> = {
  entityType: 'alarm',
  table: alarms,
  transitions: ALARM_TRANSITIONS,
  refused,
  missing: () => notFound('alarm.not_found'),
  scope: (row) => ({ regionCode: row.regionCode }),
  timeline: (tx, e) =>
    alarmRepo(tx).addEvent({
      alarmId: e.entityId,
      action: e.action,
      byUserId: e.actor.userId,
      byName: e.actor.name,
      at: e.at,
    }),
};
