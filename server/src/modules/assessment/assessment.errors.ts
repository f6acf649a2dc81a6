import { ASSESSMENT_MESSAGES, type AssessmentMessageCode } from '@yiyang/contracts';

/**
 * The assessment module's messages live in @yiyang/contracts
 * (assessment.messages.ts), merged into ERROR_MESSAGES so the console and the
 * error handler share them. This file keeps the formatter the scoring engine
 * and the report use.
 */
export { ASSESSMENT_MESSAGES };
export type { AssessmentMessageCode };
export type AssessmentLocale = 'zh-CN' | 'en-US';

/** Renders a code with params; arrays are joined the way each language lists things. */
export function formatAssessmentMessage(
  code: AssessmentMessageCode,
  locale: AssessmentLocale,
  params: Readonly<Record<string, unknown>> = {},
): string {
  const separator = locale === 'zh-CN' ? '、' : ', ';
  return ASSESSMENT_MESSAGES[code][locale].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    if (v === undefined || v === null) return whole;
    return Array.isArray(v) ? v.join(separator) : String(v);
  });
}
