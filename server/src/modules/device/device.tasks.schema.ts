import { z } from 'zod';
import { AREA_EVENT_CAUSES, DEVICE_TASK_KINDS, WELFARE_OUTCOMES } from '@yiyang/contracts';
import { pageQuery } from '../../platform/pagination.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

export const taskIdParams = z.object({ id: z.uuid() }).strict();

export const taskListQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    kind: z.enum(DEVICE_TASK_KINDS).optional(),
    status: z.enum(['open', 'closed', 'all']).default('open'),
    deviceId: z.uuid().optional(),
    areaEventId: z.uuid().optional(),
    ...pageQuery,
  })
  .strict();
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** A seat corrects an area event's cause (the power company confirmed a cut) or closes it by hand with a note. */
export const areaEventPatch = z
  .object({
    cause: z.enum(AREA_EVENT_CAUSES).optional(),
    close: z.boolean().optional(),
    note: text().min(1).max(500).optional(),
  })
  .strict();
export type AreaEventPatch = z.infer<typeof areaEventPatch>;

export const closeTaskBody = z.object({ note: text().min(1).max(500) }).strict();

export const taskViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(DEVICE_TASK_KINDS),
  deviceId: z.uuid(),
  serial: z.string().nullable(),
  deviceType: z.string().nullable(),
  elderIds: z.array(z.string()),
  regionCode: z.string().nullable(),
  maintainerId: z.string().nullable(),
  signalAt: z.string(),
  openedAt: z.string(),
  areaEventId: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export const taskList = z.object({ items: z.array(taskViewSchema), nextCursor: z.string().nullable() });

export const areaEventQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    status: z.enum(['open', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AreaEventQuery = z.infer<typeof areaEventQuery>;

const areaEventView = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  cause: z.enum(AREA_EVENT_CAUSES),
  openedAt: z.string(),
  firstSignalAt: z.string(),
  deviceCount: z.number(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export const areaEventList = z.object({ items: z.array(areaEventView) });
export const areaEventDetail = areaEventView.extend({
  welfare: z.array(
    z.object({
      elderId: z.uuid(),
      nameMasked: z.string().nullable(),
      phoneMasked: z.string().nullable(),
      addressMasked: z.string().nullable(),
      birthDate: z.string(),
      livingSituation: z.string().nullable(),
      ability: z
        .object({
          standardCode: z.string(),
          level: z.number(),
          zh: z.string(),
          en: z.string(),
          assessedOn: z.string(),
        })
        .nullable(),
      outcome: z.enum(WELFARE_OUTCOMES).nullable(),
      attempts: z.number(),
      calledAt: z.string().nullable(),
      calledByName: z.string().nullable(),
      note: z.string().nullable(),
      alarmId: z.string().nullable(),
    }),
  ),
});

export const welfareCallBody = z
  .object({ elderId: z.uuid(), outcome: z.enum(WELFARE_OUTCOMES), note: text().max(500).optional() })
  .strict();
export type WelfareCallBody = z.infer<typeof welfareCallBody>;
