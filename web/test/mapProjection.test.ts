import assert from 'node:assert/strict';
import { test } from 'node:test';
import { equalAspect, projectionAt } from '../src/app/map/projection.ts';

test('map projection: a kilometre is as long across as up; round trip', () => {
  const p = projectionAt(29);
  // 0.01° of latitude is 1.112 km; of longitude at 29° 0.973 km.
  assert.ok(Math.abs(p.y(29.01) - p.y(29) - 1.11195) < 1e-4);
  assert.ok(Math.abs(p.x(106.01) - p.x(106) - 1.11195 * Math.cos((29 * Math.PI) / 180)) < 1e-4);
  assert.ok(Math.abs(p.lng(p.x(106.6543)) - 106.6543) < 1e-9);
  assert.ok(Math.abs(p.lat(p.y(29.0321)) - 29.0321) < 1e-9);
});

test('equal aspect: the same km per pixel on both axes, every point inside with its margin', () => {
  const pts = [
    { x: 0, y: 0 },
    { x: 10, y: 2 },
  ];
  const b = equalAspect(pts, 800, 400, 1);
  const kmPerPxX = (b.xMax - b.xMin) / 800;
  const kmPerPxY = (b.yMax - b.yMin) / 400;
  assert.ok(Math.abs(kmPerPxX - kmPerPxY) < 1e-12);
  assert.ok(b.xMin <= -1 && b.xMax >= 11 && b.yMin <= -1 && b.yMax >= 3);
  // Tall data in a wide box: the x range is widened about its centre.
  const tall = equalAspect(
    [
      { x: 5, y: 0 },
      { x: 5, y: 10 },
    ],
    800,
    400,
    0,
  );
  assert.ok(Math.abs((tall.xMin + tall.xMax) / 2 - 5) < 1e-12);
  assert.ok(Math.abs(tall.xMax - tall.xMin - 20) < 1e-9);
  assert.deepEqual(equalAspect([], 100, 100, 1), { xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
});
