import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { inScope, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { auditEvents } from '../../platform/platform.table.ts';

/** Newest first; the cursor is the last id seen. Scoped like everything else. */
export async function listAuditEvents(
  db: Executor,
  scope: Scope,
  q: {
    limit: number;
    cursor?: string | undefined;
    action?: string | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
  },
) {
  const conds: SQL[] = [
    inScope(scope, { region: auditEvents.regionCode, organisation: auditEvents.organisationId }),
  ];
  if (q.cursor) conds.push(lt(auditEvents.id, Number(q.cursor)));
  if (q.action) conds.push(eq(auditEvents.action, q.action));
  if (q.entityType) conds.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditEvents.entityId, q.entityId));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conds))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  return {
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      regionCode: r.regionCode,
      summary: r.summary,
      reason: r.reason,
      ip: r.ip,
    })),
    nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null,
  };
}
