import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from './db.ts';
import { auditEvents } from './platform.table.ts';

/** Who did it: taken from the request, never from the body. */
export interface Actor {
  userId: string | null;
  name: string;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: 'system' };

export interface AuditEntry {
  action: string; // e.g. 'user.create', 'elder.view_sensitive'
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  organisationId?: string | null;
  summary: string;
  detail?: Record<string, unknown>;
  reason?: string | null;
}

const GENESIS = '0'.repeat(64);
// Serialises appends so that the chain has one order across instances.
const AUDIT_LOCK = 727_0002;

/** JSON with sorted keys, so the hash survives jsonb's key reordering. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

type Row = typeof auditEvents.$inferSelect;
type HashedFields = Omit<Row, 'id' | 'hash'>;

export function auditHash(r: HashedFields): string {
  const material = canonical([
    r.prevHash,
    r.at.toISOString(),
    r.actorUserId,
    r.actorName,
    r.action,
    r.entityType,
    r.entityId,
    r.regionCode,
    r.organisationId,
    r.summary,
    r.detail,
    r.reason,
    r.ip,
    r.requestId,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** Appends entries in the caller's transaction, chained to the last committed entry. */
export async function appendAudit(tx: Tx, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  let prevHash = last?.hash ?? GENESIS;
  // Millisecond precision: what timestamptz(3) stores is what was hashed.
  const at = new Date(Math.floor(Date.now()));
  const rows = entries.map((e) => {
    const fields: HashedFields = {
      prevHash,
      at,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      regionCode: e.regionCode ?? null,
      organisationId: e.organisationId ?? null,
      summary: e.summary,
      detail: e.detail ?? {},
      reason: e.reason ?? null,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
    };
    const hash = auditHash(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  await tx.insert(auditEvents).values(rows);
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

/** Recomputes every hash in id order; reports the first entry that does not match. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    for (const r of rows) {
      if (r.prevHash !== prev || auditHash(r) !== r.hash) return { ok: false, checked, brokenAt: r.id };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}
