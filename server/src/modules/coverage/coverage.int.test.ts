import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { CircleShareView, CoverageRatesView } from '@yiyang/contracts';
import { newElder } from '../../../test/builders.ts';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { facilities, facilityCoverage } from '../facility/facility.table.ts';

type RatesView = CoverageRatesView;
type Share = CircleShareView;
type Rows = { rows: Record<string, unknown>[] };

// 万东镇 (万盛 units in 綦江's NBS tree, which the `000_…` plan and its demo facilities leave out).
const TOWN = '500110100000';
const M_LAT = (6_371_000 * Math.PI) / 180;
const F1 = { lat: 20, lng: 100 };
/** The point `east`/`north` metres from F1 (a place far from every seeded elder). */
const near = (east: number, north: number) => ({
  lat: F1.lat + north / M_LAT,
  lng: F1.lng + east / (M_LAT * Math.cos((F1.lat * Math.PI) / 180)),
});
const close = (a: number | null, b: number, eps = 1e-6) =>
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≉ ${b}`);

for (const target of await dbTargets()) {
  describe(`coverage (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let street: Client;
    let A: string;
    let B: string;
    let C: string;
    const ids: Record<string, string> = {};
    const rowsOf = async (q: ReturnType<typeof sql>) =>
      ((await env.platform.db.execute(q)) as unknown as Rows).rows;

    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      street = await env.login('street');
      const codes = (
        await rowsOf(sql`SELECT code FROM regions WHERE parent_code = ${TOWN} ORDER BY code`)
      ).map((r) => r.code as string);
      const urban = codes.filter((c) => Number(c.slice(9)) < 200);
      const rural = codes.filter((c) => Number(c.slice(9)) >= 200);
      [A, B, C] = [urban[0]!, urban[1]!, rural[0]!];
      const busy = await rowsOf(
        sql`SELECT 1 FROM facilities WHERE region_code LIKE '500110100%' UNION ALL SELECT 1 FROM facility_coverage WHERE region_code LIKE '500110100%'`,
      );
      assert.equal(busy.length, 0, 'the fixture town has no facilities of its own');
      const db = env.platform.db;
      const [f1, f2, f3, f4] = await db
        .insert(facilities)
        .values([
          {
            tier: 'community_station',
            name: '测试站一',
            regionCode: A,
            status: 'operating',
            openedOn: '2020-01-01',
            operatingMode: 'public_built_private_run',
            beds: 10,
            nursingBeds: 4,
            ...F1,
          },
          {
            tier: 'village_point',
            name: '测试互助点',
            regionCode: C,
            status: 'operating',
            openedOn: '2025-06-01',
            operatingMode: 'government_run',
            beds: 2,
            nursingBeds: 0,
            lat: 20.5,
            lng: 100.5,
          },
          {
            tier: 'community_station',
            name: '规划站',
            regionCode: B,
            status: 'planned',
            plannedYear: 2027,
            ...near(100, 2000),
          },
          {
            tier: 'day_care',
            name: '已关闭日照中心',
            regionCode: B,
            status: 'closed',
            openedOn: '2019-01-01',
            closedOn: '2023-01-01',
            operatingMode: 'social_operation',
            beds: 5,
            nursingBeds: 5,
          },
        ])
        .returning({ id: facilities.id });
      Object.assign(ids, { f1: f1!.id, f2: f2!.id, f3: f3!.id, f4: f4!.id });
      await db.insert(facilityCoverage).values([
        { facilityId: f1!.id, regionCode: A, validFrom: '2020-01-01' },
        { facilityId: f1!.id, regionCode: B, validFrom: '2024-01-01' },
        { facilityId: f2!.id, regionCode: C, validFrom: '2025-06-01' },
        { facilityId: f4!.id, regionCode: B, validFrom: '2019-01-01', validTo: '2023-01-01' },
      ]);
      ids.e1 = (await newElder(admin, A, near(300, 0))).id; // 300 m: 5.85 min
      ids.e2 = (await newElder(admin, A, near(0, 2000))).id; // 2 km: 39 min
      ids.e3 = (await newElder(admin, C)).id; // no position
    });
    after(async () => {
      await env?.close();
    });

    test('rates as of a date: communities covered (urban, rural), social operation, nursing beds, beds per 1,000', async () => {
      const elders = Number(
        (
          await rowsOf(
            sql`SELECT count(*) AS n FROM elders WHERE region_code LIKE '500110100%' AND status NOT IN ('moved_out', 'deceased')`,
          )
        )[0]!.n,
      );
      const communities = (
        await rowsOf(
          sql`SELECT code FROM regions WHERE code LIKE '500110100%' AND level = 'village' AND retired_at IS NULL`,
        )
      ).map((r) => r.code as string);
      const urban = communities.filter((c) => Number(c.slice(9)) < 200).length;
      const rural = communities.filter((c) => Number(c.slice(9)) >= 200 && Number(c.slice(9)) < 400).length;

      const old = await admin.get(`/api/v1/coverage?region=${TOWN}&asOf=2022-06-01`);
      assert.equal(old.statusCode, 200, old.body);
      const t22 = (old.json() as RatesView).total;
      assert.deepEqual(
        {
          communities: t22.communities,
          urban: t22.urban,
          rural: t22.rural,
          covered: t22.covered,
          coveredUrban: t22.coveredUrban,
          coveredRural: t22.coveredRural,
        },
        { communities: communities.length, urban, rural, covered: 2, coveredUrban: 2, coveredRural: 0 },
      );
      close(t22.coverageRate, 2 / communities.length);
      close(t22.ruralRate, 0);
      // F1 (公建民营) and F4 (社会化运营, closed 2023): both social; 15 beds, 9 nursing.
      assert.deepEqual([t22.facilities, t22.socialOperated, t22.beds, t22.nursingBeds], [2, 2, 15, 9]);
      close(t22.socialRate, 1);
      close(t22.nursingShare, 0.6);

      const now = await admin.get(`/api/v1/coverage?region=${TOWN}&asOf=2026-01-01`);
      const v26 = now.json() as RatesView;
      const t26 = v26.total;
      assert.deepEqual([t26.covered, t26.coveredUrban, t26.coveredRural], [3, 2, 1]);
      close(t26.urbanRate, 2 / urban);
      close(t26.ruralRate, 1 / rural);
      // F1 and F2 (政府运营): one of two social; 12 beds, 4 nursing.
      assert.deepEqual(
        [t26.facilities, t26.socialOperated, t26.beds, t26.nursingBeds, t26.elders],
        [2, 1, 12, 4, elders],
      );
      close(t26.socialRate, 0.5);
      close(t26.nursingShare, 4 / 12);
      close(t26.bedsPer1000, (12 / elders) * 1000);
      // Drill-down: one row per community; A has its station, B is served by it, C by the point.
      const row = (code: string) => v26.rows.find((r) => r.regionCode === code)!;
      assert.equal(v26.rows.length, communities.length);
      assert.deepEqual([row(A).covered, row(A).facilities, row(A).beds], [1, 1, 10]);
      assert.deepEqual([row(B).covered, row(B).facilities, row(B).beds], [1, 0, 0]);
      assert.deepEqual([row(C).covered, row(C).coveredRural, row(C).facilities], [1, 1, 1]);
      // The county's row of the town says the same as the town.
      const county = (await admin.get('/api/v1/coverage?asOf=2026-01-01')).json() as RatesView;
      assert.deepEqual(county.rows.find((r) => r.regionCode === TOWN)!.covered, 3);
    });

    test('the circle on known geometry: nearest operating facility, minutes, within; ONE audited read; no position returned', async () => {
      const audits = async () =>
        Number(
          (
            await rowsOf(sql`SELECT count(*) AS n FROM audit_events WHERE action = 'coverage.circle_compute'`)
          )[0]!.n,
        );
      const sensitive = async () =>
        Number(
          (
            await rowsOf(sql`SELECT count(*) AS n FROM audit_events WHERE action = 'elder.view_sensitive'`)
          )[0]!.n,
        );
      const [a0, s0] = [await audits(), await sensitive()];
      const res = await admin.post('/api/v1/coverage/circle/recompute', { region: TOWN });
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json() as { computed: number; within: number; outside: number; unknown: number };
      assert.equal(await audits(), a0 + 1);
      assert.equal(await sensitive(), s0);
      const [entry] = await rowsOf(
        sql`SELECT region_code, actor_name, detail FROM audit_events WHERE action = 'coverage.circle_compute' ORDER BY id DESC LIMIT 1`,
      );
      assert.equal(entry!.region_code, TOWN);
      assert.equal((entry!.detail as { computed: number }).computed, r.computed);

      const circle = async (id: string) =>
        (
          await rowsOf(
            sql`SELECT facility_id, minutes, within, candidates FROM coverage_circle WHERE elder_id = ${id}`,
          )
        )[0]!;
      const e1 = await circle(ids.e1!);
      assert.equal(e1.facility_id, ids.f1);
      close(Number(e1.minutes), (300 * 1.3) / (4000 / 60), 1e-3);
      assert.equal(e1.within, true);
      const e2 = await circle(ids.e2!);
      assert.equal(e2.facility_id, ids.f1);
      close(Number(e2.minutes), (2000 * 1.3) / (4000 / 60), 1e-3);
      assert.equal(e2.within, false);
      // The planned station 100 m from E2 would bring them in.
      assert.ok((e2.candidates as string[]).includes(`f:${ids.f3}`));
      const e3 = await circle(ids.e3!);
      assert.deepEqual([e3.facility_id, e3.minutes, e3.within], [null, null, null]);

      const shares = (await admin.get(`/api/v1/coverage/circle?region=${TOWN}`)).json() as {
        total: Share;
        rows: ({ regionCode: string } & Share)[];
        model: { radiusM: number };
      };
      assert.deepEqual(
        [shares.total.within, shares.total.outside, shares.total.unknown],
        [r.within, r.outside, r.unknown],
      );
      assert.equal(r.computed, r.within + r.outside + r.unknown);
      assert.equal(shares.model.radiusM, 769);
      const a = shares.rows.find((x) => x.regionCode === A)!;
      assert.ok(a.within >= 1 && a.outside >= 1);

      const outside = (await admin.get(`/api/v1/coverage/circle/outside?region=${A}&limit=200`)).json() as {
        total: number;
        items: { elderId: string; nameMasked: string; minutes: number; facilityName: string }[];
      };
      const listed = outside.items.find((i) => i.elderId === ids.e2)!;
      assert.equal(listed.minutes, 39);
      assert.equal(listed.facilityName, '测试站一');
      assert.notEqual(listed.nameMasked, '测试老人');
      assert.ok(!outside.items.some((i) => i.elderId === ids.e1 || i.elderId === ids.e3));
      // Farthest first.
      const minutes = outside.items.map((i) => i.minutes);
      assert.deepEqual(
        minutes,
        [...minutes].sort((x, y) => y - x),
      );

      // No exact position anywhere; the map shows E2 at the registry's rounded position only.
      const exact = near(0, 2000);
      const map = await admin.get(`/api/v1/coverage/map?region=${A}`);
      // (E2 lies due north of F1, E1 due east: their other coordinate is F1's own.)
      const secrets = [String(exact.lat), String(near(300, 0).lng)];
      for (const body of [res.body, map.body, JSON.stringify(outside), JSON.stringify(shares)])
        for (const secret of secrets) assert.ok(!body.includes(secret), secret);
      const cells = (map.json() as { outside: { lat: number; lng: number; count: number }[] }).outside;
      assert.ok(
        cells.some(
          (c) => c.lat === Math.round(exact.lat * 100) / 100 && c.lng === Math.round(exact.lng * 100) / 100,
        ),
      );
    });

    test('the outside list pages by cursor, farthest first, with every elder once', async () => {
      const all: string[] = [];
      let cursor: string | null = null;
      let total: number | undefined;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const res = await admin.get(`/api/v1/coverage/circle/outside?region=${TOWN}&limit=2${q}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as { total: number; nextCursor: string | null; items: { elderId: string }[] };
        total = body.total;
        all.push(...body.items.map((i) => i.elderId));
        cursor = body.nextCursor;
      } while (cursor);
      assert.equal(all.length, total);
      assert.equal(new Set(all).size, total);
      assert.equal(
        (await admin.get(`/api/v1/coverage/circle/outside?region=${TOWN}&cursor=abc`)).statusCode,
        400,
      );
    });

    test('site suggestions: greedy over the candidates, each with the elders it brings in', async () => {
      const res = await admin.get(`/api/v1/coverage/suggestions?region=${A}&k=50`);
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json() as {
        outside: number;
        items: { key: string; kind: string; gain: number; facilityName: string | null }[];
      };
      const planned = s.items.find((i) => i.key === `f:${ids.f3}`);
      assert.ok(planned, JSON.stringify(s.items));
      assert.equal(planned.kind, 'planned_facility');
      assert.equal(planned.facilityName, '规划站');
      assert.equal(planned.gain, 1);
      assert.ok(s.items.reduce((a, i) => a + i.gain, 0) <= s.outside);
      const gains = s.items.map((i) => i.gain);
      assert.deepEqual(
        gains,
        [...gains].sort((x, y) => y - x),
      );
    });

    test('region scoping and bad input', async () => {
      // The street officer's street is not 万东镇: refused, with the field.
      const out = await street.get(`/api/v1/coverage?region=${TOWN}`);
      assert.equal(out.statusCode, 403);
      assert.equal((out.json() as { errors: { pointer: string }[] }).errors[0]!.pointer, '/query/region');
      assert.equal(
        (await street.post('/api/v1/coverage/circle/recompute', { region: TOWN })).statusCode,
        403,
      );
      // Their own street by default; the circle of 万东镇 is not theirs to read.
      const own = (await street.get('/api/v1/coverage/circle')).json() as {
        region: { code: string };
        total: Share;
      };
      assert.notEqual(own.region.code, TOWN);
      const list = (await street.get('/api/v1/coverage/circle/outside?limit=200')).json() as {
        items: { elderId: string }[];
      };
      assert.ok(!list.items.some((i) => i.elderId === ids.e2));
      // A community worker sees at most their own community (with facility:read), never the town.
      const community = await env.login('community');
      assert.equal((await community.get(`/api/v1/coverage?region=${TOWN}`)).statusCode, 403);
      const mine = await community.get('/api/v1/coverage/circle');
      if (mine.statusCode === 200)
        assert.equal((mine.json() as { region: { level: string } }).region.level, 'village');
      else assert.equal(mine.statusCode, 403);
      const bad = await admin.get('/api/v1/coverage?region=12345&asOf=2026-13-01');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.headers['content-type'] as string, /problem\+json/);
      const unknown = await admin.get('/api/v1/coverage?region=500110999999');
      assert.equal(unknown.statusCode, 404);
      assert.equal((await admin.get('/api/v1/coverage/suggestions?k=0')).statusCode, 400);
    });
  });
}
