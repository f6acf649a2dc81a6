/**
 * The assessment standard as the API serves it (`GET /assessment-standards/{code}`,
 * decision 006): the server's standard data without its one rule function.
 * Forms, progress and the report view are generated from this, never written
 * item by item (issue 4 §1).
 */

export interface StdOption {
  /** The answer code sent back (usually the score as a string). */
  value: string;
  score: number;
  zh: string;
  en?: string;
  /** e.g. 'coma' on GB/T 42195 B.3.9 昏迷. */
  flags?: readonly string[];
  note?: string;
}

export interface StdItem {
  code: string;
  dimension: string;
  zh: string;
  en: string;
  definition?: string;
  note?: string;
  instructions?: string;
  options: readonly StdOption[];
  maxScore: number;
}

export interface StdDimension {
  code: string;
  zh: string;
  en: string;
  itemCodes: readonly string[];
  scoring: 'sum' | 'rule';
  maxScore: number | null;
  polarity: 'higher_is_better' | 'higher_is_worse';
}

export interface StdLevel {
  code: number;
  zh: string;
  zhShort: string;
  en: string;
  minTotal?: number;
  maxTotal?: number;
}

export interface StdFieldOption {
  value: string;
  zh: string;
  en?: string;
  icd?: string;
  specify?: boolean;
  exclusive?: boolean;
  children?: readonly StdFieldOption[];
}

export type StdFieldType =
  'text' | 'textarea' | 'date' | 'number' | 'id_number' | 'phone' | 'single' | 'multi' | 'matrix' | 'rows';

export interface StdField {
  code: string;
  zh: string;
  en: string;
  type: StdFieldType;
  unique?: boolean;
  unit?: string;
  help?: string;
  options?: readonly StdFieldOption[];
  rows?: readonly StdFieldOption[];
  columns?: readonly StdFieldOption[];
  /** Which scoring input the field fills, e.g. 'context.comaOrVegetative'. */
  feeds?: string;
}

export interface StdSection {
  code: string;
  zh: string;
  en: string;
  fields: readonly StdField[];
}

export interface StdSkipRule {
  item: string;
  flag: string;
  skippable: readonly string[];
  clause: string;
}

export interface StdChangeRule {
  code: string;
  clause: string;
  zh: string;
  en: string;
}

export interface AssessmentStandardData {
  standardCode: string;
  revision: number;
  zh: string;
  en: string;
  dimensions: readonly StdDimension[];
  items: readonly StdItem[];
  total: { max: number } | null;
  levels: readonly StdLevel[];
  changeRules: readonly StdChangeRule[];
  skipRules: readonly StdSkipRule[];
  basicInfoForm: readonly StdSection[];
}

/** A text in the UI language: the standard's English where it has one, else its Chinese. */
export function stdText(x: { zh: string; en?: string | undefined }, lang: string): string {
  return lang.startsWith('en') && x.en ? x.en : x.zh;
}
