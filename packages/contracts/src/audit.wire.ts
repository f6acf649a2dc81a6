/** Wire shapes of `/api/v1/audit-events…` (PRODUCT.md §4.15). */
import { z } from 'zod';

export const auditEventView = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  /** The username at the time, or 'system'. */
  actorName: z.string(),
  /** The account's display name, where the account exists. */
  actorDisplayName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** A user's, organisation's or region's name, an elder's masked name; null for other types. */
  entityName: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  summary: z.string(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventView>;

export const auditEventPage = z.object({ items: z.array(auditEventView), nextCursor: z.string().nullable() });

export const auditVerifyView = z.object({
  ok: z.boolean(),
  checked: z.number(),
  brokenAt: z.number().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyView>;
