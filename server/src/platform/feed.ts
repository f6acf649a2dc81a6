import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from './db.ts';
import { loggedEvent, type BusMessage, type LoggedEvent } from './events.ts';
import { outboxEvents } from './platform.table.ts';

/** How often an instance compares the outbox with what it has delivered. */
export const REPAIR_INTERVAL_MS = 1000;
const FILL_BATCH = 1000;

/** Called with each event once, in order per shard, and the feed's cursor after it. */
export type FeedListener = (e: LoggedEvent, cursor: string) => void;

/**
 * This instance's view of the outbox (decision 014): every committed event,
 * once, in commit order per ledger shard, whatever the bus did.
 *
 * - The bus brings events fast; `(shard, seq)` tells a duplicate (seq below
 *   the next expected: dropped) from a gap (above it: the missing events are
 *   read from the outbox first). Within a shard, seq n + 1 committing means
 *   seq n committed before it, so a gap is always there to read.
 * - Every REPAIR_INTERVAL_MS the feed reads each shard's last seq and reads
 *   what it has not delivered: an event whose publisher died right after
 *   commit arrives within about a second, with NATS or with PostgreSQL.
 * - The cursor is the transaction-id horizon of the last repair: every event
 *   written by a transaction older than it has been delivered. A console
 *   that reconnects with it is replayed what came after (realtime.ts).
 */
export class EventFeed {
  private readonly next = new Map<number, number>();
  private readonly listeners: FeedListener[] = [];
  private readonly checkpointListeners: ((cursor: string) => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private horizon = '0';

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly repairMs = REPAIR_INTERVAL_MS,
  ) {}

  /** Starts after the events committed so far: an instance delivers what commits from now on. */
  async start(): Promise<void> {
    const { horizon, heads } = await this.heads();
    for (const [shard, head] of heads) this.next.set(shard, head + 1);
    this.horizon = horizon;
    this.timer = setInterval(() => this.enqueue(() => this.repair()), this.repairMs);
    this.timer.unref();
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.queue;
  }

  get cursor(): string {
    return this.horizon;
  }

  subscribe(listener: FeedListener): void {
    this.listeners.push(listener);
  }

  onCheckpoint(listener: (cursor: string) => void): void {
    this.checkpointListeners.push(listener);
  }

  /** A message from the bus (any order, possibly twice, possibly never). */
  receive(m: BusMessage): void {
    this.enqueue(() => this.accept(m));
  }

  /** Reads and delivers whatever the outbox holds that this instance has not delivered. */
  repairNow(): Promise<void> {
    this.enqueue(() => this.repair());
    return this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(task)
      .catch((err: unknown) => this.log.warn({ err }, 'event feed: will retry at the next repair'));
  }

  private expected(shard: number): number {
    return this.next.get(shard) ?? 1;
  }

  private async accept(m: BusMessage): Promise<void> {
    const next = this.expected(m.shard);
    if (m.seq < next) return; // delivered already
    if (m.seq > next) await this.fill(m.shard, next, m.seq - 1);
    if ('ref' in m) await this.fill(m.shard, m.seq, m.seq);
    else if (m.seq === this.expected(m.shard)) this.deliver(m);
  }

  private async fill(shard: number, from: number, to: number): Promise<void> {
    while (from <= to) {
      const upto = Math.min(to, from + FILL_BATCH - 1);
      const rows = await this.db
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.shard, shard), between(outboxEvents.seq, from, upto)))
        .orderBy(asc(outboxEvents.seq));
      for (const r of rows) if (r.seq === this.expected(shard)) this.deliver(loggedEvent(r));
      if (this.expected(shard) <= upto) {
        // Only deleted rows leave a hole in a shard's numbering (retention); go on after it.
        this.log.warn({ shard, from: this.expected(shard), to: upto }, 'events missing from the outbox');
        this.next.set(shard, upto + 1);
      }
      from = upto + 1;
    }
  }

  private deliver(e: LoggedEvent): void {
    this.next.set(e.shard, e.seq + 1);
    for (const l of this.listeners) {
      try {
        l(e, this.horizon);
      } catch (err) {
        this.log.warn({ err, topic: e.topic }, 'event listener failed');
      }
    }
  }

  private async repair(): Promise<void> {
    const { horizon, heads } = await this.heads();
    for (const [shard, head] of heads)
      if (head >= this.expected(shard)) await this.fill(shard, this.expected(shard), head);
    if (horizon === this.horizon) return;
    this.horizon = horizon;
    for (const l of this.checkpointListeners) l(horizon);
  }

  /**
   * Each shard's last seq (ledger_heads moves with the events, in the same
   * transaction), and the horizon of the same snapshot: every transaction
   * below it had ended, so its events are at or below the heads.
   */
  private async heads(): Promise<{ horizon: string; heads: Map<number, number> }> {
    const res = await this.db.execute(sql`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon, shard, event_seq AS head
      FROM ledger_heads`);
    const rows = (res as unknown as { rows: { horizon: string; shard: number; head: string }[] }).rows;
    return {
      horizon: rows[0]?.horizon ?? '0',
      heads: new Map(rows.map((r) => [Number(r.shard), Number(r.head)])),
    };
  }
}
