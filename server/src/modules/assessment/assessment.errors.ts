import { ASSESSMENT_MESSAGES, formatMessage, type AssessmentMessageCode } from '@yiyang/contracts';

/**
 * The assessment module's messages live in @yiyang/contracts
 * (assessment.messages.ts), merged into ERROR_MESSAGES so the console and the
 * error handler share them. This file keeps the formatter the scoring engine
 * and the report use.
 */
export { ASSESSMENT_MESSAGES };
export type { AssessmentMessageCode };
export type AssessmentLocale = 'zh-CN' | 'en-US';

/** Renders a code with params: localized texts in the reader's language, lists joined the way each language lists things. */
export function formatAssessmentMessage(
  code: AssessmentMessageCode,
  locale: AssessmentLocale,
  params: Readonly<Record<string, unknown>> = {},
): string {
  return formatMessage(code, locale, params);
}
