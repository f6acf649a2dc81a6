import { villageKind, type CoverageRates, type OperatingMode } from '@yiyang/contracts';

/**
 * Coverage rates of one region (issue 18 §3, decision 030), pure: which of its communities and villages
 * are served by at least one operating facility, urban and rural; the social-operation rate; the
 * nursing-bed share; beds per 1,000 elders.
 */

/**
 * 居委会 (urban) or 村委会 (rural) by the last three digits of the NBS code: 001–199 and 200–399 (STANDARDS.md
 * §5.2). Other numbers (400+: 虚拟社区, 开发区 units) are neither; they count in the total only.
 */
export function communityKind(code: string): 'urban' | 'rural' | 'other' {
  const kind = villageKind(code);
  return kind === 'community' ? 'urban' : kind === 'village' ? 'rural' : 'other';
}

/**
 * Operating modes that count as social operation (社会化运营率): run by a social operator — 公建民营
 * (public building, private operator), 民办公助 (private, publicly aided) and 社会化运营 itself. 政府运营
 * does not; a facility whose mode is not recorded is left out of the rate (numerator and denominator).
 */
export const SOCIAL_MODES: readonly OperatingMode[] = [
  'public_built_private_run',
  'private_run_public_aid',
  'social_operation',
];

export interface RateFacility {
  regionCode: string;
  beds: number;
  nursingBeds: number;
  operatingMode: string | null;
  /** Communities/villages served on the date. */
  serves: readonly string[];
}

/** The rates of one region (the wire's shape). */
export type Rates = CoverageRates;

const rate = (n: number, d: number) => (d === 0 ? null : n / d);

/**
 * The rates of a region whose subtree is `prefix`: `communities` are its community/village codes,
 * `facilities` those operating on the date (located anywhere: a station across the boundary serving a
 * community here covers it; its beds count where it stands), `elders` the active elders living here.
 */
export function ratesOf(
  prefix: string,
  communities: readonly string[],
  facilities: readonly RateFacility[],
  elders: number,
): Rates {
  const served = new Set<string>();
  for (const f of facilities) for (const c of f.serves) if (c.startsWith(prefix)) served.add(c);
  const r = { urban: 0, rural: 0, covered: 0, coveredUrban: 0, coveredRural: 0 };
  for (const c of communities) {
    const kind = communityKind(c);
    const hit = served.has(c);
    if (hit) r.covered++;
    if (kind === 'urban') {
      r.urban++;
      if (hit) r.coveredUrban++;
    } else if (kind === 'rural') {
      r.rural++;
      if (hit) r.coveredRural++;
    }
  }
  const here = facilities.filter((f) => f.regionCode.startsWith(prefix));
  const known = here.filter((f) => f.operatingMode !== null);
  const social = known.filter((f) => (SOCIAL_MODES as readonly string[]).includes(f.operatingMode!)).length;
  const beds = here.reduce((a, f) => a + f.beds, 0);
  const nursingBeds = here.reduce((a, f) => a + f.nursingBeds, 0);
  return {
    communities: communities.length,
    ...r,
    coverageRate: rate(r.covered, communities.length),
    urbanRate: rate(r.coveredUrban, r.urban),
    ruralRate: rate(r.coveredRural, r.rural),
    facilities: here.length,
    modeKnown: known.length,
    socialOperated: social,
    socialRate: rate(social, known.length),
    beds,
    nursingBeds,
    nursingShare: rate(nursingBeds, beds),
    elders,
    bedsPer1000: elders === 0 ? null : (beds / elders) * 1000,
  };
}
