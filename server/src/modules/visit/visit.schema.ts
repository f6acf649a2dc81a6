import { z } from 'zod';
import { VISIT_ANOMALY_KINDS, VISIT_RESOLUTION_CODES, VISIT_RISKS, VISIT_STATES } from '@yiyang/contracts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

const isoDateTime = z.iso.datetime({ offset: true });
const day = z.iso.date();
const position = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();
/** A queued action's own time and the device time it was sent (decision 024: both bounded, both kept). */
const times = { at: isoDateTime.optional(), sentAt: isoDateTime.optional() };

export const idParams = z.object({ id: z.uuid() }).strict();
export const anomalyParams = z.object({ id: z.uuid(), anomalyId: z.uuid() }).strict();
export const regionParams = z.object({ regionCode: regionCodeSchema }).strict();

/** Check-in / check-out: the phone's position, or the elder's one-time code, or the home's QR card. */
export const punchBody = z
  .object({
    ...times,
    position: position.optional(),
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    card: text().max(200).optional(),
  })
  .strict();
export type PunchBody = z.infer<typeof punchBody>;

/** Confirmation: on the elder's/family's phone (no proof), or on the caregiver's with PIN or signature. */
export const confirmBody = z
  .object({
    ...times,
    pin: z
      .string()
      .regex(/^\d{4,6}$/)
      .optional(),
    // A PNG drawn on the phone (data URL), at most ~200 kB.
    signature: z
      .string()
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/)
      .max(200_000)
      .optional(),
    refusedReason: text().min(2).max(200).optional(),
  })
  .strict();
export type ConfirmBody = z.infer<typeof confirmBody>;

export const checklistBody = z.object({ ...times, done: z.array(text().max(40)).min(1).max(30) }).strict();

const vital = (min: number, max: number) => z.number().min(min).max(max).optional();
export const observeBody = z
  .object({
    ...times,
    vitals: z
      .object({
        systolic: vital(50, 260),
        diastolic: vital(30, 160),
        pulse: vital(20, 220),
        temperature: vital(33, 43),
        glucose: vital(1, 35),
        spo2: vital(50, 100),
        weight: vital(20, 200),
      })
      .strict()
      .optional(),
    risks: z.array(z.enum(VISIT_RISKS)).max(VISIT_RISKS.length).optional(),
    note: text().max(500).optional(),
  })
  .strict();
export type ObserveBody = z.infer<typeof observeBody>;

export const photoBody = z
  .object({
    ...times,
    consent: z.boolean(),
    image: z
      .string()
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/)
      .max(400_000),
  })
  .strict();
export type PhotoBody = z.infer<typeof photoBody>;

export const pinBody = z.object({ pin: z.string().regex(/^\d{4,6}$/) }).strict();
export const geofenceBody = z.object({ radiusM: z.number().int().min(50).max(5000) }).strict();
export const emptyBody = z.object({}).strict();

export const resolveBody = z
  .object({ code: z.enum(VISIT_RESOLUTION_CODES), note: text().max(500).optional() })
  .strict();

export const editBody = z
  .object({
    checkInAt: isoDateTime.optional(),
    checkOutAt: isoDateTime.optional(),
    reason: z.enum(VISIT_RESOLUTION_CODES),
    note: text().min(2).max(500),
  })
  .strict();
export type EditBody = z.infer<typeof editBody>;

export const listQuery = z
  .object({
    state: z.enum(VISIT_STATES).optional(),
    kind: z.enum(VISIT_ANOMALY_KINDS).optional(),
    providerId: z.uuid().optional(),
    caregiverId: z.uuid().optional(),
    regionCode: regionCodeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const complianceQuery = z
  .object({ regionCode: regionCodeSchema.optional(), from: day, to: day })
  .strict();

const punchView = z
  .object({
    at: z.string(),
    sentAt: z.string(),
    receivedAt: z.string(),
    skewMs: z.number(),
    proof: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    distanceM: z.number().nullable(),
    geofenceM: z.number(),
  })
  .nullable();

const anomalyView = z.object({
  id: z.uuid(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolutionCode: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});

const visitView = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  elderId: z.uuid(),
  regionCode: z.string(),
  providerId: z.uuid().nullable(),
  caregiverId: z.uuid().nullable(),
  itemCode: z.string(),
  category: z.string(),
  plannedMinutes: z.number(),
  checkIn: punchView,
  checkOut: punchView,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  checklistDone: z.array(z.string()),
  confirmation: z
    .object({ method: z.string(), by: z.string(), at: z.string(), refusedReason: z.string().nullable() })
    .nullable(),
  hasSignature: z.boolean(),
  state: z.string(),
});

export const reviewItem = visitView.extend({
  caregiverName: z.string().nullable(),
  anomalies: z.array(anomalyView),
});
export const reviewList = z.object({ items: z.array(reviewItem) });

export const visitDetail = z.object({
  orderId: z.uuid(),
  visit: visitView.nullable(),
  checklist: z.array(z.string()),
  photosAllowed: z.boolean(),
  events: z.array(
    z.object({
      kind: z.string(),
      at: z.string(),
      receivedAt: z.string(),
      summary: z.record(z.string(), z.unknown()),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  anomalies: z.array(anomalyView),
});

export const todayView = z.object({
  day: z.string(),
  generatedAt: z.string(),
  items: z.array(
    z.object({
      orderId: z.uuid(),
      status: z.string(),
      elderId: z.uuid(),
      elderNameMasked: z.string(),
      itemCode: z.string(),
      itemName: z.string(),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
      note: z.string().nullable(),
      checklist: z.array(z.string()),
      checklistDone: z.array(z.string()),
      photosAllowed: z.boolean(),
      visitState: z.string().nullable(),
    }),
  ),
});

export const codeView = z.object({ code: z.string(), validForSeconds: z.number() });
export const cardView = z.object({ elderId: z.uuid(), version: z.number(), token: z.string() });
export const pinView = z.object({ set: z.boolean() });
export const geofenceView = z.object({ regionCode: z.string(), radiusM: z.number() });

const shareRow = {
  providerId: z.uuid().nullable(),
  visits: z.number(),
  verified: z.number(),
  anomalous: z.number(),
  byKind: z.record(z.string(), z.number()),
  verifiedShare: z.number(),
  kindShare: z.record(z.string(), z.number()),
};
export const complianceView = z.object({
  from: z.string(),
  to: z.string(),
  providers: z.array(z.object(shareRow)),
  caregivers: z.array(
    z.object({ ...shareRow, caregiverId: z.uuid().nullable(), caregiverName: z.string().nullable() }),
  ),
});
