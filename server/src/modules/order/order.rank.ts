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

/**
 * Ranks caregivers for one visit (issue 14 §6): those missing a required credential are not eligible
 * (assignment refuses them) and come last; among the rest, availability in the visit's window first, then
 * a score of continuity (visits to this elder before, up to 5) against distance from their base.
 */
export function rankCaregivers(
  candidates: readonly Candidate[],
  q: {
    required: readonly string[];
    elderAt: { lat: number; lng: number } | null;
    available: ReadonlySet<string>;
    visits: ReadonlyMap<string, number>;
  },
): Suggestion[] {
  const out = candidates.map((c): Suggestion => {
    const missing = q.required.filter((k) => !c.validKinds.includes(k));
    const available = q.available.has(c.userId);
    const distanceKm = c.base && q.elderAt ? Math.round(haversineKm(c.base, q.elderAt) * 10) / 10 : null;
    const servedBefore = q.visits.get(c.userId) ?? 0;
    const reasons: Suggestion['reasons'] = [];
    reasons.push(
      missing.length
        ? { code: 'credentials_missing', params: { kinds: missing } }
        : { code: 'credentials_valid' },
    );
    reasons.push({ code: available ? 'available' : 'unavailable' });
    reasons.push(
      distanceKm === null ? { code: 'no_position' } : { code: 'distance', params: { km: distanceKm } },
    );
    reasons.push(
      servedBefore ? { code: 'served_before', params: { visits: servedBefore } } : { code: 'new_to_elder' },
    );
    const score =
      Math.round(
        (100 - (distanceKm ?? UNKNOWN_KM) * 4 + Math.min(servedBefore, 5) * 12 + (available ? 50 : 0)) * 10,
      ) / 10;
    return {
      caregiverId: c.userId,
      displayName: c.displayName,
      eligible: missing.length === 0,
      score,
      missingCredentials: missing,
      available,
      distanceKm,
      servedBefore,
      reasons,
    };
  });
  return out.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      Number(b.available) - Number(a.available) ||
      b.score - a.score ||
      a.displayName.localeCompare(b.displayName, 'zh-CN') ||
      a.caregiverId.localeCompare(b.caregiverId),
  );
}
