import { villageKind, type FacilityTier, type FacilityZone } from '@yiyang/contracts';

/**
 * Building standards per tier (issue 18 §2) — configuration, cited: `000_…` 附件1 (綦江's standard for
 * street centres, community stations and town centres) and `002_…` §四(二) (an urban demonstration centre
 * ≥ 750 m², a rural station ≥ 300 m², 100–200 m² where the community or village has fewer than 300 elders).
 * A deployment with other rules edits this table; the checklist follows it.
 */
export interface TierStandard {
  /** Minimum floor area in m². */
  minAreaM2?: number;
  /** Minimum where few elders live (fewer than FEW_ELDERS in the community/village). */
  minAreaFewEldersM2?: number;
  minBeds?: number;
  /** "有条件的应设置": shown, but advisory (does not fail the check). */
  advisoryNursingBeds?: number;
  zones?: readonly FacilityZone[];
  source: string;
}

/** "Few elders": fewer than this many served elders in the community or village (`002_…` §四(二)). */
export const FEW_ELDERS = 300;

export const FACILITY_STANDARDS: Partial<Record<FacilityTier, TierStandard>> = {
  street_centre: {
    minAreaM2: 1500,
    minBeds: 20,
    zones: [
      'leisure',
      'education',
      'daily_care',
      'health',
      'humanistic_care',
      'residential_care',
      'management',
    ],
    source: '000 附件1',
  },
  community_station: {
    minAreaM2: 300,
    minAreaFewEldersM2: 200,
    zones: ['leisure', 'education', 'daily_care', 'health'],
    source: '000 附件1',
  },
  town_centre: {
    minAreaM2: 800,
    advisoryNursingBeds: 20,
    zones: ['leisure', 'daily_care', 'residential_care', 'medical_rehab'],
    source: '000 附件1',
  },
  village_point: { minAreaM2: 300, minAreaFewEldersM2: 100, source: '002 §四(二)' },
  // 城区的社区居家养老示范中心 / 农村居家养老示范服务站 (`002_…` §四(二)); rural by the village code.
  day_care: { minAreaM2: 750, source: '002 §四(二)' },
};

export interface CheckItem {
  /** floor_area | beds | nursing_beds | zone:<zone> */
  code: string;
  ok: boolean;
  required: number | null;
  actual: number | null;
  advisory: boolean;
}

export interface StandardsInput {
  tier: string;
  regionCode: string;
  floorAreaM2: number | null;
  beds: number;
  nursingBeds: number;
  zones: readonly string[];
}

/**
 * The checklist of a facility against its tier's standard. `elders`: served elders in its community or
 * village (null when it sits in a street/town or the count is unknown: then the general minimum holds).
 */
export function checkStandards(f: StandardsInput, elders: number | null) {
  const std = FACILITY_STANDARDS[f.tier as FacilityTier];
  const fewElders = elders !== null && elders < FEW_ELDERS;
  const items: CheckItem[] = [];
  if (!std) return { fewElders, items };
  let minArea = std.minAreaM2;
  if (f.tier === 'day_care' && villageKind(f.regionCode) === 'village') minArea = 300;
  if (fewElders && std.minAreaFewEldersM2 !== undefined) minArea = std.minAreaFewEldersM2;
  if (f.tier === 'day_care' && fewElders && villageKind(f.regionCode) === 'village') minArea = 100;
  if (minArea !== undefined)
    items.push({
      code: 'floor_area',
      ok: f.floorAreaM2 !== null && f.floorAreaM2 >= minArea,
      required: minArea,
      actual: f.floorAreaM2,
      advisory: false,
    });
  if (std.minBeds !== undefined)
    items.push({
      code: 'beds',
      ok: f.beds >= std.minBeds,
      required: std.minBeds,
      actual: f.beds,
      advisory: false,
    });
  if (std.advisoryNursingBeds !== undefined)
    items.push({
      code: 'nursing_beds',
      ok: f.nursingBeds >= std.advisoryNursingBeds,
      required: std.advisoryNursingBeds,
      actual: f.nursingBeds,
      advisory: true,
    });
  for (const z of std.zones ?? [])
    items.push({ code: `zone:${z}`, ok: f.zones.includes(z), required: null, actual: null, advisory: false });
  return { fewElders, items };
}
