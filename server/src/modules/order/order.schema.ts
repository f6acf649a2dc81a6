import { z } from 'zod';
import {
  ORDER_CANCEL_REASONS,
  ORDER_CANCELLERS,
  ORDER_CHANNELS,
  ORDER_PLAN_STATUSES,
  ORDER_REJECT_REASONS,
  ORDER_STATUSES,
  type OrderStatus,
} from '@yiyang/contracts';
import { pageQuery } from '../../platform/pagination.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const note = text().max(500);

export const idParams = z.object({ id: z.uuid() }).strict();

export const createBody = z
  .object({
    elderId: z.uuid(),
    itemId: z.uuid(),
    plannedStart: isoDateTime,
    // Optional: the provider the caller chose among the contracted ones (else the one with an agreement).
    providerId: z.uuid().optional(),
    // Staff only: how the request came in (the hotline's call, a community worker's visit).
    channel: z.enum(['hotline', 'community_worker']).optional(),
    callNote: note.optional(),
    note: note.optional(),
  })
  .strict();
export type OrderCreate = z.infer<typeof createBody>;

export const quoteQuery = z
  .object({ elderId: z.uuid(), itemId: z.uuid(), start: isoDateTime.optional() })
  .strict();

export const quoteView = z.object({
  elderId: z.uuid(),
  itemId: z.uuid(),
  itemCode: z.string(),
  itemName: z.string(),
  durationMinutes: z.number().int(),
  priceCents: z.number().int(),
  elderShareCents: z.number().int(),
  fundingSource: z.string(),
  agreementRequired: z.boolean(),
  providers: z.array(
    z.object({ organisationId: z.uuid(), name: z.string(), agreementId: z.uuid().nullable() }),
  ),
});

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  text()
    .max(400)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const listQuery = z
  .object({
    status: csv(ORDER_STATUSES).optional(),
    elderId: z.uuid().optional(),
    providerId: z.uuid().optional(),
    caregiverId: z.uuid().optional(),
    channel: z.enum(ORDER_CHANNELS).optional(),
    planId: z.uuid().optional(),
    regionCode: regionCodeSchema.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageQuery,
  })
  .strict();
export type OrderListQuery = z.infer<typeof listQuery>;

const status = z.enum(ORDER_STATUSES) as z.ZodType<OrderStatus>;

export const orderView = z.object({
  id: z.uuid(),
  status,
  elderId: z.uuid(),
  elderNameMasked: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  itemId: z.uuid(),
  itemCode: z.string(),
  itemName: z.string(),
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  caregiverId: z.uuid().nullable(),
  caregiverName: z.string().nullable(),
  channel: z.enum(ORDER_CHANNELS),
  orderedByName: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  priceCents: z.number().int(),
  elderShareCents: z.number().int(),
  fundingSource: z.string(),
  agreementId: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  escalationLevel: z.number().int(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  cancelledBy: z.enum(ORDER_CANCELLERS).nullable(),
  cancelReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  closingNote: z.string().nullable(),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  createdAt: z.string(),
  /** Commands the state allows (the console's buttons); the caller's permissions still apply. */
  commands: z.array(z.string()),
});

export const orderList = z.object({ items: z.array(orderView), nextCursor: z.string().nullable() });

export const orderDetail = orderView.extend({
  callNote: z.string().nullable(),
  note: z.string().nullable(),
  consent: z.object({ basis: z.string(), relation: z.string(), at: z.string() }).nullable(),
  timeline: z.array(z.object({ action: z.string(), byName: z.string().nullable(), at: z.string() })),
  /** The elder's address and phone: only for the assigned caregiver, while the order is open. */
  contact: z.object({ address: z.string().nullable(), phone: z.string().nullable() }).nullable(),
});

export const rejectBody = z.object({ reason: z.enum(ORDER_REJECT_REASONS), note: note.optional() }).strict();
export const assignBody = z.object({ caregiverId: z.uuid() }).strict();
export const rateBody = z
  .object({ rating: z.number().int().min(1).max(5), comment: text().max(500).optional() })
  .strict();
export const cancelBody = z.object({ reason: z.enum(ORDER_CANCEL_REASONS), note: note.optional() }).strict();
export const noteBody = z.object({ note: note.optional() }).strict();
export const disputeBody = z.object({ note: text().min(2).max(500) }).strict();
export const emptyBody = z.object({}).strict();

export const suggestionQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(30) })
  .strict();

export const suggestionList = z.object({
  orderId: z.uuid(),
  /** How many caregivers were ranked (the list holds the best `limit`). */
  total: z.number().int(),
  items: z.array(
    z.object({
      caregiverId: z.uuid(),
      displayName: z.string(),
      eligible: z.boolean(),
      score: z.number(),
      missingCredentials: z.array(z.string()),
      available: z.boolean(),
      distanceKm: z.number().nullable(),
      servedBefore: z.number().int(),
      reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).optional() })),
    }),
  ),
});

// ---- recurring plans ----

export const planCreateBody = z
  .object({
    elderId: z.uuid(),
    itemId: z.uuid(),
    providerId: z.uuid().optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    timeOfDay: text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'common.invalid_format' }),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    note: note.optional(),
  })
  .strict();
export type PlanCreate = z.infer<typeof planCreateBody>;

export const planListQuery = z
  .object({ elderId: z.uuid().optional(), status: z.enum(ORDER_PLAN_STATUSES).optional(), ...pageQuery })
  .strict();

export const planView = z.object({
  id: z.uuid(),
  elderId: z.uuid(),
  elderNameMasked: z.string(),
  regionCode: z.string(),
  itemId: z.uuid(),
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  weekdays: z.array(z.number().int()),
  timeOfDay: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(ORDER_PLAN_STATUSES),
  statusReason: z.string().nullable(),
  channel: z.string(),
  createdByName: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const planList = z.object({ items: z.array(planView), nextCursor: z.string().nullable() });
export const planEndBody = z.object({ note: note.optional() }).strict();
