import { createHash } from 'node:crypto';
import { asc, desc, gt, inArray, sql } from 'drizzle-orm';
import { canonical, GENESIS } from './canonical.ts';
import type { Db } from './db.ts';
import { auditAnchors, auditEvents, ledgerHeads } from './platform.table.ts';

/**
 * Anchors (decision 014). Each shard's chain proves its own order, but the
 * last entries of a chain could be deleted unnoticed, and with 64 chains the
 * last entry of a chain may be old. An anchor records the chain heads that
 * changed since the previous anchor and is itself hash-chained, so an entry
 * once anchored cannot disappear from the end of its chain without
 * `audit verify` noticing. What remains open is what any hash chain leaves
 * open: the entries after the last anchor (at most ANCHOR_INTERVAL_MS old)
 * together with that anchor.
 */
export const ANCHOR_INTERVAL_MS = 10_000;
// One anchor writer at a time across instances (one-key advisory lock space).
const ANCHOR_LOCK = 727_0004;

type Anchor = typeof auditAnchors.$inferSelect;

export function anchorHash(a: Omit<Anchor, 'id' | 'hash'>): string {
  return createHash('sha256')
    .update(canonical([a.prevHash, a.at.toISOString(), a.heads]))
    .digest('hex');
}

/** Writes an anchor if a chain grew since the last one. Returns whether it wrote one. */
export async function anchorAuditChains(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${ANCHOR_LOCK}) AS ok`);
    if (!(locked as unknown as { rows: { ok: boolean }[] }).rows[0]?.ok) return false;
    const current = await tx.select().from(ledgerHeads).where(gt(ledgerHeads.auditId, 0));
    const known = new Map<string, number>();
    // The heads each chain had at its latest anchor: anchors store only the heads that changed.
    for (const a of await tx.select().from(auditAnchors).orderBy(desc(auditAnchors.id)).limit(current.length))
      for (const [chain, [id]] of Object.entries(a.heads)) if (!known.has(chain)) known.set(chain, id);
    const heads: Anchor['heads'] = {};
    for (const r of current)
      if ((known.get(String(r.shard)) ?? 0) < r.auditId) heads[String(r.shard)] = [r.auditId, r.auditHash];
    if (Object.keys(heads).length === 0) return false;
    const [last] = await tx
      .select({ hash: auditAnchors.hash })
      .from(auditAnchors)
      .orderBy(desc(auditAnchors.id))
      .limit(1);
    const fields = { at: new Date(), heads, prevHash: last?.hash ?? GENESIS };
    await tx.insert(auditAnchors).values({ ...fields, hash: anchorHash(fields) });
    return true;
  });
}

export type AnchorVerification =
  | { ok: true; checked: number }
  /** `anchor`: the anchor row itself was edited or removed; `entry`: an anchored entry is gone or edited. */
  | { ok: false; checked: number; broken: { anchor: number } | { entry: number } };

/** Recomputes the anchor chain and checks that every anchored entry is still there with its hash. */
export async function verifyAnchors(db: Db, batchSize = 1000): Promise<AnchorVerification> {
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const anchors = await db
      .select()
      .from(auditAnchors)
      .where(gt(auditAnchors.id, lastId))
      .orderBy(asc(auditAnchors.id))
      .limit(batchSize);
    if (anchors.length === 0) return { ok: true, checked };
    const named = new Map<number, string>();
    for (const a of anchors) {
      if (a.prevHash !== prev || anchorHash(a) !== a.hash)
        return { ok: false, checked, broken: { anchor: a.id } };
      prev = a.hash;
      lastId = a.id;
      checked++;
      for (const [id, hash] of Object.values(a.heads)) named.set(id, hash);
    }
    const ids = [...named.keys()];
    const rows = await db
      .select({ id: auditEvents.id, hash: auditEvents.hash })
      .from(auditEvents)
      .where(inArray(auditEvents.id, ids));
    const found = new Map(rows.map((r) => [r.id, r.hash]));
    const missing = ids.sort((a, b) => a - b).find((id) => found.get(id) !== named.get(id));
    if (missing !== undefined) return { ok: false, checked, broken: { entry: missing } };
  }
}
