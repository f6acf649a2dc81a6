/**
 * Ability-assessment workflow (decision 006, PRODUCT.md §4.3): stable codes
 * and the request/response bodies of `/api/v1/assessment*`, `/elders/{id}/assessments`,
 * and `/stats/assessments` (staff certificates: staff.ts). The server's zod
 * schemas (assessment.schema.ts, staff.schema.ts) are checked against these
 * types at compile time; the console and the tablet build on them.
 */
import type { AssessmentMessageCode } from './assessment.messages.ts';
import type {
  AssessmentContext,
  AssessmentStandard,
  ClientTotals,
  FiredRule,
  ScoredAssessment,
  StandardCode,
} from './assessment.standard.ts';
import type { CertificateKind } from './staff.ts';

export const ASSESSMENT_STATUSES = [
  'applied',
  'assigned',
  'in_progress',
  'submitted',
  'signing',
  'published',
  'disputed',
  'superseded',
  'cancelled',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Open = not yet final; at most one open assessment per elder. */
export const OPEN_ASSESSMENT_STATUSES = [
  'applied',
  'assigned',
  'in_progress',
  'submitted',
  'signing',
] as const satisfies readonly AssessmentStatus[];

export const ASSESSMENT_REASONS = [
  'initial',
  'subsidy_entry',
  'routine',
  'fall_injury',
  'hospital_discharge',
  'dementia_diagnosis',
  'coma_recovered',
  'dispute',
  'other',
] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];

/** Who applied: the elder, family, a community worker / street officer (`cadre`), or the platform. */
export const ASSESSMENT_SOURCES = ['elder', 'family', 'cadre', 'automatic'] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];

/** Elder tags the assessment module writes (elder_tags.source = 'assessment'). */
export const ASSESSMENT_TAG_CODES = ['semi_disabled', 'disabled', 'cognitive_impairment'] as const;
export type AssessmentTagCode = (typeof ASSESSMENT_TAG_CODES)[number];

/** Days after publishing during which a result may be disputed. */
export const ASSESSMENT_DISPUTE_DAYS = 30;
/** A re-review is due this many days after the dispute. */
export const ASSESSMENT_REREVIEW_DAYS = 7;
/** Routine reassessment this many months after the last published result. */
export const ASSESSMENT_ROUTINE_MONTHS = 12;

// ---- standards ----

export interface AssessmentStandardSummary {
  code: StandardCode;
  zh: string;
  en: string;
  revision: number;
  isDefault: boolean;
  /** False where the standard's level rules are not verified (LTC 2021): no level is derived. */
  levelsAvailable: boolean;
  /** False where the Appendix C layout is not verified: no report PDF. */
  reportAvailable: boolean;
}

export interface AssessmentStandardList {
  items: AssessmentStandardSummary[];
  defaultCode: StandardCode;
}

/** `GET /assessment-standards/{code}`: the standard as data, without its level function. */
export type AssessmentStandardData = Omit<AssessmentStandard, 'deriveInitialLevel'>;

// ---- list and detail ----

export interface AssessmentListQuery {
  regionCode?: string;
  status?: AssessmentStatus;
  reason?: AssessmentReason;
  elderId?: string;
  /** true: only assessments assigned to the caller. */
  mine?: boolean;
  limit?: number;
  cursor?: string;
}

export interface AssessmentPersonRef {
  userId: string;
  displayName: string;
}

export interface AssessmentListItem {
  id: string;
  elderId: string;
  elderNameMasked: string;
  /** The elder's home and phone, masked (the assessor's list, issue 13 §5). */
  elderAddressMasked: string | null;
  elderPhoneMasked: string | null;
  regionCode: string;
  regionName: string | null;
  /** The assessment agency, once assigned. */
  organisationId: string | null;
  agencyName: string | null;
  standardCode: StandardCode;
  reason: AssessmentReason;
  source: AssessmentSource;
  status: AssessmentStatus;
  scheduledAt: string | null;
  /** Date (YYYY-MM-DD) by which the assessment should be done, where one applies. */
  dueBy: string | null;
  total: number | null;
  /** Final level code and its short name (e.g. 2, 中度失能) once scored. */
  level: number | null;
  levelName: string | null;
  assessors: AssessmentPersonRef[];
  createdAt: string;
  publishedAt: string | null;
}

export interface AssessmentList {
  items: AssessmentListItem[];
  nextCursor: string | null;
}

export interface AssessmentCreateBody {
  elderId: string;
  reason: AssessmentReason;
  source: AssessmentSource;
  standardCode?: StandardCode;
  note?: string;
}

export interface AssessmentElderSummary {
  id: string;
  nameMasked: string;
  sex: 'male' | 'female';
  age: number;
  idNumberMasked: string;
  regionCode: string;
  regionName: string | null;
  status: string;
}

export interface AssessmentCertificateRef {
  id: string;
  kind: CertificateKind;
  number: string;
  issuedOn: string;
  expiresOn: string | null;
}

export interface AssessmentAssessorView extends AssessmentPersonRef {
  /** The certificate checked at assignment. */
  certificate: AssessmentCertificateRef | null;
  /** When the assessor signed (device time, may be in the past) and when the server recorded it. */
  signedAt: string | null;
  signRecordedAt: string | null;
}

export type AssessmentTimelineAction =
  | 'applied'
  | 'assigned'
  | 'draft_saved'
  | 'submitted'
  | 'signed'
  | 'published'
  | 'disputed'
  | 'superseded'
  | 'cancelled';

export interface AssessmentTimelineEntry {
  at: string;
  action: AssessmentTimelineAction;
  byName: string | null;
}

/** The stored scoring output: `scoreAssessment`'s result without `ok`. */
export type AssessmentResult = Omit<ScoredAssessment, 'ok'>;

/**
 * Something the assessor should know about the saved form (decision 006 refinements): a
 * contradiction between an item and Appendix A (`confirm`: submit needs it in `confirmedWarnings`),
 * or a change-rule input the server took from Appendix A instead of the value the client sent.
 * The text is `code` with `params` (formatMessage in @yiyang/contracts).
 */
export interface AssessmentWarning {
  /** Stable for the same contradiction, e.g. `contradiction:B.3.9:A.5.11`. */
  key: string;
  code: AssessmentMessageCode;
  /** Where in the form: `/answers/B.3.9`, `/basicInfo/A.5.11`, `/context/comaOrVegetative`. */
  pointer: string;
  params: Record<string, unknown>;
  confirm: boolean;
}

export interface AssessmentDetail extends AssessmentListItem {
  elder: AssessmentElderSummary;
  note: string | null;
  appliedBy: AssessmentPersonRef | null;
  /** Bumped by every saved draft; the next PUT /form sends it as `baseRevision`. */
  revision: number;
  /** Item code → option value. */
  answers: Record<string, string>;
  /** Appendix A field code → value. */
  basicInfo: Record<string, unknown>;
  context: AssessmentContext;
  /** When the device saved the last synced draft (kept as sent). */
  clientSavedAt: string | null;
  submittedAt: string | null;
  result: AssessmentResult | null;
  /**
   * Contradictions in the saved form, to confirm before submitting; the answer to `PUT …/form`
   * adds the change-rule inputs taken from Appendix A instead of the client's `context`.
   */
  warnings: AssessmentWarning[];
  assessors: AssessmentAssessorView[];
  supersedesId: string | null;
  supersededById: string | null;
  disputedAt: string | null;
  disputeReason: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  timeline: AssessmentTimelineEntry[];
  /** The caller is one of the two assigned assessors. */
  assignedToMe: boolean;
}

// ---- commands ----

export interface AssessmentAssignBody {
  agencyId: string;
  assessorIds: [string, string];
  /** ISO date-time; defaults to now. Certificates must be valid on that date. */
  scheduledAt?: string;
}

export interface EligibleAssessor extends AssessmentPersonRef {
  username: string;
  certificate: AssessmentCertificateRef | null;
  /** Certificate of kind `assessor` valid on the scheduled date (or today). */
  certificateValid: boolean;
  /** Was an assessor of the disputed record (a re-review must use others). */
  excluded: boolean;
}

export interface EligibleAssessorList {
  onDate: string;
  items: EligibleAssessor[];
}

export interface AssessmentFormBody {
  baseRevision: number;
  /** When the device saved this draft (ISO date-time); kept as recorded. */
  clientSavedAt: string;
  answers: Record<string, string | number>;
  basicInfo?: Record<string, unknown>;
  /**
   * Optional: the server derives the change-rule inputs from the stored Appendix A
   * (`deriveAssessmentContext`) and answers a disagreeing value with an `assessment.context_overridden` warning.
   */
  context?: AssessmentContext;
}

export interface AssessmentSubmitBody {
  clientTotals?: ClientTotals;
  /** Keys of the `confirm` warnings the assessor has checked (422 `assessment.warnings_unconfirmed` otherwise). */
  confirmedWarnings?: string[];
}

export interface AssessmentSignBody {
  /** Device time of the signature (offline signing); not before submission, not in the future. */
  signedAt?: string;
  /** The partner on the same tablet signs with their credentials (checked like a login, no session). */
  coSigner?: { username: string; password: string };
}

export interface AssessmentReasonBody {
  reason: string;
}

export interface AssessmentDisputeResult {
  disputed: AssessmentDetail;
  reReview: AssessmentDetail;
}

/** Appendix A from the registry (decrypted; the read is audited). */
export interface AssessmentPrefill {
  elderId: string;
  elderVersion: number;
  basicInfo: Record<string, unknown>;
}

export interface AssessmentBasicInfoApplyBody {
  /** The elder version the confirmation was made against (409 otherwise). */
  elderVersion: number;
  /** Appendix A field codes whose form values should replace the registry's. */
  fields: string[];
  reason?: string;
}

export interface AssessmentBasicInfoApplyResult {
  elderId: string;
  elderVersion: number;
  applied: string[];
}

// ---- due list, history, stats ----

export type AssessmentDueKind = 'never_assessed' | 'routine' | 're_review';

export interface AssessmentDueQuery {
  regionCode?: string;
  /** Include elders due within this many days (default 30); overdue ones are always included. */
  withinDays?: number;
}

export interface AssessmentDueItem {
  elderId: string;
  elderNameMasked: string;
  regionCode: string;
  regionName: string | null;
  kind: AssessmentDueKind;
  dueOn: string;
  overdue: boolean;
  lastPublishedAt: string | null;
  lastLevel: number | null;
  openAssessmentId: string | null;
  openStatus: AssessmentStatus | null;
}

export interface AssessmentDueList {
  asOf: string;
  items: AssessmentDueItem[];
}

export interface ElderAssessmentHistoryItem {
  id: string;
  status: AssessmentStatus;
  reason: AssessmentReason;
  standardCode: StandardCode;
  createdAt: string;
  publishedAt: string | null;
  total: number | null;
  level: number | null;
  levelName: string | null;
  dimensions: { code: string; zh: string; score: number | null; max: number | null }[];
  supersedesId: string | null;
  supersededById: string | null;
}

export interface ElderAssessmentHistory {
  elderId: string;
  items: ElderAssessmentHistoryItem[];
}

export interface AssessmentLevelCount {
  standardCode: StandardCode;
  level: number;
  name: string;
  /** The level's English name (English mode). */
  nameEn: string;
  count: number;
  /** Share of the assessed elders. */
  share: number;
}

export interface AssessmentRegionStats {
  regionCode: string;
  regionName: string | null;
  /** Active elders in the region. */
  elders: number;
  /** Of them, with a current published level. */
  assessed: number;
  semiDisabled: number;
  disabled: number;
  /** Shares of the assessed elders (0–1): 失能占比 = disabled / assessed. */
  semiDisabledShare: number;
  disabledShare: number;
}

export interface AssessmentStats extends AssessmentRegionStats {
  byLevel: AssessmentLevelCount[];
  children: AssessmentRegionStats[];
}

/**
 * A published result whose stored Appendix A gives another level under the change rules
 * (STANDARDS.md §1.4, §2.5): published before the server derived the rules' inputs itself.
 */
export interface AssessmentLevelReviewItem extends Pick<
  AssessmentListItem,
  | 'id'
  | 'elderId'
  | 'elderNameMasked'
  | 'regionCode'
  | 'regionName'
  | 'organisationId'
  | 'agencyName'
  | 'standardCode'
> {
  publishedAt: string;
  publishedLevel: number;
  publishedLevelName: string;
  /** The level the stored answers and Appendix A give. */
  appendixLevel: number;
  appendixLevelName: string;
  /** The change rules that fire on the stored Appendix A. */
  firedRules: FiredRule[];
}

export interface AssessmentLevelReviewQuery {
  regionCode?: string;
  limit?: number;
  cursor?: string;
}

export interface AssessmentLevelReview {
  items: AssessmentLevelReviewItem[];
  /** Where to continue the scan; null when every published result in scope was checked. */
  nextCursor: string | null;
}
