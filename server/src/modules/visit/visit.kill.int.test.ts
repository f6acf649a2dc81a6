import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { dbTargets, DEMO_PASSWORD, startTestEnv, type TestEnv } from '../../../test/harness.ts';
import { orders } from '../order/order.table.ts';
import { serviceItems } from '../service/service.table.ts';
import { users } from '../user/user.table.ts';
import { visits } from './visit.table.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CHILD = fileURLToPath(new URL('../../../test/visit-server-child.ts', import.meta.url));

/**
 * Issue 15, faults: a visit action the server acknowledged to the phone survives a kill -9 of the server.
 * A real server in a child process acknowledges a check-in and is SIGKILLed at once; the check-in is in the
 * database, and the phone's retry with the same Idempotency-Key, to another instance, gets the first answer.
 * PostgreSQL only (two processes share the database).
 */
const targets = (await dbTargets()).filter((t) => t.name === 'postgres');
for (const target of targets) {
  describe(`a check-in survives kill -9 (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target);
    });
    after(() => env?.close());

    test('acknowledged, killed, still there; the retry replays it', async () => {
      const elder = await env.login('elder');
      const elderId = ((await elder.get('/api/v1/elders')).json() as Json).items[0].id as string;
      const [meal] = await env.platform.db
        .select()
        .from(serviceItems)
        .where(eq(serviceItems.code, 'SH0101'))
        .orderBy(sql`valid_to NULLS FIRST`)
        .limit(1);
      const q = (
        await elder.get(`/api/v1/orders/quote?elderId=${elderId}&itemId=${meal!.id}`)
      ).json() as Json;
      const providerId = (q.providers.find((p: Json) => p.agreementId) ?? q.providers[0]).organisationId;
      const placed = await elder.post('/api/v1/orders', {
        elderId,
        itemId: meal!.id,
        providerId,
        plannedStart: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const id = (placed.json() as Json).id as string;
      let admin = null;
      for (const u of ['provider', 'provider2', 'provider3']) {
        const c = await env.login(u);
        if (((await c.get('/api/v1/me')).json() as Json).organisationId === providerId) admin = c;
      }
      assert.equal((await admin!.post(`/api/v1/orders/${id}/accept`, {})).statusCode, 200);
      const best = ((await admin!.get(`/api/v1/orders/${id}/suggestions`)).json() as Json).items.find(
        (s: Json) => s.eligible,
      );
      assert.equal(
        (await admin!.post(`/api/v1/orders/${id}/assign`, { caregiverId: best.caregiverId })).statusCode,
        200,
      );
      const [cg] = await env.platform.db.select().from(users).where(eq(users.id, best.caregiverId));

      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        env: {
          ...process.env,
          DATABASE_URL: env.config.DATABASE_URL,
          DATA_KEYS: env.config.DATA_KEYS,
          HASH_KEY: env.config.HASH_KEY,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_c, s) => resolve(s)),
      );
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += String(d);
          const line = out.split('\n').find((l) => l.startsWith('{"port"'));
          if (line) resolve((JSON.parse(line) as { port: number }).port);
        });
        child.once('exit', () => reject(new Error('the child server exited before listening')));
      });
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: cg!.username, password: DEMO_PASSWORD }),
      });
      assert.equal(login.status, 200);
      const me = (await login.json()) as { csrfToken: string };
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const body = { at: new Date(Date.now() - 60_000).toISOString(), sentAt: new Date().toISOString() };
      const headers = {
        cookie,
        'x-csrf-token': me.csrfToken,
        'content-type': 'application/json',
        'idempotency-key': `kill-${id}`,
      };
      const ack = await fetch(`${base}/api/v1/orders/${id}/check-in`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      const first = await ack.text();
      assert.equal(ack.status, 200, first);
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');

      // Acknowledged means committed: the order and the visit are there.
      const [o] = await env.platform.db.select().from(orders).where(eq(orders.id, id));
      assert.equal(o!.status, 'checked_in');
      const [v] = await env.platform.db.select().from(visits).where(eq(visits.orderId, id));
      assert.equal(v!.checkIn!.at, body.at);
      // The phone never saw the answer (say) and retries on another instance: the first answer, once.
      const retry = await env.app.inject({
        method: 'POST',
        url: `/api/v1/orders/${id}/check-in`,
        headers,
        payload: body,
      });
      assert.equal(retry.statusCode, 200);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(retry.body, first);
    });
  });
}
