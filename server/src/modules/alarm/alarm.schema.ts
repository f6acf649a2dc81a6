import { z } from 'zod';
import {
  ALARM_DUTY_ROLES,
  ALARM_EXTERNAL_SERVICES,
  ALARM_KINDS,
  ALARM_NOTE_KINDS,
  ALARM_OUTCOMES,
  ALARM_SOURCES,
  ALARM_STATUSES,
  LOCALES,
} from '@yiyang/contracts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

const isoDateTime = z.iso.datetime({ offset: true });
const note = text().max(1000);
const position = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();
const nullableName = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const idParams = z.object({ id: z.uuid() }).strict();
export const userParams = z.object({ userId: z.uuid() }).strict();
export const emptyBody = z.object({}).strict();

export const listQuery = z
  .object({
    state: z.enum(['open', 'closed', 'all']).default('all'),
    elderId: z.uuid().optional(),
    regionCode: regionCodeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AlarmListQuery = z.infer<typeof listQuery>;

/** Phone SOS (elder, family: `elderId`, position) or a seat's 12349 call (`elderId` or the caller's number). */
export const raiseBody = z
  .object({
    elderId: z.uuid().optional(),
    callerPhone: text().min(7).max(20).optional(),
    kind: z.enum(ALARM_KINDS).default('sos'),
    position: position.optional(),
    note: note.optional(),
  })
  .strict();
export type AlarmRaise = z.infer<typeof raiseBody>;

export const dispatchBody = z
  .object({
    responderId: z.uuid().optional(),
    external: z.enum(ALARM_EXTERNAL_SERVICES).optional(),
    note: note.optional(),
  })
  .strict();
export const arriveBody = z.object({ position: position.optional() }).strict();
export const closeBody = z.object({ outcome: z.enum(ALARM_OUTCOMES), note: note.optional() }).strict();
export const noteBody = z
  .object({
    kind: z.enum(ALARM_NOTE_KINDS).default('note'),
    body: text().min(1).max(1000),
    // A call-back: the number dialled (stored encrypted, listed masked).
    number: text().min(3).max(20).optional(),
  })
  .strict();
export const revealBody = z.object({ reason: text().min(2).max(200).optional() }).strict();

export const alarmView = z.object({
  id: z.uuid(),
  status: z.enum(ALARM_STATUSES),
  source: z.enum(ALARM_SOURCES),
  kind: z.enum(ALARM_KINDS),
  regionCode: z.string(),
  deviceId: z.uuid().nullable(),
  deviceSerial: z.string().nullable(),
  elderIds: z.array(z.uuid()),
  /** The first elder's masked name (张*), for the queue. */
  elderNameMasked: z.string().nullable(),
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  repeatCount: z.number().int(),
  lastSeenAt: z.string(),
  seat: nullableName,
  acknowledgedAt: z.string().nullable(),
  dispatchKind: z.string().nullable(),
  externalService: z.string().nullable(),
  responder: nullableName,
  dispatchedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  arriveDistanceM: z.number().int().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.enum(ALARM_OUTCOMES).nullable(),
  closeNote: z.string().nullable(),
  followUpOrderId: z.uuid().nullable(),
  escalationLevel: z.number().int(),
  /** Commands the state allows (the console's buttons); the caller's permissions still apply. */
  commands: z.array(z.string()),
});
export type AlarmView = z.infer<typeof alarmView>;

export const alarmList = z.object({ items: z.array(alarmView) });

const elderPop = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  sex: z.string().nullable(),
  age: z.number().int().nullable(),
  phoneMasked: z.string().nullable(),
  addressMasked: z.string().nullable(),
  regionName: z.string().nullable(),
  livingSituation: z.string().nullable(),
  /** Home position rounded to ~1 km (the seat's map). */
  home: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  health: z
    .object({
      chronicDiseaseCount: z.number().int(),
      hasAllergies: z.boolean(),
      familyDoctorSigned: z.boolean(),
    })
    .nullable(),
  contacts: z.array(
    z.object({ name: z.string(), relationship: z.string(), phoneMasked: z.string().nullable() }),
  ),
  /** Address and phone in full: only for the dispatched responder, while the alarm is open. */
  address: z.string().nullable(),
  phone: z.string().nullable(),
});

export const alarmDetail = alarmView.extend({
  elders: z.array(elderPop),
  timeline: z.array(z.object({ action: z.string(), byName: z.string().nullable(), at: z.string() })),
  notes: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(ALARM_NOTE_KINDS),
      body: z.string(),
      numberMasked: z.string().nullable(),
      byName: z.string(),
      at: z.string(),
    }),
  ),
  /** The ladder: each timer, when due, when fired and what it did. */
  ladder: z.array(
    z.object({
      step: z.string(),
      attempt: z.number().int(),
      dueAt: z.string(),
      firedAt: z.string().nullable(),
      result: z.string().nullable(),
    }),
  ),
  notifications: z.array(
    z.object({ channel: z.string(), template: z.string(), to: z.string().nullable(), sentAt: z.string() }),
  ),
  /** The same elder's earlier alarms, newest first. */
  history: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(ALARM_KINDS),
      status: z.enum(ALARM_STATUSES),
      outcome: z.enum(ALARM_OUTCOMES).nullable(),
      receivedAt: z.string(),
    }),
  ),
});
export type AlarmDetail = z.infer<typeof alarmDetail>;

export const revealView = z.object({
  elderId: z.uuid(),
  health: z
    .object({
      chronicDiseases: z.array(z.string()),
      allergies: z.array(z.string()),
      medications: z.array(z.string()),
      familyDoctor: z
        .object({
          signed: z.boolean(),
          doctorName: z.string().nullish(),
          institution: z.string().nullish(),
          signedOn: z.string().nullish(),
        })
        .nullable(),
    })
    .nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  family: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
});

export const responderList = z.object({
  items: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      regionCode: z.string(),
      distanceKm: z.number().nullable(),
      tried: z.boolean(),
      busy: z.boolean(),
    }),
  ),
});

export const dutyView = z.object({
  /** The caller's current shift, if on duty. */
  mine: z.object({ id: z.uuid(), role: z.enum(ALARM_DUTY_ROLES), startsAt: z.string() }).nullable(),
  /** Duty roles the caller holds (what they may sign on as). */
  roles: z.array(z.enum(ALARM_DUTY_ROLES)),
  onDuty: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      role: z.enum(ALARM_DUTY_ROLES),
      regionCode: z.string(),
      startsAt: z.string(),
      endsAt: z.string().nullable(),
    }),
  ),
});
export const signOnBody = z.object({ role: z.enum(ALARM_DUTY_ROLES) }).strict();
export const shiftBody = z
  .object({
    userId: z.uuid(),
    role: z.enum(ALARM_DUTY_ROLES),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
  })
  .strict();
export const shiftView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  role: z.enum(ALARM_DUTY_ROLES),
  regionCode: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
});
export const responderBody = z
  .object({ regionCode: regionCodeSchema, position, available: z.boolean().default(true) })
  .strict();
export const responderView = z.object({
  userId: z.uuid(),
  regionCode: z.string(),
  position: z.object({ lat: z.number(), lng: z.number() }),
  available: z.boolean(),
});

/** `GET /api/v1/stats/alarms` and its monthly report: a month of China time, a region in scope. */
export const statsQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    month: z
      .string()
      .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: 'common.invalid_format' })
      .optional(),
  })
  .strict();
/** The report also takes the console's language (a download link sends the browser's Accept-Language). */
export const reportQuery = statsQuery.extend({ lang: z.enum(LOCALES).optional() }).strict();

const share = z.number().nullable();
const statsCounts = z.object({
  total: z.number(),
  acknowledged: z.number(),
  ack60: z.number(),
  ack180: z.number(),
  doorDue: z.number(),
  door45: z.number(),
  coded: z.number(),
  falseAlarms: z.number(),
  ack60Share: share,
  ack180Share: share,
  door45Share: share,
  falseShare: share,
});
export const statsView = statsCounts.extend({
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  from: isoDateTime,
  to: isoDateTime,
  targets: z.object({ ack60: z.number(), ack180: z.number(), door45: z.number() }),
  open: z.number(),
  ackP50Seconds: z.number().nullable(),
  ackP90Seconds: z.number().nullable(),
  doorP50Minutes: z.number().nullable(),
  doorP90Minutes: z.number().nullable(),
  byKind: z.array(z.object({ kind: z.string(), count: z.number() })),
  byOutcome: z.array(z.object({ outcome: z.string().nullable(), count: z.number() })),
  byDeviceType: z.array(statsCounts.extend({ type: z.string() })),
  bySeat: z.array(
    statsCounts.extend({
      userId: z.uuid(),
      seatName: z.string().nullable(),
      ackP50Seconds: z.number().nullable(),
    }),
  ),
  byRegion: z.array(statsCounts.extend({ regionCode: z.string(), regionName: z.string() })),
  daily: z.array(statsCounts.extend({ date: z.string() })),
  devices: z.object({ total: z.number(), online: z.number(), onlineShare: share }),
});
