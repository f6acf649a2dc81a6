import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import type { DomainEvent } from '@yiyang/contracts';
import { dbTargets, IN_CI, startTestEnv, type TestEnv } from '../../test/harness.ts';
import { connectConsole, portOf, sessionCookie } from '../../test/realtime-client.ts';
import { SYSTEM_ACTOR } from './audit.ts';
import { EVENT_CHANNEL, loggedEvent } from './events.ts';
import { ledger, outboxEvents } from './platform.table.ts';
import { MAX_REPLAY } from './realtime.routes.ts';
import { transact } from './uow.ts';

/**
 * Events across instances (decision 014), with NATS and with PostgreSQL
 * LISTEN/NOTIFY: every committed event reaches every instance within 5 s,
 * even when the instance that committed it dies right after the commit;
 * a second delivery of an event is dropped; a console that reconnects is
 * sent everything after the last cursor it saw.
 */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const CRASH = fileURLToPath(new URL('../../test/commit-and-die.ts', import.meta.url));

async function natsReachable(): Promise<boolean> {
  const u = new URL(NATS_URL);
  return new Promise((resolve) => {
    const s = netConnect({ host: u.hostname, port: Number(u.port || 4222) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    setTimeout(() => (s.destroy(), resolve(false)), 1500);
  });
}

/** Runs commit-and-die.ts: an instance that commits `organisation.updated {id: marker}` and is SIGKILLed. */
async function commitAndDie(env: TestEnv, marker: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CRASH, marker], {
    env: {
      ...process.env,
      DATABASE_URL: env.config.DATABASE_URL,
      NATS_URL: env.config.NATS_URL ?? '',
      DATA_KEYS: env.config.DATA_KEYS,
      HASH_KEY: env.config.HASH_KEY,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_c, s) => resolve(s)),
  );
  assert.equal(signal, 'SIGKILL', `the instance should have been killed after its commit: ${stderr}`);
}

const marked = (marker: string) => (e: DomainEvent) =>
  e.topic === 'organisation.updated' && e.payload.id === marker;

/** Commits `organisation.updated {id: marker}` through `env` (published normally). */
function commit(env: TestEnv, marker: string) {
  return transact(env.platform, SYSTEM_ACTOR, async (_tx, uow) =>
    uow.emit('organisation.updated', { id: marker }, { regionCode: '500110' }),
  );
}

const pg = (await dbTargets()).find((t) => t.name === 'postgres');
const nats = await natsReachable();
if (!nats && IN_CI) throw new Error(`CI=true but NATS is not reachable at ${NATS_URL}`);
const transports = [
  { name: 'NATS', env: { NATS_URL }, skip: nats ? false : `NATS not reachable at ${NATS_URL}` },
  { name: 'PostgreSQL LISTEN/NOTIFY', env: {}, skip: false },
] as const;

for (const transport of transports) {
  describe(
    `events across instances (${transport.name})`,
    { skip: pg ? transport.skip : 'PostgreSQL not reachable' },
    () => {
      let a: TestEnv;
      let b: TestEnv;
      let c: TestEnv;
      const handled = new Map<string, DomainEvent[]>();
      before(async () => {
        a = await startTestEnv(pg!, { env: transport.env });
        b = await startTestEnv(pg!, { seed: false, shareWith: a, env: transport.env });
        c = await startTestEnv(pg!, { seed: false, shareWith: a, env: transport.env });
        for (const [name, env] of [
          ['b', b],
          ['c', c],
        ] as const) {
          await env.app.listen({ port: 0, host: '127.0.0.1' });
          handled.set(name, []);
          env.platform.on('organisation.updated', (e) => void handled.get(name)!.push(e));
        }
      });
      after(async () => {
        await c?.close();
        await b?.close();
        await a?.close();
      });

      test('every committed event reaches every instance within 5 s when its publisher dies right after commit', async () => {
        const console = await connectConsole(c, 'admin');
        const marker = randomUUID();
        await commitAndDie(a, marker);
        const died = Date.now();
        const [row] = await a.platform.db
          .select()
          .from(outboxEvents)
          .where(sql`${outboxEvents.payload}->>'id' = ${marker}`);
        assert.ok(row, 'the event was committed');
        const within = async (name: string, found: () => boolean) => {
          while (!found()) {
            assert.ok(Date.now() - died < 5000, `${name} did not get the event within 5 s`);
            await new Promise((r) => setTimeout(r, 20));
          }
        };
        await within('instance b', () => handled.get('b')!.some(marked(marker)));
        await within('instance c', () => handled.get('c')!.some(marked(marker)));
        await within("c's console", () => console.events.some(marked(marker)));
        await console.close();
      });

      test('a second delivery of an event is dropped by its id', async () => {
        const console = await connectConsole(b, 'admin');
        const first = randomUUID();
        await commit(a, first);
        await console.waitFor(marked(first));
        // The same event again on the bus (a republish), then a later one from the same sender,
        // so that when the later one has arrived the duplicate has been handled.
        const later = randomUUID();
        await commitAndDie(a, later);
        const [dup, next] = await Promise.all(
          [first, later].map(async (m) => {
            const [r] = await a.platform.db
              .select()
              .from(outboxEvents)
              .where(sql`${outboxEvents.payload}->>'id' = ${m}`);
            return JSON.stringify(loggedEvent(r!));
          }),
        );
        await republish(a, [dup!, dup!, next!]);
        await console.waitFor(marked(later));
        await new Promise((r) => setTimeout(r, 200));
        for (const name of ['b', 'c']) {
          assert.equal(
            handled.get(name)!.filter(marked(first)).length,
            1,
            `instance ${name} handled it once`,
          );
          assert.equal(handled.get(name)!.filter(marked(later)).length, 1);
        }
        assert.equal(console.events.filter(marked(first)).length, 1, 'the console got it once');
        const ids = console.events.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, 'no event twice on the console');
        await console.close();
      });

      test('a reconnecting console is sent everything after the last cursor it saw', async () => {
        const cookie = await sessionCookie(b, 'admin');
        const first = await connectConsole(b, 'admin', { cookie });
        const seen = randomUUID();
        await commit(a, seen);
        await first.waitFor(marked(seen));
        const cursor = first.cursor;
        await first.close();
        // Committed while the console is away: through two instances, and one whose instance died.
        const missed = [randomUUID(), randomUUID(), randomUUID()];
        await commit(a, missed[0]!);
        await commit(b, missed[1]!);
        await commitAndDie(a, missed[2]!);
        const again = await connectConsole(c, 'admin', { cookie, after: cursor });
        for (const m of missed) await again.waitFor(marked(m));
        const live = randomUUID();
        await commit(a, live);
        await again.waitFor(marked(live));
        const ids = again.events.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, 'each event once');
        // In commit order. Events from just before the cursor may come again: a client drops them by id.
        const mine = new Set<string>([...missed, live]);
        assert.deepEqual(
          again.events.flatMap((e) =>
            e.topic === 'organisation.updated' && mine.has(e.payload.id) ? [e.payload.id] : [],
          ),
          [...missed, live],
        );
        await again.close();
      });

      test('a gap too long to replay is answered with reset', async () => {
        const cookie = await sessionCookie(b, 'admin');
        const first = await connectConsole(b, 'admin', { cookie });
        const cursor = first.cursor;
        await first.close();
        await transact(a.platform, SYSTEM_ACTOR, async (_tx, uow) => {
          for (let i = 0; i <= MAX_REPLAY; i++)
            uow.emit('organisation.updated', { id: `bulk-${i}` }, { regionCode: '500110' });
        });
        const again = await connectConsole(c, 'admin', { cookie, after: cursor });
        while (again.messages.length < 2) await new Promise((r) => setTimeout(r, 20));
        assert.equal(again.messages[1]!.type, 'reset');
        await again.close();
      });

      test('a cursor that is not one is refused with a localized problem', async () => {
        const cookie = await sessionCookie(b, 'admin');
        for (const after of ['abc', '-1', '18446744073709551616']) {
          const ws = new WebSocket(`ws://127.0.0.1:${portOf(b)}/api/v1/events?after=${after}`, {
            headers: { cookie, 'accept-language': 'en-US' },
          });
          const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
            ws.once('open', () => reject(new Error(`upgraded with after=${after}`)));
            ws.once('unexpected-response', (_req, r) => {
              let body = '';
              r.on('data', (d: Buffer) => (body += String(d)));
              r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
            });
          });
          assert.equal(res.status, 400, after);
          const problem = JSON.parse(res.body);
          assert.equal(problem.code, 'common.validation');
          assert.deepEqual(
            problem.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
            [['/query/after', 'common.bad_cursor']],
          );
        }
      });
    },
  );
}

/** Sends event messages on the bus of `env`'s deployment, as a second publisher would. */
async function republish(env: TestEnv, messages: string[]): Promise<void> {
  if (env.config.NATS_URL) {
    const { connect } = await import('nats');
    const nc = await connect({ servers: env.config.NATS_URL });
    const [{ id }] = (await env.platform.db.select().from(ledger)) as [{ id: string }];
    for (const m of messages) nc.publish(`yiyang.events.${id}`, m);
    await nc.drain();
    return;
  }
  await env.platform.db.transaction(async (tx) => {
    for (const m of messages) await tx.execute(sql`SELECT pg_notify(${EVENT_CHANNEL}, ${m})`);
  });
}
