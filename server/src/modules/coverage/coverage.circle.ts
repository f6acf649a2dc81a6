import { GridIndex, LocalProjection, localMetres, meanLat, type LatLng } from './coverage.grid.ts';

/**
 * The 15-minute service circle (一刻钟养老服务圈, issue 18 §5; decision 028), pure: the walking time from
 * each elder's home to the nearest operating facility, estimated as straight-line distance × a detour
 * factor ÷ a walking speed.
 */
export interface WalkModel {
  /** Walking speed of an older person, km/h (default 4: 1.1 m/s, the slower end of adult gait). */
  speedKmh: number;
  /** Network distance ÷ straight-line distance (default 1.3, typical of Chinese towns' street grids). */
  detour: number;
  /** The circle: minutes of walking (default 15). */
  minutes: number;
}

export const DEFAULT_WALK: WalkModel = { speedKmh: 4, detour: 1.3, minutes: 15 };

/** Minutes to walk from a straight-line distance in metres. */
export const walkMinutes = (metres: number, m: WalkModel) => (metres * m.detour) / ((m.speedKmh * 1000) / 60);

/** The straight-line radius of the circle in metres (15 min at 4 km/h, detour 1.3: 769 m). */
export const circleRadiusM = (m: WalkModel) => (m.minutes * ((m.speedKmh * 1000) / 60)) / m.detour;

export interface Placed {
  /** Null: no known position — "unknown", never within or outside. */
  lat: number | null;
  lng: number | null;
}

export interface CircleResult {
  /** Index into the sites, -1 when none (no operating facility at all) or no position. */
  nearest: number;
  /** Walking minutes to the nearest site, null when unknown. */
  minutes: number | null;
  within: boolean | null;
}

/**
 * Index the operating facilities: the cell is the circle's radius, so a query within the circle reads at
 * most 9 cells and a nearest search beyond it a few rings.
 */
export function siteIndex(sites: readonly LatLng[], model: WalkModel, refLat?: number): GridIndex {
  const projection = new LocalProjection(refLat ?? meanLat(sites));
  return new GridIndex(
    projection,
    sites.map((s) => s.lat),
    sites.map((s) => s.lng),
    Math.max(50, circleRadiusM(model)),
  );
}

/** The nearest site and walking time of one home. */
export function circleOf(
  index: GridIndex,
  sites: readonly LatLng[],
  home: Placed,
  model: WalkModel,
): CircleResult {
  if (home.lat === null || home.lng === null) return { nearest: -1, minutes: null, within: null };
  const hit = index.nearest(home.lat, home.lng);
  if (!hit) return { nearest: -1, minutes: null, within: false };
  const site = sites[hit.index]!;
  const minutes = walkMinutes(localMetres(home.lat, home.lng, site.lat, site.lng), model);
  return { nearest: hit.index, minutes, within: minutes <= model.minutes };
}

/** Counts of one region: within the circle, outside it, position unknown. */
export interface CircleShare {
  within: number;
  outside: number;
  unknown: number;
}

export const emptyShare = (): CircleShare => ({ within: 0, outside: 0, unknown: 0 });

/** The share of elders with a known position who are within the circle (null when none is known). */
export const shareWithin = (s: CircleShare) =>
  s.within + s.outside === 0 ? null : s.within / (s.within + s.outside);
