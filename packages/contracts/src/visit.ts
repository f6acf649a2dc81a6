/**
 * Verified visits (上门服务核验, EVV: issue 15, decision 024). Codes only; the screens' labels are in
 * web/src/i18n/<locale>/visit.ts.
 */

/** How a check-in or check-out proved presence at the elder's home. */
export const VISIT_PROOFS = ['geofence', 'code', 'card', 'none'] as const;
export type VisitProof = (typeof VISIT_PROOFS)[number];

/** The exception queue's kinds (PRODUCT.md §4.5: too short, too far, overlapping …). */
export const VISIT_ANOMALY_KINDS = [
  'too_short',
  'too_far',
  'overlap',
  'unconfirmed',
  'refused',
  'check_out_without_check_in',
  'clock_skew',
] as const;
export type VisitAnomalyKind = (typeof VISIT_ANOMALY_KINDS)[number];

/** A coordinator's reason code when resolving an anomaly or correcting a visit after the fact. */
export const VISIT_RESOLUTION_CODES = [
  'verified_by_phone',
  'gps_inaccurate',
  'elder_elsewhere',
  'device_clock',
  'service_shortened_by_elder',
  'confirmed_late',
  'data_entry_error',
  'not_delivered',
] as const;
export type VisitResolutionCode = (typeof VISIT_RESOLUTION_CODES)[number];

/** A visit for the review list: in progress, waiting for the elder, with open anomalies, or verified. */
export const VISIT_STATES = ['in_progress', 'awaiting_confirmation', 'anomalous', 'verified'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

/** Risks a caregiver records during the visit (STANDARDS.md §4.1 observations). */
export const VISIT_RISKS = [
  'fall_hazard',
  'skin_problem',
  'no_food',
  'unwell',
  'unsafe_home',
  'low_mood',
] as const;
export type VisitRisk = (typeof VISIT_RISKS)[number];

/** How the elder (or family) confirmed, or refused. */
export const VISIT_CONFIRM_METHODS = ['pin', 'signature', 'app'] as const;
export type VisitConfirmMethod = (typeof VISIT_CONFIRM_METHODS)[number];

/** A device's clock may differ from the server's by this much before the visit is flagged. */
export const VISIT_SKEW_TOLERANCE_MS = 2 * 60_000;
/** A queued action older than this is refused (the phone was offline too long to trust). */
export const VISIT_MAX_QUEUE_AGE_DAYS = 7;
/** The elder's one-time code changes every this many seconds. */
export const VISIT_CODE_STEP_SECONDS = 300;
