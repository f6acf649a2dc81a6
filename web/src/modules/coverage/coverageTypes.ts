/** Shapes of GET /api/v1/coverage… (contracts coverage.wire.ts), under the names the pages use. */
export type {
  CircleOutsideElder as OutsideElder,
  CircleView,
  CoverageMapView as MapView,
  CoverageRatesView as RatesView,
  SiteSuggestion as Suggestion,
  SiteSuggestionsView as SuggestionsView,
} from '@yiyang/contracts';
