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

/**
 * Answering targets (PRODUCT.md §4.6, social-alarm practice): shares of alarms acknowledged by a seat within
 * 60 s and 180 s of receipt, and of responder dispatches at the door within 45 minutes.
 */
export const ALARM_TARGETS = { ack60: 0.985, ack180: 0.99, door45: 0.9 } as const;

/** The counters of one grouping of the answering statistics (decision 026 defines each). */
export interface AlarmStatsCounts {
  total: number;
  acknowledged: number;
  ack60: number;
  ack180: number;
  doorDue: number;
  door45: number;
  coded: number;
  falseAlarms: number;
  /** null: nothing counted towards the share (an empty month is not "0 %"). */
  ack60Share: number | null;
  ack180Share: number | null;
  door45Share: number | null;
  falseShare: number | null;
}

/** `GET /api/v1/stats/alarms`: one month (China time) in one region. */
export interface AlarmStats extends AlarmStatsCounts {
  regionCode: string;
  regionName: string;
  month: string;
  from: string;
  to: string;
  targets: typeof ALARM_TARGETS;
  open: number;
  ackP50Seconds: number | null;
  ackP90Seconds: number | null;
  doorP50Minutes: number | null;
  doorP90Minutes: number | null;
  byKind: { kind: string; count: number }[];
  byOutcome: { outcome: string | null; count: number }[];
  /** A device type, or the source of alarms without a device (`phone_sos`, `hotline`), or `unknown`. */
  byDeviceType: (AlarmStatsCounts & { type: string })[];
  bySeat: (AlarmStatsCounts & { userId: string; seatName: string | null; ackP50Seconds: number | null })[];
  byRegion: (AlarmStatsCounts & { regionCode: string; regionName: string })[];
  daily: (AlarmStatsCounts & { date: string })[];
  /** Devices in service now, and those heard from within two heartbeat intervals and 60 s. */
  devices: { total: number; online: number; onlineShare: number | null };
}
