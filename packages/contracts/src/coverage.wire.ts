/**
 * Wire shapes of `/api/v1/coverage…` (issue 18 part B, decision 030): coverage rates, the 15-minute
 * service circle, the elders outside it, the map, site suggestions.
 */
import { z } from 'zod';

const place = z.object({ code: z.string(), name: z.string(), level: z.string() });
const rate = z.number().nullable();

const ratesShape = {
  communities: z.number(),
  urban: z.number(),
  rural: z.number(),
  covered: z.number(),
  coveredUrban: z.number(),
  coveredRural: z.number(),
  coverageRate: rate,
  urbanRate: rate,
  ruralRate: rate,
  facilities: z.number(),
  modeKnown: z.number(),
  socialOperated: z.number(),
  socialRate: rate,
  beds: z.number(),
  nursingBeds: z.number(),
  nursingShare: rate,
  elders: z.number(),
  bedsPer1000: rate,
};

const coverageRates = z.object(ratesShape);

export const coverageRatesView = z.object({
  region: place,
  asOf: z.string(),
  rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...ratesShape })),
  total: coverageRates,
});

const shareShape = { within: z.number(), outside: z.number(), unknown: z.number(), share: rate };

const circleShare = z.object(shareShape);

export const coverageCircleView = z.object({
  region: place,
  computedAt: z.string().nullable(),
  model: z.object({ speedKmh: z.number(), detour: z.number(), minutes: z.number(), radiusM: z.number() }),
  rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...shareShape })),
  total: circleShare,
});

export const coverageOutsideView = z.object({
  total: z.number(),
  nextCursor: z.string().nullable(),
  items: z.array(
    z.object({
      elderId: z.string(),
      nameMasked: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      minutes: z.number().nullable(),
      facilityId: z.string().nullable(),
      facilityName: z.string().nullable(),
    }),
  ),
});

export const coverageMapView = z.object({
  radiusM: z.number(),
  facilities: z.array(
    z.object({ id: z.string(), name: z.string(), tier: z.string(), lat: z.number(), lng: z.number() }),
  ),
  outside: z.array(z.object({ lat: z.number(), lng: z.number(), count: z.number() })),
});

export const coverageSuggestionsView = z.object({
  outside: z.number(),
  items: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['community_centre', 'planned_facility']),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      facilityId: z.string().nullable(),
      facilityName: z.string().nullable(),
      lat: z.number(),
      lng: z.number(),
      gain: z.number(),
    }),
  ),
});

export const coverageRecomputeView = z.object({
  region: z.string().nullable(),
  computed: z.number(),
  within: z.number(),
  outside: z.number(),
  unknown: z.number(),
  computedAt: z.string(),
});

export type CoverageRates = z.infer<typeof coverageRates>;
export type CoverageRatesView = z.infer<typeof coverageRatesView>;
export type CircleShareView = z.infer<typeof circleShare>;
export type CircleView = z.infer<typeof coverageCircleView>;
export type CircleOutsideView = z.infer<typeof coverageOutsideView>;
export type CircleOutsideElder = CircleOutsideView['items'][number];
export type CoverageMapView = z.infer<typeof coverageMapView>;
export type SiteSuggestionsView = z.infer<typeof coverageSuggestionsView>;
export type SiteSuggestion = SiteSuggestionsView['items'][number];
