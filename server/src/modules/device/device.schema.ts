import { z } from 'zod';
import { DEVICE_HEALTH_STATES, DEVICE_STATUSES, DEVICE_TASK_KINDS, DEVICE_TYPES } from '@yiyang/contracts';
import { pageQuery } from '../../platform/pagination.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

export const idParams = z.object({ id: z.uuid() }).strict();
export const bindParams = z.object({ id: z.uuid(), elderId: z.uuid() }).strict();
export const elderParams = z.object({ id: z.uuid() }).strict();
const code = text().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { message: 'common.invalid_format' });

const fields = {
  model: text().max(60).nullish(),
  regionCode: regionCodeSchema.nullish(),
  organisationId: z.uuid().nullish(),
  maintainerId: z.uuid().nullish(),
  address: text().max(200).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  installedOn: z.iso.date().nullish(),
  installer: text().max(60).nullish(),
  installNote: text().max(500).nullish(),
  heartbeatSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 86400)
    .optional(),
};

export const createBody = z
  .object({
    type: z.enum(DEVICE_TYPES),
    vendor: code,
    serial: text().min(1).max(64),
    ...fields,
    elderIds: z.array(z.uuid()).max(4).optional(),
  })
  .strict();
export type DeviceCreate = z.infer<typeof createBody>;

export const updateBody = z.object({ ...fields, status: z.enum(DEVICE_STATUSES).optional() }).strict();
export type DeviceUpdate = z.infer<typeof updateBody>;

export const bindBody = z.object({ elderId: z.uuid() }).strict();

export const listQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    type: z.enum(DEVICE_TYPES).optional(),
    vendor: code.optional(),
    serial: text().max(64).optional(),
    status: z.enum(DEVICE_STATUSES).optional(),
    ...pageQuery,
  })
  .strict();
export type DeviceListQuery = z.infer<typeof listQuery>;

const binding = z.object({ elderId: z.uuid(), elderNameMasked: z.string().nullable(), boundAt: z.string() });

export const deviceView = z.object({
  id: z.uuid(),
  type: z.enum(DEVICE_TYPES),
  vendor: z.string(),
  serial: z.string(),
  model: z.string().nullable(),
  regionCode: z.string().nullable(),
  organisationId: z.string().nullable(),
  addressMasked: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  installedOn: z.string().nullable(),
  installer: z.string().nullable(),
  installNote: z.string().nullable(),
  heartbeatSeconds: z.number(),
  battery: z.number().nullable(),
  status: z.enum(DEVICE_STATUSES),
  lastSeenAt: z.string().nullable(),
  maintainerId: z.string().nullable(),
  health: z.enum(DEVICE_HEALTH_STATES),
  mainsFailAt: z.string().nullable(),
  openTasks: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(DEVICE_TASK_KINDS),
      openedAt: z.string(),
      areaEventId: z.string().nullable(),
    }),
  ),
  messageCount: z.number(),
  malformedCount: z.number(),
  hasCredentials: z.boolean(),
  bindings: z.array(binding),
  createdAt: z.string(),
});
export const deviceList = z.object({ items: z.array(deviceView), nextCursor: z.string().nullable() });
export const deviceDetail = deviceView.extend({
  recentMessages: z.array(
    z.object({
      id: z.uuid(),
      receivedAt: z.string(),
      deviceTime: z.string().nullable(),
      channel: z.string(),
      transport: z.string(),
      outcome: z.string(),
      error: z.string().nullable(),
      alarmId: z.string().nullable(),
      payload: z.string(),
    }),
  ),
});
export const credentialsView = z.object({ deviceId: z.uuid(), username: z.string(), password: z.string() });
export const vendorParams = z.object({ vendor: code }).strict();
export const ingestBody = z
  .object({
    messageId: text().min(1).max(100),
    serial: text().min(1).max(64),
    channel: z.enum(['event', 'telemetry', 'heartbeat']),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export const ingestResult = z.object({
  messageId: z.string(),
  duplicate: z.boolean(),
  outcome: z.string(),
  alarmId: z.string().nullable(),
});
