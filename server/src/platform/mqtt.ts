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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
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
