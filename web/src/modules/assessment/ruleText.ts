import { formatMessage, type Locale } from '@yiyang/contracts';
import type { AssessmentResult, AssessmentWarning } from './assessmentTypes.ts';

/** One fired change rule in words: the server's reason code and params (texts in @yiyang/contracts). */
export function firedRuleText(rule: AssessmentResult['firedRules'][number], locale: Locale): string {
  return formatMessage(rule.reasonCode, locale, rule.params);
}

/** A warning beside the saved form (a contradiction to confirm, a context taken from Appendix A). */
export function warningText(w: AssessmentWarning, locale: Locale): string {
  return formatMessage(w.code, locale, w.params);
}
