/**
 * Emergency assistance (紧急援助, issue 16, PRODUCT.md §4.6): alarms from devices, the phone and the 12349
 * hotline, handled by seats on a duty rota and responders at the door. Codes only; the console's labels are in
 * web/src/i18n/<locale>/alarm.ts.
 */

/** Where an alarm came from. */
/** `health_alert`: a health alert a person verified and escalated (health module, issue 17). */
export const ALARM_SOURCES = ['device', 'vendor_http', 'phone_sos', 'hotline', 'health_alert'] as const;
export type AlarmSource = (typeof ALARM_SOURCES)[number];

/** What the alarm is about (the device's event kind; `sos` for a press of the button or the phone). */
export const ALARM_KINDS = [
  'sos',
  'fall',
  'smoke',
  'gas',
  'water',
  'door',
  'bed_exit',
  'vital',
  'other',
  'health_alert',
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** The alarm state machine (server/src/modules/alarm/alarm.machine.ts, decision 9xx-alarms). */
export const ALARM_STATUSES = [
  'open',
  'acknowledged',
  'dispatched',
  'accepted',
  'arrived',
  'closed',
] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

/** Every status but `closed`: repeats fold into such an alarm, and a responder sees it while it is one. */
export const OPEN_ALARM_STATUSES: readonly AlarmStatus[] = [
  'open',
  'acknowledged',
  'dispatched',
  'accepted',
  'arrived',
];

/** Commands after opening, as in the route names `POST /alarms/{id}/{command}`. */
export const ALARM_COMMANDS = ['acknowledge', 'dispatch', 'accept', 'arrive', 'close'] as const;
export type AlarmCommand = (typeof ALARM_COMMANDS)[number];

/** How an alarm ended (结案). `real` creates a follow-up visit order. */
export const ALARM_OUTCOMES = ['real', 'false_alarm', 'test', 'device_fault'] as const;
export type AlarmOutcome = (typeof ALARM_OUTCOMES)[number];

/** Who was sent: a responder of ours, or an external emergency service (120 ambulance, 110 police, 119 fire). */
export const ALARM_DISPATCH_KINDS = ['responder', 'external'] as const;
export type AlarmDispatchKind = (typeof ALARM_DISPATCH_KINDS)[number];
export const ALARM_EXTERNAL_SERVICES = ['120', '110', '119'] as const;
export type AlarmExternalService = (typeof ALARM_EXTERNAL_SERVICES)[number];

/** Call notes on an alarm: a free note, or a call-back with the number dialled (click-to-call hook). */
export const ALARM_NOTE_KINDS = ['note', 'callback'] as const;
export type AlarmNoteKind = (typeof ALARM_NOTE_KINDS)[number];

/** Roles on the duty rota (值班表). */
export const ALARM_DUTY_ROLES = ['hotline_operator', 'seat_supervisor', 'duty_officer'] as const;
export type AlarmDutyRole = (typeof ALARM_DUTY_ROLES)[number];

/** Steps of the escalation ladder (升级阶梯), each a durable timer. */
export const ALARM_LADDER_STEPS = [
  // At once: the bound family members are told, and with no seat on duty the duty officer.
  'opened',
  // Not acknowledged in `ackSeconds` → the seat supervisor.
  'ack_overdue',
  // The responder did not accept in `acceptMinutes` → the next responder.
  'accept_overdue',
  // Nobody on site in `arriveMinutes` → the duty officer.
  'arrive_overdue',
] as const;
export type AlarmLadderStep = (typeof ALARM_LADDER_STEPS)[number];
