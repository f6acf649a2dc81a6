/**
 * Data model of a versioned assessment standard (STANDARDS.md §1–§3).
 *
 * Everything a form, the scoring engine and the printed report need is data:
 * item order, option texts and scores, help texts, dimension grading, level
 * names, change rules, Appendix A fields and the report layout. The only code
 * a standard carries is ONE small rule function that turns dimension results
 * into the initial level (`deriveInitialLevel`).
 */

import type { AssessmentMessageCode } from './assessment.messages.ts';

/** Verification tags of STANDARDS.md §0. */
export type Verification = 'V' | 'P' | 'R' | 'D';

export type StandardCode = 'GB/T 42195-2022' | 'MZ/T 039-2013' | 'LTC-2021';

/** Marks an option carries for the change rules (e.g. the 昏迷 option of B.3.9). */
export type OptionFlag = 'coma';

export interface AssessmentOption {
  /** Stable answer code sent by clients. Equals `String(score)` unless two options share a score. */
  value: string;
  score: number;
  zh: string;
  en?: string;
  flags?: readonly OptionFlag[];
  /** Why this option differs from the printed form (e.g. a split option). */
  note?: string;
}

export interface AssessmentItem {
  /** Code in the standard's numbering, e.g. 'B.1.1'. */
  code: string;
  dimension: string;
  zh: string;
  en: string;
  /** The definition printed after the item name (zh). */
  definition?: string;
  /** The item's 注 (zh). */
  note?: string;
  /** Script the assessor reads or test to perform (zh), e.g. MZ/T 039 B.2.1. */
  instructions?: string;
  /** Options in the order the standard prints them. */
  options: readonly AssessmentOption[];
  /** Highest option score; checked against the options by `checkStandard`. */
  maxScore: number;
  verification: Verification;
}

export interface GradeDefinition {
  code: number;
  zh: string;
  en: string;
}

/** A score band [min, max] (inclusive) → grade. */
export interface GradeBand {
  grade: number;
  min: number;
  max: number;
}

/** `item`'s score is at least `atLeast` (scores are "higher = worse" where this is used). */
export interface ScoreAtLeast {
  item: string;
  atLeast: number;
}

export type DimensionGrading =
  /** Grade by the dimension's score sum. */
  | { kind: 'bands'; grades: readonly GradeDefinition[]; bands: readonly GradeBand[] }
  /** Grade by item rules, evaluated in order (most severe first); the first rule with a match wins. */
  | {
      kind: 'rules';
      grades: readonly GradeDefinition[];
      rules: readonly { grade: number; anyOf: readonly ScoreAtLeast[] }[];
      otherwise: number;
    };

export interface AssessmentDimension {
  code: string;
  zh: string;
  en: string;
  /** Item codes in form order. */
  itemCodes: readonly string[];
  /** `sum`: the score is the item sum; `rule`: graded by rule only, no score (MZ/T 039 B.3). */
  scoring: 'sum' | 'rule';
  /** Maximum of the sum; null for rule-graded dimensions. */
  maxScore: number | null;
  polarity: 'higher_is_better' | 'higher_is_worse';
  grading?: DimensionGrading;
}

export interface LevelDefinition {
  code: number;
  /** Full name as printed on the report. */
  zh: string;
  /** Short name for lists and tags. */
  zhShort: string;
  en: string;
  /** Total-score band, where the standard defines one. */
  minTotal?: number;
  maxTotal?: number;
}

/** What the initial-level rule sees. */
export interface LevelDerivationInput {
  total: number | null;
  dimensions: readonly { code: string; score: number | null; grade: number | null }[];
}

export type LevelDerivation =
  | { available: true; level: number }
  | { available: false; reasonCode: 'assessment.level_unavailable' | 'assessment.level_incomplete' };

export type InitialLevelRule = (input: LevelDerivationInput) => LevelDerivation;

/** Context flags the change rules read (filled from Appendix A). */
export type ContextFlag = 'comaOrVegetative' | 'dementiaOrPsychiatricDiagnosis';

export type ChangeCondition =
  | { kind: 'context_flag'; flag: ContextFlag; source: string }
  | { kind: 'option_flag'; item: string; flag: OptionFlag; source: string }
  | { kind: 'diagnosis'; codes: readonly string[]; source: string }
  | { kind: 'risk_events'; threshold: number; eventTypes: readonly string[]; source: string };

export type ChangeEffect = { kind: 'set_level'; level: number } | { kind: 'raise'; by: number };

export interface ChangeRule {
  code: 'coma' | 'dementia_or_psychiatric' | 'risk_events';
  /** Clause cited in results, e.g. 'GB/T 42195-2022 C.4 ①'. */
  clause: string;
  reasonCode: AssessmentMessageCode;
  /** Check-box text on the report (zh). */
  zh: string;
  en: string;
  anyOf: readonly ChangeCondition[];
  effect: ChangeEffect;
  verification: Verification;
}

export interface ChangePolicy {
  /** Levels never exceed this. */
  maxLevel: number;
  /** If the initial level is at least this, no change rule affects the final level (MZ/T 039 clause 4). */
  freezeFromLevel?: number;
  freezeClause?: string;
}

/** Items that may be left unanswered when an option with `flag` is chosen for `item`. */
export interface SkipRule {
  item: string;
  flag: OptionFlag;
  skippable: readonly string[];
  clause: string;
}

export interface RiskEventType {
  code: string;
  zh: string;
  en: string;
}

// ---- Appendix A (basic information form) ----

export type FieldType =
  'text' | 'textarea' | 'date' | 'number' | 'id_number' | 'phone' | 'single' | 'multi' | 'matrix' | 'rows';

export interface FieldOption {
  value: string;
  zh: string;
  en?: string;
  /** ICD-10 range printed beside a diagnosis. */
  icd?: string;
  /** The option needs a free-text specification (有（请注明）, 其他, 部位…). */
  specify?: boolean;
  /** In a multi-select, choosing this clears the others (无). */
  exclusive?: boolean;
  /** Sub-options printed under this option (A.5.6). */
  children?: readonly FieldOption[];
}

export interface FormField {
  code: string;
  zh: string;
  en: string;
  type: FieldType;
  /** Must be unique across assessments (A.1.1 评估编号). */
  unique?: boolean;
  unit?: string;
  /** Plausible range of a `number` field (inclusive); without it, any number above 0. */
  min?: number;
  max?: number;
  help?: string;
  options?: readonly FieldOption[];
  /** Matrix rows (each answered with one of `options`) or table columns for `rows`. */
  rows?: readonly FieldOption[];
  columns?: readonly FieldOption[];
  /** Which scoring input this field fills, e.g. 'context.comaOrVegetative'. */
  feeds?: string;
  verification: Verification;
}

export interface FormSection {
  code: string;
  zh: string;
  en: string;
  fields: readonly FormField[];
}

// ---- Appendix C (report) ----

export type ReportSource =
  | { kind: 'dimension_score'; dimension: string }
  | { kind: 'dimension_grade'; dimension: string }
  | { kind: 'total' }
  | { kind: 'initial_level' }
  | { kind: 'change_rules' }
  | { kind: 'final_level' };

export interface ReportEntry {
  code: string;
  zh: string;
  en: string;
  source: ReportSource;
  help?: string;
}

export interface ReportSection {
  code: string;
  zh: string;
  en: string;
  entries: readonly ReportEntry[];
}

export interface SignatureBlock {
  role: 'assessor' | 'informant';
  zh: string;
  en: string;
  count: number;
  dated: boolean;
  verification: Verification;
}

export interface ReportLayout {
  zh: string;
  en: string;
  sections: readonly ReportSection[];
  signatures: readonly SignatureBlock[];
}

// ---- The standard ----

export interface AssessmentStandard {
  /** Persisted as `standard_code` beside every assessment. */
  standardCode: StandardCode;
  /** Revision of this encoding; bump when a text or rule here changes. */
  revision: number;
  zh: string;
  en: string;
  /** Which clause the item tables come from, for citations. */
  itemsClause: string;
  dimensions: readonly AssessmentDimension[];
  /** All items in form order. */
  items: readonly AssessmentItem[];
  /** Total score (sum of all items), where the standard defines one. */
  total: { max: number } | null;
  levels: readonly LevelDefinition[];
  deriveInitialLevel: InitialLevelRule;
  changeRules: readonly ChangeRule[];
  changePolicy: ChangePolicy;
  skipRules: readonly SkipRule[];
  riskEventTypes: readonly RiskEventType[];
  basicInfoForm: readonly FormSection[];
  /** Appendix C layout; null where the report format is not verified. */
  report: ReportLayout | null;
}

// ---- scoring inputs and results (server assessment.scoring.ts) ----

/** One A.2.14 row (type + count) or one logged event (count defaults to 1). */
export interface RiskEvent {
  type: string;
  count?: number;
}

/** Facts from Appendix A that the change rules read. */
export interface AssessmentContext {
  /** GB/T 42195 A.5.11 昏迷 = 有 (or a vegetative state). */
  comaOrVegetative?: boolean;
  /** GB/T 42195 A.4.1 F00–F03 / F04–F99; MZ/T 039 A.2.13.1 痴呆 ≠ 无 or A.2.13.2 精神疾病 ≠ 无. */
  dementiaOrPsychiatricDiagnosis?: boolean;
  /** GB/T 42195 A.4.1 option values, e.g. 'F00-F03'. */
  diagnosisCodes?: readonly string[];
  /** A.2.14: a total count (types unknown) or events/rows with their type. */
  careRiskEventsLast30Days?: number | readonly RiskEvent[];
}

export interface ScoringSettings {
  /** Do the two "+1" change rules stack? 1 = at most one level in total (default). STANDARDS.md §1.4, §2.5. */
  maxUpgrade?: 1 | 'unbounded';
  /** Is "2 次及以上" counted over all event types (default) or within one type? STANDARDS.md §1.4, §2.5. */
  eventCounting?: 'total' | 'per_type';
}

export type ResolvedSettings = Required<ScoringSettings>;

export interface AssessmentError {
  /** JSON pointer into the scoring input, e.g. '/answers/B.1.1'. */
  pointer: string;
  code: AssessmentMessageCode;
  params?: Record<string, unknown>;
}

export interface LevelRef {
  code: number;
  zh: string;
  zhShort: string;
  en: string;
}

export interface GradeRef {
  code: number;
  zh: string;
  en: string;
}

export interface DimensionResult {
  code: string;
  zh: string;
  en: string;
  /** Item sum; null for rule-graded dimensions and for dimensions with skipped items. */
  score: number | null;
  max: number | null;
  /** Present where the standard grades dimensions (MZ/T 039); null if it cannot be decided. */
  grade?: GradeRef | null;
}

export interface ItemResult {
  code: string;
  value: string;
  score: number;
}

export type FiredRuleCode =
  ChangeRule['code'] | 'upgrade_capped' | 'level_capped' | 'frozen_at_severe' | 'coma_items_skipped';

export interface FiredRule {
  rule: FiredRuleCode;
  clause: string;
  reasonCode: AssessmentMessageCode;
  params: Record<string, unknown>;
  /** False when the condition holds but does not change the level (overridden by coma or clause 4). */
  applied: boolean;
}

export interface ScoredItems {
  ok: true;
  standardCode: StandardCode;
  revision: number;
  items: ItemResult[];
  /** Items left out under a skip rule (MZ/T 039-2013 B.3.1 昏迷). */
  skippedItems: string[];
  dimensions: DimensionResult[];
  /** Sum of all items where the standard has a total (GB/T 42195: 0–90); otherwise null. */
  total: number | null;
  totalMax: number | null;
}

export type ItemScoreResult = ScoredItems | { ok: false; errors: AssessmentError[] };

export interface ScoredAssessment extends ScoredItems {
  /** Null only when items were skipped under the coma rule. */
  initialLevel: LevelRef | null;
  finalLevel: LevelRef;
  firedRules: FiredRule[];
  settings: ResolvedSettings;
}

export type ScoreResult = ScoredAssessment | { ok: false; errors: AssessmentError[] };

/** What a client (tablet form) may send along with the answers. */
export interface ClientTotals {
  total?: unknown;
  /** Dimension code → score. */
  dimensions?: Readonly<Record<string, unknown>>;
  /** Dimension code → grade code (MZ/T 039). */
  dimensionGrades?: Readonly<Record<string, unknown>>;
  initialLevel?: unknown;
  finalLevel?: unknown;
}
