import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { and, eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../test/harness.ts';
import { elders } from '../modules/elder/elder.table.ts';
import { DomainError } from './errors.ts';
import { idempotentRoutes } from './idempotency.ts';
import { auditEvents, idempotencyKeys } from './platform.table.ts';
import { transact } from './uow.ts';
import { validIdNumber } from '../../test/builders.ts';

/**
 * The Idempotency-Key mechanism (decision 015) beyond what the authorization walk shows for every
 * route: concurrent duplicates run the command once, a failure after the command leaves nothing behind,
 * a refusal stores nothing, and the stored result is encrypted.
 */
const id = validIdNumber;

for (const target of await dbTargets()) {
  describe(`Idempotency-Key (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let regionCode: string;
    before(async () => {
      env = await startTestEnv(target);
      community = await env.login('community');
      regionCode = (await community.get('/api/v1/me')).json().regionCode;
    });
    after(() => env.close());

    const elderBody = (name: string, first17: string) => ({
      name,
      idNumber: id(first17),
      phone: '13812345678',
      regionCode,
      address: '古南街道幸福社区3栋2单元501号',
      livingSituation: 'alone',
    });
    const named = async (name: string) =>
      (
        await env.platform.db
          .select({ n: sql<number>`count(*)::int` })
          .from(elders)
          .where(eq(elders.name, name))
      )[0]!.n;

    test('a retry replays the first answer; the same key with another request is refused', async () => {
      const body = elderBody('重放老人', '65010219500315123');
      const key = { 'idempotency-key': 'retry-1' };
      const first = await community.request('POST', '/api/v1/elders', body, key);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const again = await community.request('POST', '/api/v1/elders', body, key);
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.body, first.body);
      assert.equal(await named('重放老人'), 1);

      const other = await community.request('POST', '/api/v1/elders', { ...body, name: '别的老人' }, key);
      assert.equal(other.statusCode, 422, other.body);
      const problem = other.json();
      assert.equal(problem.code, 'idempotency.key_reused');
      assert.equal(problem.errors[0].pointer, '/headers/idempotency-key');
      assert.equal(await named('别的老人'), 0);

      // Stored encrypted: the ID number of the answer is not in the table in clear.
      const [row] = await env.platform.db
        .select({ body: idempotencyKeys.body })
        .from(idempotencyKeys)
        .where(eq(idempotencyKeys.key, 'retry-1'));
      assert.ok(row && !row.body.includes('重放老人') && !row.body.includes(first.json().id));
    });

    test('an expired key is claimed afresh, and a claim removes the other expired keys of its user', async () => {
      const body = elderBody('过期老人', '65010219500315124');
      const key = { 'idempotency-key': 'expired-1' };
      const first = await community.request('POST', '/api/v1/elders', body, key);
      assert.equal(first.statusCode, 201, first.body);
      const me = (await community.get('/api/v1/me')).json().id as string;
      await env.platform.db.insert(idempotencyKeys).values({
        userId: me,
        route: 'POST /api/v1/other',
        key: 'stale',
        requestHash: 'x',
        status: 200,
        body: '',
        expiresAt: new Date(Date.now() - 60_000),
      });
      await env.platform.db
        .update(idempotencyKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(idempotencyKeys.key, 'expired-1'));
      // The same key after 24 hours: another request under it runs (not 422, not a replay).
      const later = await community.request(
        'POST',
        '/api/v1/elders',
        elderBody('过期后老人', '65010219500315125'),
        key,
      );
      assert.equal(later.statusCode, 201, later.body);
      assert.equal(later.headers['idempotent-replayed'], undefined);
      assert.equal(await named('过期后老人'), 1);
      const again = await community.request(
        'POST',
        '/api/v1/elders',
        elderBody('过期后老人', '65010219500315125'),
        key,
      );
      assert.equal(again.headers['idempotent-replayed'], 'true');
      const stale = await env.platform.db
        .select()
        .from(idempotencyKeys)
        .where(eq(idempotencyKeys.key, 'stale'));
      assert.equal(stale.length, 0);
    });

    test('a key that is not 1–255 visible ASCII characters is a 400 at the header, and nothing is created', async () => {
      for (const bad of ['a b', 'x'.repeat(256), '']) {
        const res = await community.request(
          'POST',
          '/api/v1/elders',
          elderBody('坏键老人', '65010219410101123'),
          {
            'idempotency-key': bad,
          },
        );
        assert.equal(res.statusCode, 400, `${JSON.stringify(bad)}: ${res.body}`);
        assert.ok(
          res.json().errors.some((e: { pointer: string }) => e.pointer === '/headers/idempotency-key'),
          res.body,
        );
      }
      assert.equal(await named('坏键老人'), 0);
    });

    test('concurrent duplicates run the command once and all get its answer', async () => {
      const body = elderBody('并发老人', '65010219420708124');
      const key = { 'idempotency-key': 'concurrent-1' };
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => community.request('POST', '/api/v1/elders', body, key)),
      );
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        Array(6).fill(201),
        answers.map((a) => a.body).join('\n'),
      );
      assert.equal(new Set(answers.map((a) => a.body)).size, 1, 'one answer');
      assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 5);
      assert.equal(await named('并发老人'), 1);
    });

    test('a refusal stores nothing: the same key runs again once the input is fixed', async () => {
      const key = { 'idempotency-key': 'refused-1' };
      const bad = await community.request(
        'POST',
        '/api/v1/elders',
        { ...elderBody('拒绝老人', '65010219430101123'), idNumber: '650102194301011230' },
        key,
      );
      assert.equal(bad.statusCode, 422, bad.body);
      const good = await community.request(
        'POST',
        '/api/v1/elders',
        elderBody('拒绝老人', '65010219430101123'),
        key,
      );
      assert.equal(good.statusCode, 201, good.body);
      assert.equal(good.headers['idempotent-replayed'], undefined);
      assert.equal(await named('拒绝老人'), 1);
    });

    test('a failure after the command rolls back the command with its claim; the retry runs it', async () => {
      // A scratch route on the same platform: it commits a command (an audit entry) and then fails.
      let failAfterCommand = true;
      const scratch: FastifyInstance = Fastify();
      scratch.setValidatorCompiler(validatorCompiler);
      scratch.setSerializerCompiler(serializerCompiler);
      scratch.decorateRequest('auth', null);
      scratch.addHook('onRoute', idempotentRoutes({ db: env.platform.db, cipher: env.platform.cipher }));
      scratch.addHook('preHandler', async (req) => {
        req.auth = { userId: community.userId } as never;
      });
      scratch.post('/scratch', { config: { idempotent: true } }, async () => {
        await transact(env.platform, { userId: community.userId, name: 'test' }, async (_tx, uow) => {
          uow.audit({
            action: 'test.after_command',
            entityType: 'test',
            entityId: 'scratch',
            regionCode,
            summary: '命令之后失败',
          });
        });
        if (failAfterCommand) throw new Error('the connection dropped after the command');
        return { done: true };
      });
      scratch.post('/refuse', { config: { idempotent: true } }, async () => {
        throw new DomainError('common.conflict', { status: 409 });
      });
      await scratch.ready();
      try {
        const audited = async () =>
          (
            await env.platform.db
              .select({ n: sql<number>`count(*)::int` })
              .from(auditEvents)
              .where(and(eq(auditEvents.action, 'test.after_command')))
          )[0]!.n;
        const headers = { 'idempotency-key': 'after-1' };
        const failed = await scratch.inject({ method: 'POST', url: '/scratch', headers });
        assert.equal(failed.statusCode, 500);
        assert.equal(await audited(), 0, 'the command rolled back with the failure');
        const claims = await env.platform.db
          .select()
          .from(idempotencyKeys)
          .where(eq(idempotencyKeys.key, 'after-1'));
        assert.equal(claims.length, 0, 'no claim survives the failure');

        failAfterCommand = false;
        const retry = await scratch.inject({ method: 'POST', url: '/scratch', headers });
        assert.equal(retry.statusCode, 200, retry.body);
        assert.equal(retry.headers['idempotent-replayed'], undefined, 'ran again, not replayed');
        assert.equal(await audited(), 1);
        const replay = await scratch.inject({ method: 'POST', url: '/scratch', headers });
        assert.equal(replay.headers['idempotent-replayed'], 'true');
        assert.equal(await audited(), 1);

        const refused = await scratch.inject({
          method: 'POST',
          url: '/refuse',
          headers: { 'idempotency-key': 'r' },
        });
        assert.equal(refused.statusCode, 409);
        assert.equal(
          (await env.platform.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'r'))).length,
          0,
        );
      } finally {
        await scratch.close();
      }
    });
  });
}
