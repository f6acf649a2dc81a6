import { and, asc, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inScope } from './access.ts';
import type { Db } from './db.ts';
import { domainEvent, loggedEvent } from './events.ts';
import type { EventFeed } from './feed.ts';
import { authOf, type App } from './http.ts';
import { outboxEvents } from './platform.table.ts';
import type { RealtimeHub, Replay } from './realtime.ts';

/** At most this many events are replayed to a reconnecting console; more, and it is told to reload. */
export const MAX_REPLAY = 1000;

/** The events of transactions at or after the cursor's horizon, in the caller's scope, oldest first. */
export function outboxReplay(db: Db): Replay {
  return async (auth, after) => {
    const rows = await db
      .select()
      .from(outboxEvents)
      .where(
        and(
          gte(outboxEvents.xid, sql`${after}::xid8`),
          inScope(auth.scope, { region: outboxEvents.regionCode, organisation: outboxEvents.organisationId }),
        ),
      )
      .orderBy(asc(outboxEvents.xid), asc(outboxEvents.id))
      .limit(MAX_REPLAY + 1);
    return rows.length > MAX_REPLAY ? null : rows.map((r) => domainEvent(loggedEvent(r)));
  };
}

/** `GET /api/v1/events[?after=<cursor>]`: domain events for the caller's scope (RealtimeMessage). */
export function realtimeRoutes(app: App, p: { db: Db; hub: RealtimeHub; feed: EventFeed }): void {
  const replay = outboxReplay(p.db);
  app.get(
    '/api/v1/events',
    {
      websocket: true,
      config: {
        access: 'authenticated',
        authz: { skip: 'events are filtered per connection by scope (realtime.int.test.ts)' },
      },
      schema: {
        hide: true,
        querystring: z
          .object({
            // A cursor this server handed out: a PostgreSQL transaction id (xid8).
            after: z
              .string()
              .refine((v) => /^\d{1,20}$/.test(v) && BigInt(v) < 2n ** 64n, { message: 'common.bad_cursor' })
              .optional(),
          })
          .strict(),
      },
    },
    (socket, req) => {
      // Cross-site WebSocket hijacking: browsers send Origin; it must be this host.
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host) {
        socket.close(1008, 'origin');
        return;
      }
      const { after } = req.query;
      void p.hub.add(socket, authOf(req), p.feed.cursor, after === undefined ? undefined : { after, replay });
    },
  );
}
