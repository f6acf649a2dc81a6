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
  close(): Promise<void>;
}

export async function startBroker(opts: {
  url?: string | undefined;
  port: number;
  embedded: boolean;
  log: Logger;
}): Promise<Broker | null> {
  if (opts.url) return { url: opts.url, embedded: false, close: async () => {} };
  if (!opts.embedded) return null;
  const { Aedes } = await import('aedes');
  const aedes = await Aedes.createBroker();
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
    async close() {
      await new Promise<void>((r) => aedes.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
