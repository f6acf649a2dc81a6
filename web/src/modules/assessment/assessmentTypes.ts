/**
 * Response and request shapes of `/api/v1/assessments…` (decision 006). The
 * enums mirror the workflow; fields the UI can live without are optional so a
 * slightly different server shape degrades to "not shown" instead of a crash.
 */

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

export const ASSESSMENT_SOURCES = ['elder', 'family', 'cadre', 'automatic'] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];

/** Statuses in which the assigned assessors may still edit the form. */
export const EDITABLE_STATUSES: readonly AssessmentStatus[] = ['assigned', 'in_progress'];
/** Statuses a cancel is allowed from (decision 006 state diagram). */
export const CANCELLABLE_STATUSES: readonly AssessmentStatus[] = ['applied', 'assigned', 'in_progress'];
export const REPORT_STATUSES: readonly AssessmentStatus[] = ['published', 'disputed', 'superseded'];

export interface LevelRef {
  code: number;
  zh: string;
  zhShort: string;
  en: string;
}

export interface AssessmentListItem {
  id: string;
  elderId: string;
  elderNameMasked: string;
  regionCode: string;
  regionName?: string | null;
  status: AssessmentStatus;
  reason: AssessmentReason;
  source: AssessmentSource;
  standardCode: string;
  organisationId?: string | null;
  organisationName?: string | null;
  scheduledAt?: string | null;
  dueBy?: string | null;
  createdAt: string;
  publishedAt?: string | null;
  finalLevel?: LevelRef | null;
}

export interface AssessorCertificate {
  number: string;
  issuedOn?: string | null;
  expiresOn: string | null;
  /** Valid on the scheduled date (or today). */
  valid: boolean;
}

export interface AssessmentAssessor {
  userId: string;
  displayName: string;
  username?: string;
  certificate?: AssessorCertificate | null;
  signedAt?: string | null;
}

export interface AssessmentForm {
  revision: number;
  answers: Record<string, string>;
  basicInfo: Record<string, unknown>;
  context?: Record<string, unknown>;
  clientSavedAt?: string | null;
  savedAt?: string | null;
  savedBy?: { userId: string; displayName: string } | null;
}

export interface DimensionResult {
  code: string;
  zh: string;
  en: string;
  score: number | null;
  max: number | null;
  grade?: { code: number; zh: string; en: string } | null;
}

export interface FiredRule {
  rule: string;
  clause: string;
  reasonCode: string;
  params?: Record<string, unknown>;
  applied: boolean;
  /** Localised explanation, when the server sends one. */
  message?: string;
}

export interface AssessmentResult {
  standardCode: string;
  dimensions: DimensionResult[];
  total: number | null;
  totalMax: number | null;
  initialLevel: LevelRef | null;
  finalLevel: LevelRef;
  firedRules: FiredRule[];
}

export interface TimelineEntry {
  at: string;
  action: string;
  actorName?: string | null;
  note?: string | null;
}

export interface AssessmentDetail extends AssessmentListItem {
  elder?: {
    id: string;
    nameMasked: string;
    sex?: string | null;
    age?: number | null;
    idNumberMasked?: string | null;
    regionName?: string | null;
  } | null;
  note?: string | null;
  assessors: AssessmentAssessor[];
  form: AssessmentForm | null;
  /** Appendix A prefilled from the registry when no form was saved yet. */
  prefill?: Record<string, unknown> | null;
  result: AssessmentResult | null;
  timeline: TimelineEntry[];
  supersedes?: string | null;
  supersededBy?: string | null;
  cancelReason?: string | null;
  disputeReason?: string | null;
  /** Appendix A fields that differ from the registry (for the apply-to-registry review). */
  registryDiff?: RegistryChange[] | null;
}

export interface RegistryChange {
  field: string;
  label?: string;
  registry: unknown;
  assessment: unknown;
}

export interface DueItem {
  elderId: string;
  elderNameMasked: string;
  regionCode: string;
  regionName?: string | null;
  kind?: 'never' | 'routine' | 're_review' | string;
  dueOn: string | null;
  overdue: boolean;
  lastPublishedAt?: string | null;
  lastLevel?: LevelRef | null;
  openAssessmentId?: string | null;
}

export interface EligibleAssessor {
  userId: string;
  displayName: string;
  username?: string;
  certificate: AssessorCertificate | null;
  eligible: boolean;
}

export interface AssessmentStats {
  regionCode: string;
  total: number;
  byLevel: { level: number; zhShort?: string; en?: string; count: number }[];
  byRegion: { regionCode: string; regionName: string; total: number; byLevel: Record<string, number> }[];
  shares: { disabled: number; semiDisabled: number };
}

export interface ElderAssessmentHistoryItem {
  id: string;
  status: AssessmentStatus;
  reason: AssessmentReason;
  standardCode: string;
  publishedAt?: string | null;
  createdAt: string;
  total?: number | null;
  finalLevel?: LevelRef | null;
}

export interface ApplyInput {
  elderId: string;
  reason: AssessmentReason;
  source: AssessmentSource;
  standardCode?: string;
  note?: string;
}

export interface AssignInput {
  agencyId: string;
  assessorIds: [string, string];
  scheduledAt?: string;
}

export interface FormPutInput {
  baseRevision: number;
  clientSavedAt: string;
  answers: Record<string, string>;
  basicInfo: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface SignInput {
  signedAt?: string;
  coSigner?: { username: string; password: string };
}
