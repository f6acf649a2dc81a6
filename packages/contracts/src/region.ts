/**
 * NBS 12-digit statistical division codes (STANDARDS.md §5.2):
 * 2 province + 2 prefecture + 2 county + 3 township + 3 village.
 * Codes are strings: leading digits matter.
 */
export const REGION_LEVELS = ['province', 'prefecture', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** What importing a county's division tree did (POST /regions/import, event `region.imported`). */
export interface RegionImportSummary {
  county: string;
  total: number;
  created: number;
  renamed: number;
  moved: number;
  retired: number;
  unchanged: number;
}

/** Sub-kinds shown to users: street vs town vs township; community vs village. */
export const REGION_KINDS = [
  'province',
  'prefecture',
  'county',
  'street',
  'town',
  'township',
  'other_town',
  'community',
  'village',
  'other_village',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

const PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  prefecture: 4,
  county: 6,
  town: 9,
  village: 12,
};

export function isRegionCode(code: string): boolean {
  return /^\d{12}$/.test(code);
}

/** The level of a 12-digit code, from which groups are zero. */
export function regionLevel(code: string): RegionLevel {
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'town';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'prefecture';
  return 'province';
}

/**
 * The prefix that every code in this node's subtree starts with. Region scope
 * is "code starts with prefix" everywhere (one mechanism, PRODUCT.md §2).
 */
export function regionPrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[regionLevel(code)]);
}

export function isInRegion(code: string, scopeCode: string): boolean {
  return code.startsWith(regionPrefix(scopeCode));
}

/** Pads a 6- or 9-digit code to 12 digits. */
export function toRegionCode(code: string): string {
  return code.padEnd(12, '0');
}

/** Village-level kind from positions 10–12: 001–199 居委会/社区, 200–399 村委会. */
export function villageKind(code: string): RegionKind {
  const n = Number(code.slice(9));
  if (n >= 1 && n <= 199) return 'community';
  if (n >= 200 && n <= 399) return 'village';
  return 'other_village';
}

/** Town-level kind from positions 7–9 (GB/T 10114): 000–099 街道, 100–199 镇, 200–299 乡. */
export function townKind(code: string): RegionKind {
  const n = Number(code.slice(6, 9));
  if (n <= 99) return 'street';
  if (n <= 199) return 'town';
  if (n <= 399) return 'township';
  return 'other_town';
}
