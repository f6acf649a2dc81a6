import { createServer, type Server } from 'node:net';
import type { Logger } from 'pino';

/**
 * The device broker (PRODUCT.md §3, §4.6). With MQTT_URL unset an embedded
 * aedes broker listens on MQTT_PORT; in production a real broker (Mosquitto
 * with deploy/mosquitto.conf) is used. Device ingest (issue: emergency
 * assistance) subscribes through `connectClient`.
 */
export interface Broker {
  url: string;
  embedded: boolean;
  /**
   * Embedded broker only: the device module's checks. `authenticate` decides CONNECT; `publish` runs before
   * a PUBLISH is acknowledged (aedes's `authorizePublish` precedes the QoS 1 PUBACK), so the PUBACK waits for
   * its promise: resolved, the message is accepted; rejected, refused (the client is disconnected, no PUBACK).
   */
  intercept?(hooks: EmbeddedHooks): void;
  close(): Promise<void>;
}

export interface EmbeddedHooks {
  authenticate(username: string | undefined, password: Buffer | undefined): Promise<boolean>;
  publish(username: string | null, topic: string, payload: Buffer): Promise<void>;
}

type WithUser = { yiyangUser?: string | null } | null;

export async function startBroker(opts: {
  url?: string | undefined;
  port: number;
  embedded: boolean;
  log: Logger;
}): Promise<Broker | null> {
  if (opts.url) return { url: opts.url, embedded: false, close: async () => {} };
  if (!opts.embedded) return null;
  const { Aedes } = await import('aedes');
  let hooks: EmbeddedHooks | null = null;
  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      if (!hooks) return done(null, true);
      hooks.authenticate(username, password).then(
        (ok) => {
          if (ok) (client as WithUser)!.yiyangUser = username ?? null;
          else return done(Object.assign(new Error('bad credentials'), { returnCode: 4 as const }), false);
          done(null, true);
        },
        (err: unknown) => done(Object.assign(new Error(String(err)), { returnCode: 3 as const }), false),
      );
    },
    authorizePublish(client, packet, done) {
      if (packet.topic.startsWith('$SYS')) return done(new Error('$SYS topic is reserved'));
      // The broker's own publishes (wills, $SYS) have no client.
      if (!hooks || !client) return done(null);
      hooks.publish((client as WithUser)?.yiyangUser ?? null, packet.topic, packet.payload as Buffer).then(
        () => done(null),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
  const server: Server = createServer(aedes.handle);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(opts.port);
  } catch (err) {
    // Another broker (often a local Mosquitto) holds the port: a trial start must still work.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || opts.port === 0) throw err;
    opts.log.warn({ port: opts.port }, 'MQTT port in use; the embedded broker takes a free port instead');
    await listen(0);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.log.info({ port }, 'embedded MQTT broker listening');
  return {
    url: `mqtt://127.0.0.1:${port}`,
    embedded: true,
    intercept: (h) => void (hooks = h),
    async close() {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
