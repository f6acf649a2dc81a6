/**
 * Data model of a versioned assessment standard (STANDARDS.md §1–§3). The
 * types live in @yiyang/contracts (assessment.standard.ts) so that clients
 * render forms from `GET /assessment-standards/{code}` with the same types.
 */
export type {
  Verification,
  StandardCode,
  AssessmentOption,
  AssessmentItem,
  GradeDefinition,
  DimensionGrading,
  AssessmentDimension,
  LevelDefinition,
  InitialLevelRule,
  ChangeCondition,
  ChangeRule,
  FieldOption,
  FormField,
  FormSection,
  ReportEntry,
  ReportLayout,
  AssessmentStandard,
} from '@yiyang/contracts';
