import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { dbTargets, DEMO_PASSWORD, startTestEnv, type TestEnv } from '../../../test/harness.ts';
import { users } from '../user/user.table.ts';
import { hashPassword } from './auth.service.ts';

/**
 * Sign-in limits with the documented defaults (docs/architecture.md "Sign-in limits"): 5 failures
 * lock an account, 100 failures lock a client address; successes never count. The app runs as
 * deployed behind one load balancer (TRUST_PROXY=true: one hop), so a client's address is the
 * balancer's X-Forwarded-For entry, whatever the client wrote in front of it.
 */
const BALANCER = '10.0.0.2';

for (const target of await dbTargets()) {
  describe(`sign-in limits (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target, { env: { TRUST_PROXY: 'true' } });
    });
    after(() => env?.close());

    const login = (username: string, password: string, client: string, forwardedFor?: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: BALANCER,
        headers: { 'x-forwarded-for': forwardedFor ? `${forwardedFor}, ${client}` : client },
        payload: { username, password },
      });

    /** `n` active users with the demo password (one hash: argon2 is slow on purpose). */
    const createUsers = async (prefix: string, n: number) => {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      const names = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
      await env.platform.db
        .insert(users)
        .values(names.map((username) => ({ username, displayName: username, passwordHash })));
      return names;
    };

    /** Runs `f` over `items`, `width` at a time (argon2 runs on four libuv threads anyway). */
    const inBatches = async <T, R>(items: T[], width: number, f: (t: T) => Promise<R>) => {
      const out: R[] = [];
      for (let i = 0; i < items.length; i += width)
        out.push(...(await Promise.all(items.slice(i, i + width).map(f))));
      return out;
    };

    test('a street office of 200 accounts behind one NAT address all sign in on a Monday morning', async () => {
      const names = await createUsers('street-office-', 200);
      const nat = '203.0.113.10';
      // Monday morning: one in ten mistypes first, then everyone gets in. Only failures count, so
      // the pace does not matter: all of it happens well inside one address window (60 minutes).
      const typos = await inBatches(names.slice(0, 20), 8, (u) => login(u, 'Yiyang@2025', nat));
      assert.ok(typos.every((r) => r.statusCode === 401));
      const results = await inBatches(names, 8, (u) => login(u, DEMO_PASSWORD, nat));
      const refused = results.filter((r) => r.statusCode !== 200).map((r) => `${r.statusCode} ${r.body}`);
      assert.deepEqual(refused, []);
    });

    test("guessing one account's password from one address locks the account, with a Retry-After", async () => {
      const client = '198.51.100.7';
      for (let i = 0; i < 4; i++)
        assert.equal((await login('inspector', `guess-${i}`, client)).statusCode, 401);
      const fifth = await login('inspector', 'guess-4', client);
      assert.equal(fifth.statusCode, 429);
      assert.equal(fifth.json().code, 'auth.locked');
      assert.equal(fifth.json().detail, '登录失败次数过多，请 15 分钟后再试');
      assert.ok(
        Math.abs(Number(fifth.headers['retry-after']) - 900) <= 2,
        String(fifth.headers['retry-after']),
      );
      const right = await login('inspector', DEMO_PASSWORD, client);
      assert.equal(right.statusCode, 429, 'the right password is refused too while locked');
      assert.equal(right.json().code, 'auth.locked');
      // Others at that address are not affected.
      assert.equal((await login('street', DEMO_PASSWORD, client)).statusCode, 200);
    });

    test('a lock that follows another lasts twice as long; signing in starts afresh', async () => {
      const client = '198.51.100.8';
      const key = 'account:hotline';
      const expire = () =>
        env.platform.db.execute(
          sql`UPDATE login_limits SET locked_until = now() - interval '1 second' WHERE key = ${key}`,
        );
      for (let i = 0; i < 5; i++) await login('hotline', `guess-${i}`, client);
      await expire();
      for (let i = 0; i < 4; i++)
        assert.equal((await login('hotline', `again-${i}`, client)).statusCode, 401);
      const second = await login('hotline', 'again-4', client);
      assert.equal(second.statusCode, 429);
      assert.match(second.json().detail, /30 分钟/);
      await expire();
      assert.equal((await login('hotline', DEMO_PASSWORD, client)).statusCode, 200);
      for (let i = 0; i < 5; i++) await login('hotline', `later-${i}`, client);
      const afresh = await login('hotline', DEMO_PASSWORD, client);
      assert.match(afresh.json().detail, /15 分钟/, 'a successful sign-in reset the backoff');
    });

    test('guessing from many addresses locks the account too', async () => {
      const codes = [];
      for (let i = 0; i < 6; i++)
        codes.push((await login('village', `guess-${i}`, `192.0.2.${i + 1}`)).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 401, 429, 429]);
      assert.equal((await login('village', DEMO_PASSWORD, '192.0.2.99')).json().code, 'auth.locked');
    });

    test('parallel guesses cannot outrun the lock', async () => {
      const res = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login('community', `parallel-${i}`, '198.51.100.9')),
      );
      const checked = res.filter((r) => r.statusCode === 401).length;
      assert.ok(checked <= 4, `${checked} wrong passwords were checked; the fifth locks`);
      assert.ok(res.every((r) => r.statusCode === 401 || r.json().code === 'auth.locked'));
    });

    test('one address trying a password on many accounts is stopped after 100 failures', async () => {
      const names = await createUsers('spray-', 101);
      const attacker = '203.0.113.66';
      // The attacker writes a fresh address in front of the balancer's entry each time: not believed.
      const res = await inBatches(names, 8, (u) =>
        login(u, 'Password123', attacker, `100.64.${names.indexOf(u)}.1`),
      );
      assert.equal(res.filter((r) => r.statusCode === 401).length, 99);
      const last = res.filter((r) => r.statusCode === 429);
      assert.equal(last.length, 2);
      for (const r of last) assert.equal(r.json().code, 'auth.address_locked');
      const en = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: BALANCER,
        headers: { 'x-forwarded-for': attacker, 'accept-language': 'en-US' },
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      assert.equal(en.statusCode, 429, 'right credentials from a locked address wait too');
      assert.equal(en.json().detail, 'Too many failed sign-ins from your network; try again in 60 minutes');
      // The accounts themselves are not locked: each had one failure.
      assert.equal((await login(names[0]!, DEMO_PASSWORD, '203.0.113.67')).statusCode, 200);
    });

    test('an IPv6 client is one address for its whole /64', async () => {
      const names = await createUsers('v6-', 100);
      const res = await inBatches(names, 8, (u) =>
        login(u, 'Password123', `2001:db8:1:2::${(names.indexOf(u) + 1).toString(16)}`),
      );
      assert.equal(res.filter((r) => r.statusCode === 401).length, 99);
      assert.deepEqual(
        res.filter((r) => r.statusCode === 429).map((r) => r.json().code),
        ['auth.address_locked'],
      );
      assert.equal((await login('admin', DEMO_PASSWORD, '2001:db8:1:3::1')).statusCode, 200);
    });

    if (target.name === 'postgres')
      test('every instance sees the same locks', async () => {
        const other = await startTestEnv(target, { shareWith: env, env: { TRUST_PROXY: 'true' } });
        try {
          for (let i = 0; i < 5; i++) await login('elder', `guess-${i}`, '198.51.100.20');
          const there = await other.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: BALANCER,
            headers: { 'x-forwarded-for': '198.51.100.21' },
            payload: { username: 'elder', password: DEMO_PASSWORD },
          });
          assert.equal(there.statusCode, 429);
          assert.equal(there.json().code, 'auth.locked');
        } finally {
          await other.close();
        }
      });
  });
}
