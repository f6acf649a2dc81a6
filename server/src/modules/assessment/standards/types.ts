/**
 * Data model of a versioned assessment standard (STANDARDS.md §1–§3). The
 * types live in @yiyang/contracts (assessment.standard.ts) so that clients
 * render forms from `GET /assessment-standards/{code}` with the same types.
 */
export type {
  Verification,
  StandardCode,
  OptionFlag,
  AssessmentOption,
  AssessmentItem,
  GradeDefinition,
  GradeBand,
  ScoreAtLeast,
  DimensionGrading,
  AssessmentDimension,
  LevelDefinition,
  LevelDerivationInput,
  LevelDerivation,
  InitialLevelRule,
  ContextFlag,
  ChangeCondition,
  ChangeEffect,
  ChangeRule,
  ChangePolicy,
  SkipRule,
  RiskEventType,
  FieldType,
  FieldOption,
  FormField,
  FormSection,
  ReportSource,
  ReportEntry,
  ReportSection,
  SignatureBlock,
  ReportLayout,
  AssessmentStandard,
} from '@yiyang/contracts';
