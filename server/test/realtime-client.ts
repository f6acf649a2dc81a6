import WebSocket from 'ws';
import type { DomainEvent, RealtimeMessage } from '@yiyang/contracts';
import { DEMO_PASSWORD, type TestEnv } from './harness.ts';

/** A console's WebSocket on `/api/v1/events` of a listening test instance, as a browser would hold it. */
export interface ConsoleSocket {
  ws: WebSocket;
  messages: RealtimeMessage[];
  events: DomainEvent[];
  /** The cursor of the last message: what a reconnect sends as `after`. */
  cursor: string;
  /** Resolves when `pred` holds for `count` (default 1) received events; rejects after `ms`. */
  waitFor(pred: (e: DomainEvent) => boolean, opts?: { ms?: number; count?: number }): Promise<DomainEvent>;
  close(): Promise<void>;
}

export function portOf(env: TestEnv): number {
  const address = env.app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

export async function sessionCookie(env: TestEnv, username: string): Promise<string> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'yy_session');
  if (!cookie) throw new Error(`login ${username} failed: ${res.statusCode}`);
  return `yy_session=${cookie.value}`;
}

/** Connects as `username`; with `after`, resumes from that cursor. Resolves after the hello. */
export async function connectConsole(
  env: TestEnv,
  username: string,
  opts: { after?: string; cookie?: string } = {},
): Promise<ConsoleSocket> {
  const cookie = opts.cookie ?? (await sessionCookie(env, username));
  const query = opts.after === undefined ? '' : `?after=${encodeURIComponent(opts.after)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${portOf(env)}/api/v1/events${query}`, { headers: { cookie } });
  const socket: ConsoleSocket = {
    ws,
    messages: [],
    events: [],
    cursor: '',
    async waitFor(pred, { ms = 5000, count = 1 } = {}) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = socket.events.filter(pred);
        if (found.length >= count) return found[count - 1]!;
        if (Date.now() > deadline) throw new Error(`${found.length} of ${count} such events within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((r) => ws.once('close', r));
      ws.close();
      await closed;
    },
  };
  const hello = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as RealtimeMessage;
      socket.messages.push(m);
      socket.cursor = m.cursor;
      if (m.type === 'event') socket.events.push(m.event);
      if (m.type === 'hello') resolve();
    });
  });
  await hello;
  return socket;
}
