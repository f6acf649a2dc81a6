import { sql } from 'drizzle-orm';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { Database, Tx } from './db.ts';
import { outboxEvents } from './platform.table.ts';

/** A domain event, scoped like the data it is about. */
export interface DomainEvent {
  topic: string; // e.g. 'user.created', later 'alarm.opened'
  regionCode?: string | null;
  organisationId?: string | null;
  payload: Record<string, unknown>;
}

export interface PublishedEvent extends DomainEvent {
  id: number;
  createdAt: string;
}

const CHANNEL = 'yiyang_events';
const NATS_SUBJECT = 'yiyang.events';
// NOTIFY payloads are limited to 8000 bytes; larger events travel by id.
const MAX_NOTIFY_BYTES = 7000;

/**
 * Cross-instance fan-out of committed events (PRODUCT.md §3). With PostgreSQL
 * the NOTIFY is part of the transaction, so an event is announced exactly when
 * its change commits. With NATS the event is published right after commit.
 */
export interface EventBus {
  readonly notifiesInTransaction: boolean;
  start(onEvent: (e: PublishedEvent) => void): Promise<void>;
  afterCommit(events: PublishedEvent[]): void;
  close(): Promise<void>;
}

/** Writes events to the outbox in the caller's transaction. */
export async function appendOutbox(
  tx: Tx,
  events: DomainEvent[],
  notify: boolean,
): Promise<PublishedEvent[]> {
  if (events.length === 0) return [];
  const rows = await tx
    .insert(outboxEvents)
    .values(
      events.map((e) => ({
        topic: e.topic,
        regionCode: e.regionCode ?? null,
        organisationId: e.organisationId ?? null,
        payload: e.payload,
      })),
    )
    .returning();
  const published = rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    regionCode: r.regionCode,
    organisationId: r.organisationId,
    payload: r.payload,
    createdAt: r.createdAt.toISOString(),
  }));
  if (notify) {
    for (const e of published) {
      const json = JSON.stringify(e);
      const message = Buffer.byteLength(json) <= MAX_NOTIFY_BYTES ? json : JSON.stringify({ id: e.id });
      await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${message})`);
    }
  }
  return published;
}

export class PgNotifyBus implements EventBus {
  readonly notifiesInTransaction = true;
  private unlisten: (() => Promise<void>) | null = null;
  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}
  async start(onEvent: (e: PublishedEvent) => void): Promise<void> {
    this.unlisten = await this.database.listen(CHANNEL, (payload) => {
      void this.decode(payload)
        .then((e) => e && onEvent(e))
        .catch((err: unknown) => this.log.warn({ err }, 'dropping undecodable event notification'));
    });
  }
  private async decode(payload: string): Promise<PublishedEvent | null> {
    const parsed = JSON.parse(payload) as Partial<PublishedEvent> & { id: number };
    if (parsed.topic) return parsed as PublishedEvent;
    const res = await this.database.db.execute(
      sql`SELECT id, topic, region_code, organisation_id, payload, created_at FROM outbox_events WHERE id = ${parsed.id}`,
    );
    const r = (res as unknown as { rows: Record<string, unknown>[] }).rows[0];
    if (!r) return null;
    return {
      id: Number(r.id),
      topic: String(r.topic),
      regionCode: (r.region_code as string | null) ?? null,
      organisationId: (r.organisation_id as string | null) ?? null,
      payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
      createdAt: new Date(r.created_at as string).toISOString(),
    };
  }
  afterCommit(): void {}
  async close(): Promise<void> {
    await this.unlisten?.();
  }
}

export class NatsBus implements EventBus {
  readonly notifiesInTransaction = false;
  private nc: NatsConnection | null = null;
  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}
  async start(onEvent: (e: PublishedEvent) => void): Promise<void> {
    const { connect, JSONCodec } = await import('nats');
    const codec = JSONCodec<PublishedEvent>();
    // maxReconnectAttempts -1: keep trying through a NATS restart.
    this.nc = await connect({ servers: this.url, maxReconnectAttempts: -1, name: 'yiyang' });
    const sub = this.nc.subscribe(NATS_SUBJECT);
    void (async () => {
      for await (const m of sub) {
        try {
          onEvent(codec.decode(m.data));
        } catch (err) {
          this.log.warn({ err }, 'dropping undecodable NATS event');
        }
      }
    })();
  }
  afterCommit(events: PublishedEvent[]): void {
    if (!this.nc) return;
    for (const e of events) this.nc.publish(NATS_SUBJECT, new TextEncoder().encode(JSON.stringify(e)));
  }
  async close(): Promise<void> {
    await this.nc?.drain().catch(() => {});
  }
}
