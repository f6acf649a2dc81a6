/**
 * Pure helpers of the elder registry pages (no React, no antd): unit-tested
 * in web/test/elderHelpers.test.ts.
 */
import type { ElderIdType, ElderLivingSituation, ElderStatus } from '@yiyang/contracts';
import type { Query } from '../../api/client.ts';
import type { ElderHistoryEntry, ElderStatsByRegion, FamilyMemberBody } from '@yiyang/contracts';
import { chinaDay } from '../../app/chinaDate.ts';

export const AGE_BANDS = ['60-69', '70-79', '80-89', '90-99', '100+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBandRange(band: AgeBand): { ageMin: number; ageMax?: number } {
  if (band === '100+') return { ageMin: 100 };
  const [min, max] = band.split('-').map(Number) as [number, number];
  return { ageMin: min, ageMax: max };
}

/** Normalises what a person types for a document number: NFKC, no spaces, upper case. */
export function normalizeIdInput(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * The "exact ID number or phone" box: an 11-digit mainland mobile number
 * (spaces and dashes allowed) is a phone, anything else of 5+ characters is
 * a document number.
 */
export function classifyExactSearch(input: string): { phone: string } | { idNumber: string } | null {
  const s = normalizeIdInput(input);
  if (!s) return null;
  const digits = s.replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(digits) || /^\+?861[3-9]\d{9}$/.test(digits)) return { phone: digits.slice(-11) };
  return s.length >= 5 ? { idNumber: s } : null;
}

export interface ElderFilters {
  tags: string[];
  ageBand: AgeBand | null;
  status: ElderStatus | null;
  livingSituation: ElderLivingSituation | null;
  /** Name or pinyin (full or initials). */
  q: string;
  /** Exact ID number or phone. */
  exact: string;
}

export const EMPTY_FILTERS: ElderFilters = {
  tags: [],
  ageBand: null,
  status: null,
  livingSituation: null,
  q: '',
  exact: '',
};

/** Filters and the header region → `GET /elders` query parameters (empty ones left out). */
export function buildListQuery(f: ElderFilters, regionCode: string | null): Query {
  const exact = classifyExactSearch(f.exact);
  return {
    regionCode: regionCode ?? undefined,
    tags: f.tags.length ? f.tags.join(',') : undefined,
    ...(f.ageBand ? ageBandRange(f.ageBand) : {}),
    status: f.status ?? undefined,
    livingSituation: f.livingSituation ?? undefined,
    q: f.q.trim() || undefined,
    ...(exact ?? {}),
  };
}

/** Whether the number is complete enough to ask the server (`validate-id`) about it. */
export function idNumberReady(idType: ElderIdType, input: string): boolean {
  const s = normalizeIdInput(input);
  if (idType === 'resident_id') return s.length === 18 || (s.length === 15 && /^\d+$/.test(s));
  if (idType === 'hk_macao_tw_residence_permit') return s.length === 18;
  return s.length >= 5;
}

// ---- Column settings (persisted per browser) ----

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Hidden columns from storage; unknown keys are dropped and a broken value
 * falls back to `defaults`, so a renamed column never hides everything.
 */
export function loadHiddenColumns(
  storage: StorageLike | null,
  key: string,
  known: readonly string[],
  defaults: readonly string[],
): string[] {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return [...defaults];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [...defaults];
    return parsed.filter((k): k is string => typeof k === 'string' && known.includes(k));
  } catch {
    return [...defaults];
  }
}

export function saveHiddenColumns(storage: StorageLike | null, key: string, hidden: readonly string[]): void {
  try {
    storage?.setItem(key, JSON.stringify([...new Set(hidden)]));
  } catch {
    // storage full or unavailable: the choice lasts for this page only
  }
}

// ---- Map ----

export interface ScatterPoint {
  value: [number, number, number];
  name: string;
  code: string;
}

/** Regions with coordinates become points `[lng, lat, count]`; the rest are listed separately. */
export function statsToScatter(items: readonly RegionCount[]): {
  points: ScatterPoint[];
  unplaced: RegionCount[];
  max: number;
  total: number;
} {
  const points: ScatterPoint[] = [];
  const unplaced: RegionCount[] = [];
  let max = 0;
  let total = 0;
  for (const it of items) {
    total += it.count;
    if (
      typeof it.lat === 'number' &&
      typeof it.lng === 'number' &&
      Number.isFinite(it.lat) &&
      Number.isFinite(it.lng)
    ) {
      points.push({ value: [it.lng, it.lat, it.count], name: it.regionName, code: it.regionCode });
      max = Math.max(max, it.count);
    } else unplaced.push(it);
  }
  return { points, unplaced, max, total };
}

/** Bubble diameter in px, area proportional to the count, between `min` and `maxSize`. */
export function bubbleSize(count: number, max: number, min = 10, maxSize = 56): number {
  if (max <= 0 || count <= 0) return min;
  return Math.round(min + (maxSize - min) * Math.sqrt(Math.min(count, max) / max));
}

// ---- Geolocation ----

export type GeoErrorKind = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** `GeolocationPositionError.code` → the message to show (1 denied, 2 unavailable, 3 timeout). */
export function geoErrorKind(code: number | null): GeoErrorKind {
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  if (code === null) return 'unsupported';
  return 'unavailable';
}

/** Coordinates rounded to 6 decimals (~0.1 m), enough for a home address. */
export function roundCoord(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

// ---- Tags, history ----

/** A tag's validity as a form holds it: a new row may have no start yet. */
export interface TagRange {
  validFrom: string | null;
  validTo: string | null;
}

/** A tag applies on `today` (YYYY-MM-DD) when today lies within its validity. */
export function tagIsCurrent(tag: TagRange, today: string): boolean {
  if (tag.validFrom && tag.validFrom > today) return false;
  if (tag.validTo && tag.validTo < today) return false;
  return true;
}

/** Tags with an end before their start. Returns the indexes. */
export function invalidTagRanges(tags: readonly TagRange[]): number[] {
  return tags.flatMap((t, i) => (t.validFrom && t.validTo && t.validTo < t.validFrom ? [i] : []));
}

/** A value from a history entry as display text; `empty` for null/undefined/''. */
export function historyValueText(v: unknown, empty = '—'): string {
  if (v === null || v === undefined || v === '') return empty;
  if (Array.isArray(v)) return v.length ? v.map((x) => historyValueText(x, empty)).join('、') : empty;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The fields of `next` that differ from `prev` (shallow; arrays and objects
 * compared as JSON) — what an edit sends besides version and reason.
 */
export function changedFields<T extends Record<string, unknown>>(prev: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) {
    const a = prev[k];
    const b = next[k];
    if (b === undefined) continue;
    const same = typeof b === 'object' && b !== null ? JSON.stringify(a) === JSON.stringify(b) : a === b;
    if (!same) out[k] = b;
  }
  return out;
}

/** Today as YYYY-MM-DD in China Standard Time (UTC+8), as the server dates events. */
export function todayCst(now: Date = new Date()): string {
  return chinaDay(now.getTime());
}

/** One map/table row per child region of a stats response. */
export interface RegionCount {
  regionCode: string;
  regionName: string;
  count: number;
  lat?: number | null;
  lng?: number | null;
}

/** Rows of a stats response (`children[].total`). */
export function statsRows(r: ElderStatsByRegion | undefined): RegionCount[] {
  if (!r) return [];
  return r.children.map((c) => ({
    regionCode: c.regionCode,
    regionName: c.regionName,
    count: c.total,
    lat: c.lat,
    lng: c.lng,
  }));
}

/** Equal, or both empty (null, '', []): no row "— → —" (issue 13). */
function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);
  return (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
}

const HISTORY_SKIP = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'id']);

/** Field-by-field rows of a history entry: the keys that differ between its snapshots. */
export function historyChanges(
  h: Pick<ElderHistoryEntry, 'before' | 'after'>,
): { field: string; before: unknown; after: unknown }[] {
  const before = h.before ?? {};
  const after = h.after;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => !HISTORY_SKIP.has(k) && !sameValue(before[k], after[k]))
    .map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
}

/** Who made a change. */
export function historyActor(h: Pick<ElderHistoryEntry, 'changedBy'>): string {
  return h.changedBy.name;
}

/**
 * The form's "consent given" checkbox → the consent record the server keeps
 * (PIPL Art. 29): scope personal info and services, notice version 1.
 */
export function consentRecord(checked: boolean, now: Date = new Date()): FamilyMemberBody['consent'] {
  return checked
    ? { consentedAt: now.toISOString(), scope: ['personal_info', 'services'], version: '1' }
    : null;
}
