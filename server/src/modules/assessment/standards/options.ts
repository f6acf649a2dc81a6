import type { AssessmentItem, AssessmentOption, FieldOption, Verification } from './types.ts';

/** Builds single-choice options whose answer value is the score itself. */
export function scored(
  entries: readonly (readonly [score: number, zh: string, en?: string])[],
): AssessmentOption[] {
  return entries.map(([score, zh, en]) =>
    en === undefined ? { value: String(score), score, zh } : { value: String(score), score, zh, en },
  );
}

/** Builds an item; `maxScore` is taken from the options and re-checked by `checkStandard`. */
export function item(
  code: string,
  dimension: string,
  names: { zh: string; en: string },
  options: readonly AssessmentOption[],
  extra: { definition?: string; note?: string; instructions?: string; verification?: Verification } = {},
): AssessmentItem {
  const { verification = 'V', ...texts } = extra;
  return {
    code,
    dimension,
    ...names,
    ...texts,
    options,
    maxScore: Math.max(...options.map((o) => o.score)),
    verification,
  };
}

/** Builds form options from [value, zh] pairs. */
export function choices(
  entries: readonly (readonly [value: string, zh: string, extra?: Partial<FieldOption>])[],
): FieldOption[] {
  return entries.map(([value, zh, extra]) => ({ value, zh, ...extra }));
}

/** 无 / 有 — used by several Appendix A fields. */
export const NO_YES: readonly FieldOption[] = choices([
  ['no', '无', { en: 'No' }],
  ['yes', '有', { en: 'Yes' }],
]);
