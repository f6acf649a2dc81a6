/**
 * The map's projection (pure): longitude/latitude to kilometres east/north of a reference latitude
 * (equirectangular), so that one kilometre is as long across as up and circles stay round. Over a county
 * (≤ 1°) the scale error is under 1 %; the platform runs offline, so there are no tiles to match.
 */
const KM_PER_DEG = 111.195;

export interface Projection {
  x(lng: number): number;
  y(lat: number): number;
  lng(x: number): number;
  lat(y: number): number;
}

export function projectionAt(refLat: number): Projection {
  const kx = KM_PER_DEG * Math.cos((refLat * Math.PI) / 180);
  return {
    x: (lng) => lng * kx,
    y: (lat) => lat * KM_PER_DEG,
    lng: (x) => x / kx,
    lat: (y) => y / KM_PER_DEG,
  };
}

export interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * Axis ranges around the points (km) that keep one km the same number of pixels on both axes in a plot
 * area of `width` × `height` pixels: the tighter axis is widened about its centre. `padKm` of margin
 * (enough for the circles drawn round the points).
 */
export function equalAspect(
  points: readonly { x: number; y: number }[],
  width: number,
  height: number,
  padKm: number,
): Box {
  if (points.length === 0) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    xMin = Math.min(xMin, p.x);
    xMax = Math.max(xMax, p.x);
    yMin = Math.min(yMin, p.y);
    yMax = Math.max(yMax, p.y);
  }
  xMin -= padKm;
  xMax += padKm;
  yMin -= padKm;
  yMax += padKm;
  const kmPerPx = Math.max((xMax - xMin) / Math.max(1, width), (yMax - yMin) / Math.max(1, height));
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const hw = (kmPerPx * width) / 2;
  const hh = (kmPerPx * height) / 2;
  return { xMin: cx - hw, xMax: cx + hw, yMin: cy - hh, yMax: cy + hh };
}
