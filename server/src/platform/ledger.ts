import { queryText, type Tx } from './db.ts';
import type { AuditRow } from './audit.ts';
import { EVENT_CHANNEL, MAX_NOTIFY_BYTES, type LoggedEvent, type PendingEvent } from './events.ts';

/**
 * Ledger shards (decision 014). A transaction that writes audit entries or
 * events locks one of LEDGER_SHARDS rows of `ledger_heads` from its ledger
 * write to its commit, and extends that shard's audit chain and event
 * numbering. Concurrent transactions take different shards and commit in
 * parallel; one global lock made every audited commit wait for the previous
 * one's fsync. Within a shard, commit order is chain and numbering order.
 *
 * Two statements per transaction, whatever it records: take a shard and read
 * its heads; write entries, events, new heads (and the NOTIFYs) at once.
 * Both are fixed texts, prepared once per connection (`queryText`).
 */
// Migration 0011 made one ledger_heads row per shard: change both together.
/** @public Checked by tsc, not imported (knip). */
export const LEDGER_SHARDS = 64;

export interface LedgerHead {
  shard: number;
  auditId: number;
  auditHash: string;
  eventSeq: number;
}

// The lowest free shard, so a quiet system writes one chain (as before decision 014) and only
// concurrent writers spread out; FOR UPDATE returns the row as the previous holder committed it.
const TAKE_FREE = `SELECT shard, audit_id, audit_hash, event_seq FROM ledger_heads
  ORDER BY shard FOR UPDATE SKIP LOCKED LIMIT 1`;
// Every shard taken (more concurrent writers than shards): wait for shard 0.
const TAKE_WAIT = `SELECT shard, audit_id, audit_hash, event_seq FROM ledger_heads WHERE shard = 0 FOR UPDATE`;

type HeadRow = { shard: number; audit_id: string; audit_hash: string; event_seq: string };

export async function takeShard(tx: Tx): Promise<LedgerHead> {
  let [r] = await queryText<HeadRow>(tx, TAKE_FREE, []);
  if (!r) [r] = await queryText<HeadRow>(tx, TAKE_WAIT, []);
  if (!r) throw new Error('ledger_heads has no rows: migration 0011 not applied');
  return {
    shard: Number(r.shard),
    auditId: Number(r.audit_id),
    auditHash: r.audit_hash,
    eventSeq: Number(r.event_seq),
  };
}

const WRITE = (notify: boolean) => `
WITH a AS (
  INSERT INTO audit_events (at, actor_user_id, actor_name, action, entity_type, entity_id, region_code,
    organisation_id, summary, detail, reason, ip, request_id, chain, prev_hash, hash)
  SELECT x.at, x.actor_user_id, x.actor_name, x.action, x.entity_type, x.entity_id, x.region_code,
    x.organisation_id, x.summary, x.detail, x.reason, x.ip, x.request_id, $2, x.prev_hash, x.hash
  FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, actor_user_id uuid, actor_name text,
    action text, entity_type text, entity_id text, region_code text, organisation_id uuid, summary text,
    detail jsonb, reason text, ip text, request_id text, prev_hash text, hash text, n bigint)
  ORDER BY x.n
  RETURNING id
), o AS (
  INSERT INTO outbox_events (shard, seq, topic, region_code, organisation_id, payload, created_at)
  SELECT $2, y.seq, y.topic, y.region_code, y.organisation_id, y.payload, $5::timestamptz
  FROM jsonb_to_recordset($3::jsonb) AS y(seq bigint, topic text, region_code text, organisation_id uuid,
    payload jsonb)
  ORDER BY y.seq
  RETURNING id, seq, topic, region_code, organisation_id, payload
), h AS (
  UPDATE ledger_heads SET audit_id = coalesce((SELECT max(id) FROM a), audit_id), audit_hash = $4,
    event_seq = coalesce((SELECT max(seq) FROM o), event_seq)
  WHERE shard = $2
)
SELECT o.id, o.seq${
  notify
    ? `, pg_notify('${EVENT_CHANNEL}', CASE WHEN octet_length(m.json) <= ${MAX_NOTIFY_BYTES} THEN m.json
      ELSE json_build_object('ref', true, 'id', o.id, 'shard', $2::int, 'seq', o.seq)::text END)
FROM o CROSS JOIN LATERAL (SELECT json_build_object('id', o.id, 'shard', $2::int, 'seq', o.seq,
  'topic', o.topic, 'payload', o.payload, 'regionCode', o.region_code, 'organisationId', o.organisation_id,
  'createdAt', $6::text)::text AS json) m`
    : ' FROM o'
}
ORDER BY o.seq`;
const WRITE_NOTIFY = WRITE(true);
const WRITE_QUIET = WRITE(false);

/** An audit row as jsonb_to_recordset reads it; `n` keeps the chain's order through the INSERT. */
function auditRecord(r: AuditRow, n: number) {
  return {
    n,
    at: r.at.toISOString(),
    actor_user_id: r.actorUserId,
    actor_name: r.actorName,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    region_code: r.regionCode,
    organisation_id: r.organisationId,
    summary: r.summary,
    detail: r.detail,
    reason: r.reason,
    ip: r.ip,
    request_id: r.requestId,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

/**
 * Writes the chained audit rows and the events in shard `head.shard`, whose
 * row the transaction locked (takeShard), and moves the shard's heads. With
 * `notify`, each event is also NOTIFYed in the transaction (PgNotifyBus).
 */
export async function writeLedger(
  tx: Tx,
  head: LedgerHead,
  audits: AuditRow[],
  events: PendingEvent[],
  opts: { notify: boolean; at: Date },
): Promise<LoggedEvent[]> {
  const createdAt = opts.at.toISOString();
  const eventRows = events.map((e, i) => ({
    seq: head.eventSeq + 1 + i,
    topic: e.topic,
    region_code: e.scope.regionCode ?? null,
    organisation_id: e.scope.organisationId ?? null,
    payload: e.payload,
  }));
  const rows = await queryText<{ id: string; seq: string }>(
    tx,
    opts.notify && events.length ? WRITE_NOTIFY : WRITE_QUIET,
    [
      JSON.stringify(audits.map((r, n) => auditRecord(r, n))),
      head.shard,
      JSON.stringify(eventRows),
      audits.at(-1)?.hash ?? head.auditHash,
      createdAt,
      ...(opts.notify && events.length ? [createdAt] : []),
    ],
  );
  const ids = new Map(rows.map((r) => [Number(r.seq), Number(r.id)]));
  return eventRows.map(
    (e) =>
      ({
        id: ids.get(e.seq)!,
        shard: head.shard,
        seq: e.seq,
        topic: e.topic,
        payload: e.payload,
        regionCode: e.region_code,
        organisationId: e.organisation_id,
        createdAt,
      }) as LoggedEvent,
  );
}
