/** Kinds of organisation in a deployment (PRODUCT.md §4.1). */
export const ORGANISATION_TYPES = [
  'civil_affairs_bureau',
  'street_office',
  'community_committee',
  'provider',
  'hospital',
  'assessment_agency',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

// PRODUCT.md §4.1: 公建民营, 民办公助, 政府运营, 社会化运营.
export const OPERATING_MODES = [
  'public_built_private_run',
  'private_run_public_aid',
  'government_run',
  'social_operation',
] as const;
export type OperatingMode = (typeof OPERATING_MODES)[number];

export const ORGANISATION_STATUSES = ['active', 'suspended', 'closed'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];
