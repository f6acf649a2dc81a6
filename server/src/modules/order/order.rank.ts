import type { DispatchReason } from '@yiyang/contracts';
import { haversineKm } from '../../platform/geo.ts';

export interface Candidate {
  userId: string;
  displayName: string;
  base: { lat: number; lng: number } | null;
  validKinds: string[];
}

export interface Suggestion {
  caregiverId: string;
  displayName: string;
  eligible: boolean;
  score: number;
  missingCredentials: string[];
  available: boolean;
  distanceKm: number | null;
  servedBefore: number;
  reasons: { code: DispatchReason; params?: Record<string, unknown> }[];
}

/** Assumed distance of a caregiver without a base position (ranks them behind known nearby ones). */
const UNKNOWN_KM = 15;

/** Ties broken by name as a Chinese reader sorts (one collator: `localeCompare` with a locale builds one per call). */
const byName = new Intl.Collator('zh-CN').compare;

/**
 * Ranks caregivers for one visit (issue 14 §6): those missing a required credential are not eligible
 * (assignment refuses them) and come last; among the rest, availability in the visit's window first, then
 * a score of continuity (visits to this elder before, up to 5) against distance from their base. Returns the
 * best `limit` (all by default): the reasons are built for those only.
 */
export function rankCaregivers(
  candidates: readonly Candidate[],
  q: {
    required: readonly string[];
    elderAt: { lat: number; lng: number } | null;
    available: ReadonlySet<string>;
    visits: ReadonlyMap<string, number>;
  },
  limit = Infinity,
): Suggestion[] {
  const scored = candidates.map((c) => {
    const missing = q.required.filter((k) => !c.validKinds.includes(k));
    const available = q.available.has(c.userId);
    const distanceKm = c.base && q.elderAt ? Math.round(haversineKm(c.base, q.elderAt) * 10) / 10 : null;
    const servedBefore = q.visits.get(c.userId) ?? 0;
    const score =
      Math.round(
        (100 - (distanceKm ?? UNKNOWN_KM) * 4 + Math.min(servedBefore, 5) * 12 + (available ? 50 : 0)) * 10,
      ) / 10;
    return { c, missing, eligible: missing.length === 0, available, distanceKm, servedBefore, score };
  });
  scored.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      Number(b.available) - Number(a.available) ||
      b.score - a.score ||
      byName(a.c.displayName, b.c.displayName) ||
      (a.c.userId < b.c.userId ? -1 : a.c.userId > b.c.userId ? 1 : 0),
  );
  return scored
    .slice(0, limit)
    .map(({ c, missing, eligible, available, distanceKm, servedBefore, score }) => {
      const reasons: Suggestion['reasons'] = [
        missing.length
          ? { code: 'credentials_missing', params: { kinds: missing } }
          : { code: 'credentials_valid' },
        { code: available ? 'available' : 'unavailable' },
        distanceKm === null ? { code: 'no_position' } : { code: 'distance', params: { km: distanceKm } },
        servedBefore ? { code: 'served_before', params: { visits: servedBefore } } : { code: 'new_to_elder' },
      ];
      return {
        caregiverId: c.userId,
        displayName: c.displayName,
        eligible,
        score,
        missingCredentials: missing,
        available,
        distanceKm,
        servedBefore,
        reasons,
      };
    });
}
