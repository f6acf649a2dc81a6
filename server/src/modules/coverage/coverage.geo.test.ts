import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { haversineKm } from '../../platform/geo.ts';
import { circleOf, circleRadiusM, DEFAULT_WALK, siteIndex, walkMinutes } from './coverage.circle.ts';
import { greedyCoverage } from './coverage.greedy.ts';
import { GridIndex, LocalProjection, localMetres } from './coverage.grid.ts';

// 綦江's latitude: one degree of latitude is 111,195 m, of longitude 111,195 · cos 29° ≈ 97,254 m.
const LAT0 = 29.0;
const LNG0 = 106.65;
const M_PER_DEG_LAT = (6_371_000 * Math.PI) / 180;
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180);
/** The point `east` and `north` metres from (LAT0, LNG0). */
const at = (east: number, north: number) => ({
  lat: LAT0 + north / M_PER_DEG_LAT,
  lng: LNG0 + east / M_PER_DEG_LNG,
});

test('projection: distances in metres on known geometry, within 0.1 % of the great circle inside a county', () => {
  const p = new LocalProjection(LAT0);
  assert.ok(Math.abs(p.metres(at(0, 0), at(300, 400)) - 500) < 1e-6);
  assert.ok(Math.abs(p.metres(at(0, 0), at(1000, 0)) - 1000) < 1e-6);
  // 30 km apart at an angle: the flat distance against the haversine one.
  const a = at(0, 0);
  const b = at(-18_000, 24_000);
  const flat = p.metres(a, b);
  const sphere = haversineKm(a, b) * 1000;
  assert.ok(Math.abs(flat - sphere) / sphere < 0.001, `${flat} vs ${sphere}`);
  // A walk measured at its own latitude: within 0.01 % of the great circle, wherever the grid's reference lies.
  const c = at(600, 500);
  const walk = localMetres(a.lat, a.lng, c.lat, c.lng);
  assert.ok(Math.abs(walk - haversineKm(a, c) * 1000) / walk < 1e-4);
  assert.ok(Math.abs(walk - Math.hypot(600, 500)) < 0.05);
});

test('grid: nearest point and within-radius on points at known distances', () => {
  const pts = [at(0, 0), at(500, 0), at(0, 800), at(-3000, -4000), at(10_000, 10_000)];
  const p = new LocalProjection(LAT0);
  const grid = new GridIndex(
    p,
    pts.map((x) => x.lat),
    pts.map((x) => x.lng),
    700,
  );
  const q = at(260, 10);
  const n = grid.nearest(q.lat, q.lng)!;
  assert.equal(n.index, 1); // 240.2 m from (500, 0), 260.2 m from the origin
  assert.ok(Math.abs(n.metres - Math.hypot(240, 10)) < 1e-6);
  // Far from everything: the farthest point is found through many empty rings.
  const far = at(9_000, 9_500);
  assert.equal(grid.nearest(far.lat, far.lng)!.index, 4);
  const lone = at(-2900, -3900);
  assert.ok(Math.abs(grid.nearest(lone.lat, lone.lng)!.metres - Math.hypot(100, 100)) < 1e-6);
  // A bounded search finds nothing beyond its bound.
  assert.equal(grid.nearest(far.lat, far.lng, 1000), null);
  assert.deepEqual(grid.within(LAT0, LNG0, 800), [0, 1, 2]);
  assert.deepEqual(grid.within(LAT0, LNG0, 799.9), [0, 1]);
  assert.deepEqual(grid.within(LAT0, LNG0, 5000.001), [0, 1, 2, 3]);
  assert.deepEqual(grid.within(LAT0, LNG0, 4999.999), [0, 1, 2]);
  assert.equal(new GridIndex(p, [], [], 100).nearest(LAT0, LNG0), null);
});

test('grid: nearest and within agree with a linear scan (property)', () => {
  const p = new LocalProjection(LAT0);
  const pt = fc.record({
    e: fc.integer({ min: -20_000, max: 20_000 }),
    n: fc.integer({ min: -20_000, max: 20_000 }),
  });
  fc.assert(
    fc.property(
      fc.array(pt, { minLength: 1, maxLength: 60 }),
      pt,
      fc.integer({ min: 100, max: 5000 }),
      (raw, qr, cell) => {
        const pts = raw.map((r) => at(r.e, r.n));
        const q = at(qr.e, qr.n);
        const grid = new GridIndex(
          p,
          pts.map((x) => x.lat),
          pts.map((x) => x.lng),
          cell,
        );
        const d = pts.map((x) => p.metres(q, x));
        const best = Math.min(...d);
        const hit = grid.nearest(q.lat, q.lng)!;
        assert.ok(Math.abs(hit.metres - best) < 1e-6);
        assert.equal(hit.index, d.indexOf(best));
        const r = cell * 1.5;
        assert.deepEqual(
          grid.within(q.lat, q.lng, r),
          d.flatMap((x, i) => (x <= r ? [i] : [])),
        );
      },
    ),
    { numRuns: 200, seed: 18 },
  );
});

test('walking time: straight line × detour ÷ speed; the circle is 769 m at the defaults', () => {
  assert.ok(Math.abs(circleRadiusM(DEFAULT_WALK) - 1000 / 1.3) < 1e-9);
  assert.ok(Math.abs(walkMinutes(1000 / 1.3, DEFAULT_WALK) - 15) < 1e-9);
  assert.ok(Math.abs(walkMinutes(1000, { speedKmh: 3, detour: 1, minutes: 15 }) - 20) < 1e-9);
  const sites = [
    { id: 'a', ...at(0, 0) },
    { id: 'b', ...at(5000, 0) },
  ];
  const index = siteIndex(sites, DEFAULT_WALK);
  const near = circleOf(index, sites, at(600, 0), DEFAULT_WALK);
  assert.equal(near.nearest, 0);
  assert.equal(near.within, true);
  assert.ok(Math.abs(near.minutes! - walkMinutes(600, DEFAULT_WALK)) < 1e-6);
  const out = circleOf(index, sites, at(2000, 0), DEFAULT_WALK);
  assert.equal(out.within, false);
  assert.ok(out.minutes! > 15);
  assert.deepEqual(circleOf(index, sites, { lat: null, lng: null }, DEFAULT_WALK), {
    nearest: -1,
    minutes: null,
    within: null,
  });
  const none = circleOf(siteIndex([], DEFAULT_WALK), [], at(0, 0), DEFAULT_WALK);
  assert.deepEqual(none, { nearest: -1, minutes: null, within: false });
});

test('greedy maximum coverage: the known greedy answer of a toy example', () => {
  // Elders 1–9. Candidate 0 covers 1–4, 1 covers 4–7, 2 covers 7–9 and 1, 3 covers 5–6.
  const covers = [
    [1, 2, 3, 4],
    [4, 5, 6, 7],
    [7, 8, 9, 1],
    [5, 6],
  ];
  // Round 1: 0, 1, 2 each bring 4; the lowest index wins. Round 2: 1 brings 5, 6, 7 (3), 2 brings 7, 8, 9 (3):
  // candidate 1. Round 3: 2 brings 8, 9; 3 brings nothing.
  assert.deepEqual(greedyCoverage(covers, 3), [
    { candidate: 0, gain: 4 },
    { candidate: 1, gain: 3 },
    { candidate: 2, gain: 2 },
  ]);
  // Nothing left to bring in: fewer picks than asked.
  assert.deepEqual(greedyCoverage(covers, 10).length, 3);
  assert.deepEqual(greedyCoverage([[1, 1, 2], []], 1), [{ candidate: 0, gain: 2 }]);
  assert.deepEqual(greedyCoverage([], 3), []);
});
