import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { regions } from './region.table.ts';

for (const target of await dbTargets()) {
  describe(`regions (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
    });
    after(() => env?.close());

    test('the district admin sees 綦江区 with its streets and towns, communities and villages', async () => {
      const root = (await admin.get('/api/v1/regions')).json().items;
      assert.deepEqual(
        root.map((r: { code: string; name: string }) => [r.code, r.name]),
        [['500110000000', '綦江区']],
      );
      const towns = (await admin.get('/api/v1/regions?parent=500110000000')).json().items;
      assert.ok(towns.length >= 20, `towns: ${towns.length}`);
      const kinds = new Set(towns.map((t: { kind: string }) => t.kind));
      assert.ok(kinds.has('street') && kinds.has('town'));
      const street = towns.find((t: { kind: string }) => t.kind === 'street');
      const children = (await admin.get(`/api/v1/regions?parent=${street.code}`)).json().items;
      assert.ok(children.some((c: { kind: string }) => c.kind === 'community'));
      const detail = (await admin.get(`/api/v1/regions/${children[0].code}`)).json();
      assert.deepEqual(
        detail.ancestors.map((a: { code: string }) => a.code),
        ['500000000000', detail.ancestors[1].code, '500110000000', street.code],
      );
      const overview = (await admin.get('/api/v1/stats/overview')).json();
      assert.ok(
        overview.counts.streets > 0 &&
          overview.counts.towns > 0 &&
          overview.counts.communities > 0 &&
          overview.counts.villages > 0,
      );
    });

    test('a community worker sees only their community', async () => {
      const c = await env.login('community');
      const me = (await c.get('/api/v1/me')).json();
      const root = (await c.get('/api/v1/regions')).json().items;
      assert.deepEqual(
        root.map((r: { code: string }) => r.code),
        [me.regionCode],
      );
      assert.deepEqual((await c.get('/api/v1/regions?parent=500110000000')).json().items, []);
      assert.equal((await c.get('/api/v1/regions/500110000000')).statusCode, 404);
      const overview = (await c.get('/api/v1/stats/overview')).json();
      assert.equal(overview.counts.streets, 0);
      assert.equal((await c.get('/api/v1/stats/overview?regionCode=500110000000')).statusCode, 403);
    });

    test('bad codes are 400 with a pointer; unknown county is 404', async () => {
      const bad = await admin.get('/api/v1/regions/12345');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].pointer, '/params/code');
      assert.equal(bad.json().errors[0].code, 'region.invalid_code');
      const unknown = await admin.post('/api/v1/regions/import', { county: '500199' });
      assert.equal(unknown.statusCode, 403, "outside the admin's county");
    });

    test('re-import records renames and retirements as history', async () => {
      const db = env.platform.db;
      const [v] = await db.select().from(regions).where(eq(regions.kind, 'village')).limit(1);
      await db.update(regions).set({ name: '旧名村' }).where(eq(regions.code, v!.code));
      await db.insert(regions).values({
        code: '500110999999',
        name: '已撤销村',
        level: 'village',
        kind: 'village',
        parentCode: v!.parentCode,
        divisionVersion: 2022,
      });
      const res = await admin.post('/api/v1/regions/import', { county: '500110' });
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json();
      assert.equal(s.renamed, 1);
      assert.equal(s.retired, 1);
      const detail = (await admin.get(`/api/v1/regions/${v!.code}`)).json();
      assert.equal(detail.name, v!.name);
      assert.deepEqual(
        detail.history.map((h: { change: string; before: string }) => [h.change, h.before]),
        [['renamed', '旧名村']],
      );
      assert.equal((await admin.get('/api/v1/regions/500110999999')).statusCode, 404);
    });
  });
}
