import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { DomainEvent, EventMap, EventScope, EventTopic } from '@yiyang/contracts';
import type { Database } from './db.ts';
import type { outboxEvents } from './platform.table.ts';

/** An event a command emits (`uow.emit`), written to the outbox at commit. */
export interface PendingEvent<T extends EventTopic = EventTopic> {
  topic: T;
  payload: EventMap[T];
  scope: EventScope;
}

/** A committed event and its place in its ledger shard (ledger.ts): `seq` counts 1, 2, 3… per shard. */
export type LoggedEvent = DomainEvent & { shard: number; seq: number };

/** What travels on the bus: the event, or only its place when it is too big for a NOTIFY. */
export type BusMessage = LoggedEvent | { ref: true; id: number; shard: number; seq: number };

export const EVENT_CHANNEL = 'yiyang_events';
// NOTIFY payloads are limited to 8000 bytes; larger events travel by reference.
export const MAX_NOTIFY_BYTES = 7000;

/**
 * The fast path of cross-instance fan-out (PRODUCT.md §3). With PostgreSQL
 * the NOTIFY is part of the transaction, so it is sent exactly when the
 * change commits; with NATS the event is published right after commit. Either
 * may lose a message (an instance killed between commit and publish, a
 * dropped connection): the outbox is the source of truth and every
 * instance's EventFeed (feed.ts) fetches what the bus did not bring.
 */
export interface EventBus {
  readonly notifiesInTransaction: boolean;
  start(onMessage: (m: BusMessage) => void): Promise<void>;
  afterCommit(events: LoggedEvent[]): void;
  close(): Promise<void>;
}

/** Outbox row → event. */
export function loggedEvent(r: typeof outboxEvents.$inferSelect): LoggedEvent {
  return {
    id: r.id,
    shard: r.shard,
    seq: r.seq,
    topic: r.topic,
    payload: r.payload,
    regionCode: r.regionCode,
    organisationId: r.organisationId,
    createdAt: r.createdAt.toISOString(),
  } as LoggedEvent;
}

/** What consoles and handlers see of a logged event: not its place in the ledger. */
export function domainEvent(e: LoggedEvent): DomainEvent {
  const { shard: _shard, seq: _seq, ...event } = e;
  return event as DomainEvent;
}

function parse(json: string): BusMessage {
  const m = JSON.parse(json) as BusMessage;
  if (!Number.isInteger(m.shard) || !Number.isInteger(m.seq) || !Number.isInteger(m.id))
    throw new Error('event message without id, shard and seq');
  return m;
}

export class PgNotifyBus implements EventBus {
  readonly notifiesInTransaction = true;
  private unlisten: (() => Promise<void>) | null = null;
  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}
  async start(onMessage: (m: BusMessage) => void): Promise<void> {
    this.unlisten = await this.database.listen(EVENT_CHANNEL, (payload) => {
      try {
        onMessage(parse(payload));
      } catch (err) {
        this.log.warn({ err }, 'dropping undecodable event notification');
      }
    });
  }
  afterCommit(): void {}
  async close(): Promise<void> {
    await this.unlisten?.();
  }
}

export class NatsBus implements EventBus {
  readonly notifiesInTransaction = false;
  private nc: NatsConnection | null = null;
  private readonly subject: string;
  /** `ledgerId`: the `ledger` row's id; one subject per deployment, however many share the NATS server. */
  constructor(
    private readonly url: string,
    ledgerId: string,
    private readonly log: Logger,
  ) {
    this.subject = `yiyang.events.${ledgerId}`;
  }
  async start(onMessage: (m: BusMessage) => void): Promise<void> {
    const { connect } = await import('nats');
    // maxReconnectAttempts -1: keep trying through a NATS restart (the feed repairs what was missed).
    this.nc = await connect({ servers: this.url, maxReconnectAttempts: -1, name: 'yiyang' });
    const sub = this.nc.subscribe(this.subject);
    void (async () => {
      for await (const m of sub) {
        try {
          onMessage(parse(m.string()));
        } catch (err) {
          this.log.warn({ err }, 'dropping undecodable NATS event');
        }
      }
    })();
  }
  afterCommit(events: LoggedEvent[]): void {
    if (!this.nc || this.nc.isClosed()) return;
    for (const e of events) this.nc.publish(this.subject, JSON.stringify(e));
  }
  async close(): Promise<void> {
    await this.nc?.drain().catch(() => {});
  }
}
