import { z } from 'zod';
import { pageQuery } from '../../platform/pagination.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';

export const regionQuery = z.object({ region: regionCodeSchema.optional() }).strict();
export const ratesQuery = z
  .object({ region: regionCodeSchema.optional(), asOf: z.iso.date().optional() })
  .strict();
export const outsideQuery = z.object({ region: regionCodeSchema.optional(), ...pageQuery }).strict();
export const suggestionsQuery = z
  .object({ region: regionCodeSchema.optional(), k: z.coerce.number().int().min(1).max(50).default(5) })
  .strict();
export const recomputeBody = z.object({ region: regionCodeSchema.optional() }).strict();

export {
  coverageCircleView as circleView,
  coverageMapView as mapView,
  coverageOutsideView as outsideView,
  coverageRatesView as ratesView,
  coverageRecomputeView as recomputeView,
  coverageSuggestionsView as suggestionsView,
} from '@yiyang/contracts/wire';
