import { createHash } from 'node:crypto';
import { asc, gt } from 'drizzle-orm';
import { verifyAnchors } from './audit.anchor.ts';
import { canonical, GENESIS } from './canonical.ts';
import type { Db } from './db.ts';
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

type Row = typeof auditEvents.$inferSelect;
// The chain number is not hashed: an entry's place is fixed by the hash it links to.
type HashedFields = Omit<Row, 'id' | 'hash' | 'chain'>;

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

/** An audit entry with its place in its chain, as written. */
export type AuditRow = HashedFields & { hash: string };

/** The entries of one transaction as rows chained after `prevHash`, all at time `at`. */
export function chainEntries(prevHash: string, actor: Actor, entries: AuditEntry[], at: Date): AuditRow[] {
  // Millisecond precision: what timestamptz(3) stores is what is hashed.
  const time = new Date(Math.floor(at.getTime()));
  return entries.map((e) => {
    const fields: HashedFields = {
      prevHash,
      at: time,
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
}

export interface ChainVerification {
  ok: boolean;
  /** Entries whose hash and link were recomputed. */
  checked: number;
  /** The first entry that does not verify (edited, moved, or after a deleted one), or an anchored entry that is gone. */
  brokenAt: number | null;
  /** Anchors verified; when an anchor itself was edited or deleted, its id. */
  anchors: number;
  brokenAnchor: number | null;
}

/**
 * Recomputes every entry's hash in id order, each chain against its own
 * previous entry, then the anchors (audit.anchor.ts). Reports the first
 * entry that does not match.
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainVerification> {
  const heads = new Map<number, string>();
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== (heads.get(r.chain) ?? GENESIS) || auditHash(r) !== r.hash)
        return { ok: false, checked, brokenAt: r.id, anchors: 0, brokenAnchor: null };
      heads.set(r.chain, r.hash);
      lastId = r.id;
      checked++;
    }
  }
  const a = await verifyAnchors(db);
  if (a.ok) return { ok: true, checked, brokenAt: null, anchors: a.checked, brokenAnchor: null };
  return 'entry' in a.broken
    ? { ok: false, checked, brokenAt: a.broken.entry, anchors: a.checked, brokenAnchor: null }
    : { ok: false, checked, brokenAt: null, anchors: a.checked, brokenAnchor: a.broken.anchor };
}
