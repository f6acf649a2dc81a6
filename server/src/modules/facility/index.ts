/**
 * Facilities (养老服务设施, issue 18 part A, decision 028): the manifest, and what other modules (coverage)
 * read. Tables: `facilities`, `facility_coverage` (facility.table.ts). Vocabulary: @yiyang/contracts
 * facility.ts (FACILITY_TIERS, FACILITY_STATUSES, FACILITY_ZONES; OPERATING_MODES from organisation.ts).
 */
export { facilityModule } from './facility.module.ts';
/** @public Pure rules: operating / serving as of a date. */
export { operatingOn, servingOn, type FacilityPeriod } from './facility.rules.ts';
/** @public Facilities operating on a date in a region, with the regions each serves on that date. */
export { operatingFacilitiesIn, coverageOn, type OperatingFacility } from './facility.read.ts';
