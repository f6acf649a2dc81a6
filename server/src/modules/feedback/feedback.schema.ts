import { z } from 'zod';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SATISFACTION,
  COMPLAINT_STATUSES,
  RETURN_VISIT_RESULTS,
  RETURN_VISIT_STATUSES,
} from '@yiyang/contracts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';
import { elderPhone } from '../elder/index.ts';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const longText = (min: number) => text().min(min).max(2000);

export const idParams = z.object({ id: z.uuid() }).strict();

export const complaintListQuery = z
  .object({
    status: z.enum(COMPLAINT_STATUSES).optional(),
    category: z.enum(COMPLAINT_CATEGORIES).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    regionCode: regionCodeSchema.optional(),
    elderId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const complaintBody = z
  .object({
    orderId: z.uuid().optional(),
    elderId: z.uuid().optional(),
    category: z.enum(COMPLAINT_CATEGORIES),
    channel: z.enum(COMPLAINT_CHANNELS).optional(),
    description: longText(5),
    complainantName: text().min(1).max(50).optional(),
    complainantPhone: elderPhone.optional(),
  })
  .strict();
export type ComplaintBody = z.infer<typeof complaintBody>;

export const assignBody = z.object({ organisationId: z.uuid(), note: text().max(500).optional() }).strict();
export const respondBody = z
  .object({ response: longText(5), correctiveAction: text().max(2000).optional() })
  .strict();
export const closeBody = z
  .object({ satisfaction: z.enum(COMPLAINT_SATISFACTION), note: text().max(500).optional() })
  .strict();

export const complaintView = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  elderId: z.uuid().nullable(),
  elderNameMasked: z.string().nullable(),
  orderId: z.uuid().nullable(),
  providerId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  category: z.enum(COMPLAINT_CATEGORIES),
  channel: z.enum(COMPLAINT_CHANNELS),
  description: z.string(),
  complainantName: z.string().nullable(),
  complainantPhoneMasked: z.string().nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  dueAt: isoDateTime,
  overdue: z.boolean(),
  escalationLevel: z.number(),
  response: z.string().nullable(),
  correctiveAction: z.string().nullable(),
  respondedAt: isoDateTime.nullable(),
  respondedByName: z.string().nullable(),
  satisfaction: z.enum(COMPLAINT_SATISFACTION).nullable(),
  closeNote: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  commands: z.array(z.string()),
});
export type ComplaintView = z.infer<typeof complaintView>;
export const complaintList = z.object({ items: z.array(complaintView) });
export const complaintDetail = complaintView.extend({
  timeline: z.array(
    z.object({
      action: z.string(),
      byName: z.string().nullable(),
      note: z.string().nullable(),
      at: isoDateTime,
    }),
  ),
});

export const returnListQuery = z
  .object({
    status: z.enum(RETURN_VISIT_STATUSES).optional(),
    regionCode: regionCodeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const sampleBody = z
  .object({
    regionCode: regionCodeSchema.optional(),
    from: isoDate,
    to: isoDate,
    // The share of the period's verified visits to call (the centre's sampling rate), and a cap.
    share: z.number().gt(0).max(1),
    max: z.number().int().min(1).max(2000).optional(),
  })
  .strict();
export type SampleBody = z.infer<typeof sampleBody>;
export const sampleView = z.object({ population: z.number(), sampled: z.number() });

export const recordBody = z
  .object({
    reached: z.boolean(),
    serviceHappened: z.boolean().optional(),
    result: z.enum(RETURN_VISIT_RESULTS).optional(),
    note: text().max(1000).optional(),
    correctiveAction: text().max(2000).optional(),
    complaint: z
      .object({ category: z.enum(COMPLAINT_CATEGORIES), description: longText(5) })
      .strict()
      .optional(),
  })
  .strict();

export const returnVisitView = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  orderId: z.uuid(),
  elderId: z.uuid(),
  elderNameMasked: z.string().nullable(),
  itemName: z.string(),
  providerId: z.uuid().nullable(),
  visitEndedAt: isoDateTime.nullable(),
  sampledAt: isoDateTime,
  status: z.enum(RETURN_VISIT_STATUSES),
  calledAt: isoDateTime.nullable(),
  calledByName: z.string().nullable(),
  serviceHappened: z.boolean().nullable(),
  result: z.enum(RETURN_VISIT_RESULTS).nullable(),
  note: z.string().nullable(),
  correctiveAction: z.string().nullable(),
  complaintId: z.uuid().nullable(),
});
export type ReturnVisitView = z.infer<typeof returnVisitView>;
export const returnVisitList = z.object({ items: z.array(returnVisitView) });
