import type { WebSocket } from 'ws';
import type { DomainEvent, RealtimeMessage } from '@yiyang/contracts';
import { covers, type AuthContext } from './access.ts';

/** Events after a cursor, in scope; null when there are more than a replay may send. */
export type Replay = (auth: AuthContext, after: string) => Promise<DomainEvent[] | null>;

interface Connection {
  auth: AuthContext;
  /** Live messages held back while the connection's replay runs. */
  held: { event: DomainEvent; cursor: string }[] | null;
  /** Ids sent by the replay, which live delivery must not send again. */
  replayed: Set<number> | null;
}

/** Only a checkpoint this old or older is worth a message to an idle console. */
const CHECKPOINT_EVERY_MS = 10_000;
// Slow consumers are dropped rather than allowed to grow this process's memory.
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Console WebSocket connections of this instance. Events arrive from the
 * EventFeed (every instance delivers every event) and are sent only to
 * connections whose scope covers the event's region or organisation. Each
 * message carries the feed's cursor; a console that reconnects with its last
 * cursor is first sent what it missed (`resume`).
 */
export class RealtimeHub {
  private readonly clients = new Map<WebSocket, Connection>();
  private lastCheckpoint = 0;

  get size(): number {
    return this.clients.size;
  }

  /**
   * Registers a connection, then replays the events after `after` (if given)
   * before any live one, each event once.
   */
  async add(
    socket: WebSocket,
    auth: AuthContext,
    cursor: string,
    resume?: { after: string; replay: Replay },
  ): Promise<void> {
    const conn: Connection = { auth, held: resume ? [] : null, replayed: null };
    this.clients.set(socket, conn);
    socket.on('close', () => this.clients.delete(socket));
    this.send(socket, { type: 'hello', userId: auth.userId, cursor: resume?.after ?? cursor });
    if (!resume) return;
    const events = await resume.replay(auth, resume.after).catch(() => null);
    if (events === null) this.send(socket, { type: 'reset', cursor });
    else {
      for (const event of events) this.send(socket, { type: 'event', event, cursor: resume.after });
      this.send(socket, { type: 'checkpoint', cursor });
      conn.replayed = new Set(events.map((e) => e.id));
    }
    const held = conn.held ?? [];
    conn.held = null;
    for (const m of held) this.deliver(socket, conn, m.event, m.cursor);
  }

  dispatch(event: DomainEvent, cursor: string): void {
    for (const [socket, conn] of this.clients) {
      if (!covers(conn.auth.scope, { regionCode: event.regionCode, organisationId: event.organisationId }))
        continue;
      if (conn.held) conn.held.push({ event, cursor });
      else this.deliver(socket, conn, event, cursor);
    }
  }

  /** The feed's cursor moved: idle consoles learn it now and then, so a reconnect replays little. */
  checkpoint(cursor: string, now = Date.now()): void {
    if (now - this.lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    this.lastCheckpoint = now;
    for (const [socket, conn] of this.clients)
      if (!conn.held) this.send(socket, { type: 'checkpoint', cursor });
  }

  closeAll(): void {
    for (const socket of this.clients.keys()) socket.close(1001, 'server shutting down');
    this.clients.clear();
  }

  private deliver(socket: WebSocket, conn: Connection, event: DomainEvent, cursor: string): void {
    if (conn.replayed?.has(event.id)) return;
    this.send(socket, { type: 'event', event, cursor });
  }

  private send(socket: WebSocket, message: RealtimeMessage): void {
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, 'slow consumer');
      return;
    }
    socket.send(JSON.stringify(message));
  }
}
