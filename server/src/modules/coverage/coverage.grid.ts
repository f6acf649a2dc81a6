/**
 * A uniform grid over a local flat projection (pure, no I/O): nearest-point and within-radius queries for
 * the 15-minute service circle (decision 028). Positions are projected to metres east/north of a reference
 * latitude (equirectangular: x = R·Δλ·cos φ₀, y = R·Δφ). Within a county (≤ 100 km across, |φ − φ₀| ≤ 0.5°)
 * the projected distance differs from the great-circle one by well under 1 % — far below the error of the
 * walking-time model itself (the detour factor).
 */
export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_M = 6_371_000;
const RAD = Math.PI / 180;

/** Projection to metres around a reference latitude (the mean latitude of the points indexed). */
export class LocalProjection {
  private readonly kx: number;
  private readonly ky = EARTH_M * RAD;
  constructor(readonly refLat: number) {
    this.kx = EARTH_M * RAD * Math.cos(refLat * RAD);
  }
  x(lng: number): number {
    return lng * this.kx;
  }
  y(lat: number): number {
    return lat * this.ky;
  }
  /** Straight-line distance in metres. */
  metres(a: LatLng, b: LatLng): number {
    return Math.hypot((a.lng - b.lng) * this.kx, (a.lat - b.lat) * this.ky);
  }
}

/**
 * Straight-line distance in metres, projected at the pair's own mean latitude: within 0.01 % of the great
 * circle at the distances of a walk. The grid picks the nearest point with its one reference latitude; the
 * walking time is measured with this.
 */
export function localMetres(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const kx = EARTH_M * RAD * Math.cos(((aLat + bLat) / 2) * RAD);
  return Math.hypot((aLng - bLng) * kx, (aLat - bLat) * EARTH_M * RAD);
}

/** The mean latitude of some points (0 when none): the projection's reference. */
export function meanLat(points: Iterable<LatLng>): number {
  let sum = 0;
  let n = 0;
  for (const p of points) {
    sum += p.lat;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Points bucketed in square cells of `cellM` metres. Built once from arrays (struct-of-arrays: a million
 * points cost 16 MB of coordinates), queried many times. Cells are kept in a Map keyed by a packed
 * integer; each holds the indexes of its points.
 */
export class GridIndex {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly cells = new Map<number, number[]>();
  private minCx = Infinity;
  private maxCx = -Infinity;
  private minCy = Infinity;
  private maxCy = -Infinity;

  constructor(
    readonly projection: LocalProjection,
    lats: ArrayLike<number>,
    lngs: ArrayLike<number>,
    readonly cellM: number,
  ) {
    const n = lats.length;
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = projection.x(lngs[i]!);
      const y = projection.y(lats[i]!);
      this.xs[i] = x;
      this.ys[i] = y;
      const cx = Math.floor(x / cellM);
      const cy = Math.floor(y / cellM);
      const key = cellKey(cx, cy);
      const bucket = this.cells.get(key);
      if (bucket) bucket.push(i);
      else this.cells.set(key, [i]);
      if (cx < this.minCx) this.minCx = cx;
      if (cx > this.maxCx) this.maxCx = cx;
      if (cy < this.minCy) this.minCy = cy;
      if (cy > this.maxCy) this.maxCy = cy;
    }
  }

  get size(): number {
    return this.xs.length;
  }

  /**
   * The nearest indexed point to (lat, lng) and its distance in metres, searching no farther than
   * `maxM` (Infinity: the whole grid); null when none is that close. Rings of cells are scanned outwards
   * until the ring's inner edge lies beyond the best distance found.
   */
  nearest(lat: number, lng: number, maxM = Infinity): { index: number; metres: number } | null {
    if (this.xs.length === 0) return null;
    const x = this.projection.x(lng);
    const y = this.projection.y(lat);
    const cx = Math.floor(x / this.cellM);
    const cy = Math.floor(y / this.cellM);
    // Rings needed to reach every cell of the grid from (cx, cy).
    const farthest = Math.max(cx - this.minCx, this.maxCx - cx, cy - this.minCy, this.maxCy - cy);
    const limit = Number.isFinite(maxM) ? Math.min(farthest, Math.ceil(maxM / this.cellM) + 1) : farthest;
    let best = -1;
    let bestD2 = maxM === Infinity ? Infinity : maxM * maxM;
    for (let r = 0; r <= limit; r++) {
      // Every point of ring r lies at least (r − 1)·cellM away.
      if (r > 0 && best >= 0) {
        const inner = (r - 1) * this.cellM;
        if (inner * inner > bestD2) break;
      }
      for (let i = cx - r; i <= cx + r; i++) {
        const edge = i === cx - r || i === cx + r;
        for (let j = cy - r; j <= cy + r; j += edge ? 1 : 2 * r) {
          const bucket = this.cells.get(cellKey(i, j));
          if (bucket) {
            for (const k of bucket) {
              const dx = this.xs[k]! - x;
              const dy = this.ys[k]! - y;
              const d2 = dx * dx + dy * dy;
              if (d2 < bestD2 || (d2 === bestD2 && (best < 0 || k < best))) {
                bestD2 = d2;
                best = k;
              }
            }
          }
          if (r === 0) break;
        }
      }
    }
    return best < 0 ? null : { index: best, metres: Math.sqrt(bestD2) };
  }

  /** Indexes of the points within `radiusM` metres of (lat, lng), in index order. */
  within(lat: number, lng: number, radiusM: number): number[] {
    const x = this.projection.x(lng);
    const y = this.projection.y(lat);
    const r2 = radiusM * radiusM;
    const out: number[] = [];
    const x0 = Math.floor((x - radiusM) / this.cellM);
    const x1 = Math.floor((x + radiusM) / this.cellM);
    const y0 = Math.floor((y - radiusM) / this.cellM);
    const y1 = Math.floor((y + radiusM) / this.cellM);
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) {
        const bucket = this.cells.get(cellKey(i, j));
        if (!bucket) continue;
        for (const k of bucket) {
          const dx = this.xs[k]! - x;
          const dy = this.ys[k]! - y;
          if (dx * dx + dy * dy <= r2) out.push(k);
        }
      }
    return out.sort((a, b) => a - b);
  }
}

/** Cells as one safe integer: coordinates within ±2²⁵ cells (of ≥ 1 m: the whole Earth). */
const OFFSET = 2 ** 25;
const cellKey = (cx: number, cy: number) => (cx + OFFSET) * 2 ** 26 + (cy + OFFSET);
