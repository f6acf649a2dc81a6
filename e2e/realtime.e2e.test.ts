import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import WebSocket from 'ws';
import type { DomainEvent, RealtimeMessage } from '@yiyang/contracts';
import type { Client, TestEnv } from '../server/test/harness.ts';
import { portOf, sessionCookie } from '../server/test/realtime-client.ts';
import { MAX_REPLAY } from '../server/src/platform/realtime.routes.ts';
import { SYSTEM_ACTOR } from '../server/src/platform/audit.ts';
import { transact } from '../server/src/platform/uow.ts';
import { RealtimeClient, type SocketLike } from '../web/src/api/realtime.ts';
import { chromiumMissing, signIn, startBrowserEnv, stopBrowserEnv } from './browser.ts';

/**
 * The console's realtime client (web/src/api/realtime.ts): against the real
 * server from Node, where a test can stop and restart it at will, and in
 * Chromium, where events make the console's cached lists stale.
 */
const skip = chromiumMissing();

async function until(what: string, done: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('realtime client', { skip }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let admin: Client;
  before(async () => {
    ({ env, browser, base } = await startBrowserEnv());
    admin = await env.login('admin');
  });
  after(() => stopBrowserEnv({ env, browser }));

  const emit = (marker: string, count = 1) =>
    transact(env.platform, SYSTEM_ACTOR, async (_tx, uow) => {
      for (let i = 0; i < count; i++)
        uow.emit(
          'organisation.updated',
          { id: count === 1 ? marker : `${marker}-${i}` },
          { regionCode: '500110' },
        );
    });

  async function nodeClient() {
    const cookie = await sessionCookie(env, 'admin');
    const urls: string[] = [];
    const client = new RealtimeClient({
      base: `ws://127.0.0.1:${portOf(env)}`,
      minDelayMs: 50,
      open: (url) => {
        urls.push(url);
        const ws = new WebSocket(url, { headers: { cookie } });
        // As in a browser, a failed or aborted connection is reported by its close event, never thrown.
        ws.on('error', () => {});
        return ws as unknown as SocketLike;
      },
    });
    const got: string[] = [];
    const all: DomainEvent[] = [];
    const started = Date.now();
    let resets = 0;
    client.on('organisation.updated', (e) => got.push(e.payload.id));
    client.onAny((e) => all.push(e));
    client.onReset(() => resets++);
    client.start();
    // Connected once an event committed after the connection arrives: probe until one does.
    const probes: string[] = [];
    await until('a probe', () => {
      if (probes.some((p) => got.includes(p))) return true;
      if (probes.length < Math.floor((Date.now() - started) / 500) + 1) {
        probes.push(randomUUID());
        void emit(probes.at(-1)!);
      }
      return false;
    });
    return { client, got, all, urls, resets: () => resets };
  }

  test('stopped and started again, it gets what was committed meanwhile, each event once', async () => {
    const c = await nodeClient();
    c.client.stop();
    const missed = [randomUUID(), randomUUID()];
    for (const m of missed) await emit(m);
    c.client.start();
    await until('the missed events', () => missed.every((m) => c.got.includes(m)));
    assert.match(c.urls.at(-1)!, /\?after=\d+$/, 'resumed from a cursor');
    const ids = c.all.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'no event handled twice');
    c.client.stop();
  });

  test('it reconnects by itself when the server drops the connection', async () => {
    const c = await nodeClient();
    env.platform.hub.closeAll();
    const marker = randomUUID();
    await emit(marker);
    await until('the event after the drop', () => c.got.includes(marker));
    assert.ok(c.urls.length >= 2, 'connected again');
    c.client.stop();
  });

  test('a gap too long to replay tells it to reload', async () => {
    const c = await nodeClient();
    c.client.stop();
    await emit(randomUUID(), MAX_REPLAY + 1);
    c.client.start();
    await until('the reset', () => c.resets() === 1);
    c.client.stop();
  });

  /** The console's events socket, passed through a route that can drop it and refuse reconnects. */
  async function routedConsole(page: Page) {
    const frames: RealtimeMessage[] = [];
    const urls: string[] = [];
    let open: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
    let refusing = false;
    // In the page: the payload id of every event the console has handled, recorded after its handlers ran
    // (the route below sees a frame before the page does; clicking then raced the page's own handling).
    await page.addInitScript(() => {
      const handled: string[] = [];
      Object.assign(window, { __yyHandled: handled });
      const attr = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;
      Object.defineProperty(WebSocket.prototype, 'onmessage', {
        ...attr,
        set(this: WebSocket, fn: ((ev: MessageEvent) => void) | null) {
          attr.set!.call(
            this,
            fn &&
              ((ev: MessageEvent) => {
                fn.call(this, ev);
                const m = JSON.parse(String(ev.data)) as {
                  type: string;
                  event?: { payload: { id?: string } };
                };
                if (m.type === 'event' && m.event?.payload.id) handled.push(m.event.payload.id);
              }),
          );
        },
      });
    });
    await page.routeWebSocket(/\/api\/v1\/events/, (ws) => {
      urls.push(ws.url());
      if (refusing) return void ws.close({ code: 4000, reason: 'test: refused' });
      const server = ws.connectToServer();
      server.onMessage((m) => {
        frames.push(JSON.parse(String(m)) as RealtimeMessage);
        ws.send(m);
      });
      ws.onMessage((m) => server.send(m));
      open = { page: ws, server };
    });
    return {
      frames,
      urls,
      /** Waits until the console has handled the event of an organisation created or updated with this id. */
      async eventFor(id: string) {
        await until(`the event for ${id}`, () =>
          frames.some(
            (f) =>
              f.type === 'event' &&
              (f.event.topic === 'organisation.created' || f.event.topic === 'organisation.updated') &&
              f.event.payload.id === id,
          ),
        );
        await page.waitForFunction(
          (id) => (window as unknown as { __yyHandled: string[] }).__yyHandled.includes(id),
          id,
          { timeout: 10_000 },
        );
      },
      async drop() {
        refusing = true;
        await open?.server.close();
        await open?.page.close();
      },
      accept() {
        refusing = false;
      },
    };
  }

  async function createOrganisation(name: string): Promise<string> {
    const r = await admin.post('/api/v1/organisations', {
      name,
      type: 'provider',
      regionCode: '500110000000',
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id;
  }

  const showOrganisations = async (page: Page) => {
    await page.getByTestId('menu-organisations').click();
    await page.getByTestId('organisation-table').locator('tr.ant-table-row').first().waitFor();
  };

  /** Shows the list again: the event was handled (`eventFor`), so the cached page is stale and read anew. */
  const showAgainListed = async (page: Page, name: string) => {
    await showOrganisations(page);
    await page.getByTestId('organisation-table').getByText(name).waitFor({ timeout: 10_000 });
  };

  test('a list is fetched again when shown after someone else changed it', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const socket = await routedConsole(page);
    await signIn(page, base, 'admin');
    await showOrganisations(page);
    await page.getByTestId('menu-users').click();
    const name = `实时机构${randomUUID().slice(0, 6)}`;
    await socket.eventFor(await createOrganisation(name));
    await showAgainListed(page, name);
    await page.context().close();
  });

  test('after the connection drops, a change made meanwhile still reaches the console', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const socket = await routedConsole(page);
    await signIn(page, base, 'admin');
    await showOrganisations(page);
    await until('the hello', () => socket.frames.some((f) => f.type === 'hello'));
    await page.getByTestId('menu-users').click();
    await socket.drop();
    const name = `断线期间的机构${randomUUID().slice(0, 6)}`;
    const id = await createOrganisation(name);
    const refusedBefore = socket.urls.length;
    await until('a refused reconnect', () => socket.urls.length > refusedBefore, 15_000);
    socket.accept();
    await socket.eventFor(id);
    assert.match(socket.urls.at(-1)!, /\?after=\d+$/, 'the console resumed from its cursor');
    await showAgainListed(page, name);
    await page.context().close();
  });
});
