import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { inScopeAndRegion, type Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { auditEvents } from '../../platform/platform.table.ts';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { regions } from '../region/region.table.ts';
import { users } from '../user/user.table.ts';

const UUID = sql`CASE WHEN ${auditEvents.entityId} ~ '^[0-9a-fA-F-]{36}$' THEN ${auditEvents.entityId}::uuid END`;

/**
 * The entity's name where the log's reader may know it (issue 13: not a 36-character id): a user's or an
 * organisation's name, a region's, an elder's masked name. Other types show a short id in the console.
 */
const ENTITY_NAME = sql<string | null>`CASE ${auditEvents.entityType}
  WHEN 'user' THEN (SELECT u.display_name FROM ${users} u WHERE u.id = ${UUID})
  WHEN 'organisation' THEN (SELECT o.name FROM ${organisations} o WHERE o.id = ${UUID})
  WHEN 'elder' THEN (SELECT e.name_masked FROM ${elders} e WHERE e.id = ${UUID})
  WHEN 'region' THEN (SELECT r.name FROM ${regions} r WHERE r.code = ${auditEvents.entityId})
END`;

export interface AuditQuery {
  limit: number;
  cursor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  regionCode?: string | undefined;
  actorUserId?: string | undefined;
  /** Dates (YYYY-MM-DD, China Standard Time), both included. */
  from?: string | undefined;
  to?: string | undefined;
}

function conditions(scope: Scope, q: AuditQuery): SQL[] {
  const conds: SQL[] = [
    inScopeAndRegion(
      scope,
      { region: auditEvents.regionCode, organisation: auditEvents.organisationId },
      q.regionCode,
    ),
  ];
  if (q.cursor) conds.push(lt(auditEvents.id, Number(q.cursor)));
  if (q.action) conds.push(eq(auditEvents.action, q.action));
  if (q.entityType) conds.push(eq(auditEvents.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditEvents.entityId, q.entityId));
  if (q.actorUserId) conds.push(eq(auditEvents.actorUserId, q.actorUserId));
  if (q.from) conds.push(gte(auditEvents.at, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) conds.push(lt(auditEvents.at, new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000)));
  return conds;
}

/** Newest first; the cursor is the last id seen. Scoped like everything else. */
export async function listAuditEvents(db: Executor, scope: Scope, q: AuditQuery) {
  const rows = await db
    .select({
      e: auditEvents,
      actorDisplayName: users.displayName,
      regionName: regions.name,
      entityName: ENTITY_NAME,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(regions, eq(regions.code, auditEvents.regionCode))
    .where(and(...conditions(scope, q)))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  return {
    items: items.map(({ e: r, actorDisplayName, regionName, entityName }) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorUserId: r.actorUserId,
      actorName: r.actorName,
      actorDisplayName: actorDisplayName ?? null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      entityName: entityName ?? null,
      regionCode: r.regionCode,
      regionName: regionName ?? null,
      summary: r.summary,
      reason: r.reason,
      ip: r.ip,
    })),
    nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.e.id) : null,
  };
}
