/**
 * The standard as the API serves it (`GET /assessment-standards/{code}`):
 * types from @yiyang/contracts. Forms, progress and the report view are
 * generated from this data, never written item by item (issue 4 §1).
 */
export type {
  AssessmentDimension as StdDimension,
  AssessmentItem as StdItem,
  AssessmentStandardData,
  FieldOption as StdFieldOption,
  FormField as StdField,
  FormSection as StdSection,
} from '@yiyang/contracts';

/** A text in the UI language: the standard's English where it has one, else its Chinese. */
export function stdText(x: { zh: string; en?: string | undefined }, lang: string): string {
  return lang.startsWith('en') && x.en ? x.en : x.zh;
}
