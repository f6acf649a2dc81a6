import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { modules } from '../modules/index.ts';
import { regionModule } from '../modules/region/region.module.ts';
import { dbTargets, startTestEnv, type TestEnv } from '../../test/harness.ts';
import { AuthCache } from './authCache.ts';
import { createServices, defineModule, startSchedules, type AuthzWorld } from './module.ts';

/**
 * The module list drives the process (decision 017): a module added to the list — here a fake one —
 * gets its start-up task run, its demo data seeded, its routes registered (and attributed to it), its
 * event handler called, its counts on the dashboard, its schedule started and its authorization
 * fixtures collected, without a line elsewhere.
 */
const calls: string[] = [];
const fakeModule = defineModule({
  name: 'fake',
  needs: [regionModule],
  create: (_ctx, { region }) => ({ fakes: { regions: region.regions, hello: () => 'fake' } }),
  routes(app, s) {
    app.get(
      '/api/v1/fakes/:id',
      { config: { access: 'stats:read', authz: { params: { id: '{{victim.fakeId}}' } } } },
      async () => ({ hello: s.fakes.hello() }),
    );
  },
  startup: [{ phase: 'prepare', name: 'fake prepared', run: async () => (calls.push('prepare'), 0) }],
  async seed(_p, demo) {
    calls.push(`seed ${demo.countyCode} ${demo.accounts.length} accounts`);
  },
  events: [
    {
      name: 'fake handler',
      handle: async (e) => void (e.topic === 'elder.created' && calls.push('event elder.created')),
    },
  ],
  stats: { keys: ['fakes'], count: async () => ({ fakes: 7 }) },
  schedules: [{ name: 'fake schedule', everyMs: 3_600_000, run: async () => (calls.push('schedule'), {}) }],
  authz: async () => async (w) => ({ 'victim.fakeId': `fake-${w.victim.regionCode}` }),
});

// One database is enough: what is under test is the list's wiring, not SQL.
for (const target of (await dbTargets()).slice(0, 1)) {
  describe(`the module list drives the app (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target, { modules: [...modules, fakeModule], env: { DEMO_ELDERS: '0' } });
    });
    after(() => env?.close());

    test('start-up tasks and demo seed of a listed module run', () => {
      assert.equal(calls[0], 'prepare');
      assert.match(calls[1]!, /^seed \d{12} \d+ accounts$/);
    });

    test('its routes are registered, attributed to it, and answer', async () => {
      const mine = env.routes.filter((r) => r.module === 'fake');
      assert.deepEqual(
        mine.map((r) => `${r.method} ${r.url}`),
        ['GET /api/v1/fakes/:id'],
      );
      const admin = await env.login('admin');
      const res = await admin.get('/api/v1/fakes/1');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { hello: 'fake' });
      const { fakes } = env.built.byName('fake')!.services as ReturnType<typeof fakeModule.create>;
      assert.equal(fakes.hello(), 'fake');
    });

    test('its counts are on the dashboard, after the other modules', async () => {
      const admin = await env.login('admin');
      const res = await admin.get('/api/v1/stats/overview');
      assert.equal(res.statusCode, 200, res.body);
      // Through the service: the response schema may be the wire contract's, which names today's counts.
      const { stats } = env.services;
      const ctx = (await env.services.auth.contextFor(admin.userId, 'session'))!;
      const { counts } = await stats.overview(ctx, undefined);
      assert.deepEqual(Object.keys(counts), [
        'streets',
        'towns',
        'communities',
        'villages',
        'organisations',
        'users',
        'elders',
        'fakes',
      ]);
      assert.equal(counts.fakes, 7);
    });

    test('its event handler receives domain events', async () => {
      const worker = await env.login('community');
      const me = (await worker.get('/api/v1/me')).json() as { regionCode: string };
      const created = await worker.post('/api/v1/elders', {
        name: '事件老人',
        idType: 'resident_id',
        idNumber: '650102194805069986',
        regionCode: me.regionCode,
        householdLocal: true,
      });
      assert.equal(created.statusCode, 201, created.body);
      for (let i = 0; i < 100 && !calls.includes('event elder.created'); i++)
        await new Promise((r) => setTimeout(r, 50));
      assert.ok(calls.includes('event elder.created'), calls.join(', '));
    });

    test('its schedule starts (at once) and stops', async () => {
      const stop = startSchedules(env.built, pino({ level: 'silent' }));
      stop();
      for (let i = 0; i < 100 && !calls.includes('schedule'); i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(calls.filter((c) => c === 'schedule').length, 1);
    });

    test('its authorization fixtures are collected like every module’s', async () => {
      const fake = env.built.byName('fake')!;
      const fixtures = await (
        await fake.module.authz!()
      )({ victim: { regionCode: '500110001001' } } as AuthzWorld, fake.services, fake.deps);
      assert.deepEqual(fixtures, { 'victim.fakeId': 'fake-500110001001' });
    });

    test('a module listed before what it needs, or twice, fails at start-up', () => {
      const cache = new AuthCache(0);
      assert.throws(
        () => createServices(env.platform, [fakeModule, regionModule], cache),
        /fake needs region, which must come before it/,
      );
      assert.throws(() => createServices(env.platform, [regionModule, regionModule], cache), /listed twice/);
    });
  });
}
