/**
 * `npm run bench:coverage`: the 15-minute service circle at city scale (issue 18, decision 028), in memory
 * (no database: the job's cost after the positions are read and decrypted; the decryption itself is
 * `bench:crypto`'s figure, ~1 CPU-second per 100,000 fields).
 *
 * A synthetic city: 10 districts × 20 streets × 20 communities, 1,000,000 elders around their
 * communities' centres, 10,000 operating facilities. Prints the time to compute the circle and its
 * shares for the whole city (budget ≤ 5 s) and for one street (≤ 100 ms), site suggestions for one
 * district, and peak memory.
 */
import {
  DEFAULT_WALK,
  emptyShare,
  shareWithin,
  type CircleShare,
} from '../src/modules/coverage/coverage.circle.ts';
import { candidateCovers, computeCircle, suggestSites } from '../src/modules/coverage/coverage.compute.ts';
import { LocalProjection, type LatLng } from '../src/modules/coverage/coverage.grid.ts';

const ELDERS = 1_000_000;
const FACILITIES = 10_000;
const DISTRICTS = 10;
const STREETS = 20;
const COMMUNITIES = 20;
const M_LAT = 111_195;
const LAT0 = 29.5;
const LNG0 = 106.5;
const M_LNG = M_LAT * Math.cos((LAT0 * Math.PI) / 180);

// Deterministic pseudo-random numbers (mulberry32): the same city every run.
let seed = 18;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

// Communities on a 200 × 20 grid 1.5 km apart (a 300 km × 30 km band of districts side by side).
const communities: (LatLng & { code: string })[] = [];
for (let d = 0; d < DISTRICTS; d++)
  for (let s = 0; s < STREETS; s++)
    for (let c = 0; c < COMMUNITIES; c++) {
      const east = (d * STREETS + s) * 1500 + rand() * 300;
      const north = c * 1500 + rand() * 300;
      const code = `50${String(d + 1).padStart(4, '0')}${String(s + 1).padStart(3, '0')}${String(c + 1).padStart(3, '0')}`;
      communities.push({ lat: LAT0 + north / M_LAT, lng: LNG0 + east / M_LNG, code });
    }

const t0 = performance.now();
const lat = new Float64Array(ELDERS);
const lng = new Float64Array(ELDERS);
const community = new Int32Array(ELDERS);
for (let i = 0; i < ELDERS; i++) {
  const c = Math.floor(rand() * communities.length);
  community[i] = c;
  if (rand() < 0.03) {
    lat[i] = NaN; // never geocoded: "unknown"
    lng[i] = NaN;
    continue;
  }
  lat[i] = communities[c]!.lat + (gauss() * 700) / M_LAT;
  lng[i] = communities[c]!.lng + (gauss() * 700) / M_LNG;
}
const sites: LatLng[] = [];
for (let f = 0; f < FACILITIES; f++) {
  const c = communities[Math.floor(rand() * communities.length)]!;
  sites.push({ lat: c.lat + (gauss() * 900) / M_LAT, lng: c.lng + (gauss() * 900) / M_LNG });
}
const genMs = performance.now() - t0;

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const ratio = (ms: number, budget: number) =>
  `${((ms / budget) * 100).toFixed(1)} % of the ${budget.toLocaleString('en-US')} ms budget: ${ms <= budget ? 'met' : 'MISSED'}`;
/** Shares per region (`keyLength` digits of the community code): `within[k]` is the elder `rowOf(k)`. */
const sharesBy = (within: Int8Array, rowOf: (k: number) => number, keyLength: number) => {
  const shares = new Map<string, CircleShare>();
  for (let k = 0; k < within.length; k++) {
    const key = communities[community[rowOf(k)]!]!.code.slice(0, keyLength);
    let s = shares.get(key);
    if (!s) shares.set(key, (s = emptyShare()));
    const w = within[k]!;
    if (w < 0) s.unknown++;
    else if (w) s.within++;
    else s.outside++;
  }
  return shares;
};

console.log(
  `bench:coverage — ${ELDERS.toLocaleString('en-US')} elders, ${FACILITIES.toLocaleString('en-US')} facilities, ` +
    `${communities.length.toLocaleString('en-US')} communities in ${DISTRICTS} districts (in memory; synthetic city built in ${fmt(genMs)})`,
);
console.log(
  `walk model: ${DEFAULT_WALK.speedKmh} km/h, detour ${DEFAULT_WALK.detour}, circle ${DEFAULT_WALK.minutes} min`,
);

// Whole city: nearest facility of every elder, then the shares per street.
const c0 = performance.now();
const circle = computeCircle(sites, { lat, lng }, DEFAULT_WALK);
const c1 = performance.now();
const perStreet = sharesBy(circle.within, (k) => k, 9);
const cityMs = performance.now() - c0;
const total = [...perStreet.values()].reduce(
  (a, s) => ({ within: a.within + s.within, outside: a.outside + s.outside, unknown: a.unknown + s.unknown }),
  emptyShare(),
);
console.log(
  `whole city:  ${fmt(cityMs)} (nearest ${fmt(c1 - c0)}, shares of ${perStreet.size} streets ${fmt(cityMs - (c1 - c0))}) — ${ratio(cityMs, 5000)}`,
);
console.log(
  `             within ${(shareWithin(total)! * 100).toFixed(1)} %, outside ${total.outside.toLocaleString('en-US')}, unknown ${total.unknown.toLocaleString('en-US')}`,
);

// One street: its elders only (found through their communities, as the job reads them by region).
const street = communities[0]!.code.slice(0, 9);
const rows: number[] = [];
for (let i = 0; i < ELDERS; i++) if (communities[community[i]!]!.code.startsWith(street)) rows.push(i);
const sLat = Float64Array.from(rows, (i) => lat[i]!);
const sLng = Float64Array.from(rows, (i) => lng[i]!);
const runs: number[] = [];
for (let r = 0; r < 7; r++) {
  const s0 = performance.now();
  const sc = computeCircle(sites, { lat: sLat, lng: sLng }, DEFAULT_WALK);
  sharesBy(sc.within, (k) => rows[k]!, 12);
  runs.push(performance.now() - s0);
}
const streetMs = runs.sort((a, b) => a - b)[3]!;
console.log(
  `one street:  ${fmt(streetMs)} median of 7 (${rows.length.toLocaleString('en-US')} elders, index of all ${FACILITIES.toLocaleString('en-US')} facilities rebuilt each time) — ${ratio(streetMs, 100)}`,
);

// Site suggestions for one district: candidates are its communities' centres; k = 10.
const district = communities[0]!.code.slice(0, 6);
const g0 = performance.now();
const dRows: number[] = [];
for (let i = 0; i < ELDERS; i++) if (communities[community[i]!]!.code.startsWith(district)) dRows.push(i);
const dLat = Float64Array.from(dRows, (i) => lat[i]!);
const dLng = Float64Array.from(dRows, (i) => lng[i]!);
const dWithin = Int8Array.from(dRows, (i) => circle.within[i]!);
const candidates = communities.filter((c) => c.code.startsWith(district));
const covers = candidateCovers(
  candidates,
  { lat: dLat, lng: dLng },
  dWithin,
  DEFAULT_WALK,
  new LocalProjection(LAT0),
);
const picks = suggestSites(covers, 10);
const sugMs = performance.now() - g0;
const outsideInDistrict = dWithin.reduce((a, w) => a + (w === 0 ? 1 : 0), 0);
console.log(
  `suggestions: ${fmt(sugMs)} for one district (${dRows.length.toLocaleString('en-US')} elders, ${outsideInDistrict.toLocaleString('en-US')} outside, ${candidates.length} candidates, k = 10)`,
);
console.log(
  `             bring in ${picks.map((p) => p.gain).join(', ')} (${picks.reduce((a, p) => a + p.gain, 0).toLocaleString('en-US')} of ${outsideInDistrict.toLocaleString('en-US')})`,
);

const mem = process.memoryUsage();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `memory:      peak RSS ${maxRssMb.toFixed(0)} MB (heap used now ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MB)`,
);
