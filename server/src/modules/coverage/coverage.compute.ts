import { circleOf, circleRadiusM, siteIndex, type WalkModel } from './coverage.circle.ts';
import { GridIndex, type LatLng, type LocalProjection } from './coverage.grid.ts';
import { greedyCoverage } from './coverage.greedy.ts';

/**
 * The circle of many elders at once (pure): what the recompute job and `bench:coverage` run. Elders come as
 * columns (a million rows as objects would triple the memory); a position of NaN is unknown.
 */
export interface ElderColumns {
  lat: Float64Array;
  lng: Float64Array;
}

export interface CircleColumns {
  /** Index of the nearest site, -1 when unknown or no site at all. */
  nearest: Int32Array;
  /** Walking minutes, NaN when unknown. */
  minutes: Float64Array;
  /** 1 within, 0 outside, -1 unknown (no position). */
  within: Int8Array;
}

export function computeCircle(
  sites: readonly LatLng[],
  elders: ElderColumns,
  model: WalkModel,
): CircleColumns {
  const n = elders.lat.length;
  const out: CircleColumns = {
    nearest: new Int32Array(n).fill(-1),
    minutes: new Float64Array(n).fill(NaN),
    within: new Int8Array(n).fill(-1),
  };
  const index = siteIndex(sites, model);
  for (let i = 0; i < n; i++) {
    const lat = elders.lat[i]!;
    const lng = elders.lng[i]!;
    if (Number.isNaN(lat) || Number.isNaN(lng)) continue;
    const r = circleOf(index, sites, { lat, lng }, model);
    out.nearest[i] = r.nearest;
    out.minutes[i] = r.minutes ?? NaN;
    out.within[i] = r.within ? 1 : 0;
  }
  return out;
}

/**
 * For each candidate site, the elders outside the circle (indexes into `elders`, of those with
 * `within === 0`) that a facility there would bring within it. A grid over the outside elders, one
 * radius query per candidate.
 */
export function candidateCovers(
  candidates: readonly LatLng[],
  elders: ElderColumns,
  within: Int8Array,
  model: WalkModel,
  projection: LocalProjection,
): number[][] {
  const outside: number[] = [];
  for (let i = 0; i < within.length; i++) if (within[i] === 0) outside.push(i);
  const radius = circleRadiusM(model);
  const grid = new GridIndex(
    projection,
    outside.map((i) => elders.lat[i]!),
    outside.map((i) => elders.lng[i]!),
    Math.max(50, radius),
  );
  return candidates.map((c) => grid.within(c.lat, c.lng, radius).map((k) => outside[k]!));
}

/** Greedy site suggestions from candidate covers (see greedyCoverage). */
export const suggestSites = (covers: readonly (readonly number[])[], k: number) => greedyCoverage(covers, k);

/**
 * The centre of each community: the mean of its elders' ROUNDED positions (≈1 km; never the exact ones),
 * to 4 decimals, in code order. A candidate site.
 */
export function communityCentres(
  homes: readonly { regionCode: string; roundedLat: number | null; roundedLng: number | null }[],
): { code: string; lat: number; lng: number }[] {
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const h of homes) {
    if (h.roundedLat === null || h.roundedLng === null) continue;
    const c = sums.get(h.regionCode) ?? { lat: 0, lng: 0, n: 0 };
    c.lat += h.roundedLat;
    c.lng += h.roundedLng;
    c.n++;
    sums.set(h.regionCode, c);
  }
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, c]) => ({ code, lat: round4(c.lat / c.n), lng: round4(c.lng / c.n) }));
}

/** Candidate covers turned around: for each elder index, the keys of the candidates that would cover them. */
export function byElder(
  covers: readonly (readonly number[])[],
  keys: readonly string[],
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  covers.forEach((elders, c) => {
    for (const e of elders) {
      const list = out.get(e) ?? [];
      list.push(keys[c]!);
      out.set(e, list);
    }
  });
  return out;
}

/** Within / outside / unknown counts of a circle's `within` column. */
export function tally(within: Int8Array): { within: number; outside: number; unknown: number } {
  const t = { within: 0, outside: 0, unknown: 0 };
  for (const w of within)
    if (w < 0) t.unknown++;
    else if (w === 1) t.within++;
    else t.outside++;
  return t;
}
