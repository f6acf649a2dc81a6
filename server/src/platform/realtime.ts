import type { WebSocket } from 'ws';
import { covers, type AuthContext } from './access.ts';
import type { PublishedEvent } from './events.ts';

/**
 * Console WebSocket connections of this instance. Events arrive from the bus
 * (every instance receives every event) and are delivered only to
 * connections whose scope covers the event's region or organisation.
 */
export class RealtimeHub {
  private readonly clients = new Map<WebSocket, AuthContext>();

  add(socket: WebSocket, auth: AuthContext): void {
    this.clients.set(socket, auth);
    socket.on('close', () => this.clients.delete(socket));
  }

  get size(): number {
    return this.clients.size;
  }

  dispatch(e: PublishedEvent): void {
    const message = JSON.stringify({ type: 'event', event: e });
    for (const [socket, auth] of this.clients) {
      if (!covers(auth.scope, { regionCode: e.regionCode, organisationId: e.organisationId })) continue;
      // Slow consumers are dropped rather than allowed to grow this process's memory.
      if (socket.bufferedAmount > 4 * 1024 * 1024) {
        socket.close(1013, 'slow consumer');
        continue;
      }
      socket.send(message);
    }
  }

  closeAll(): void {
    for (const socket of this.clients.keys()) socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}
