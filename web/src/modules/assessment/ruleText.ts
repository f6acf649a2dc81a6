import { formatMessage, type Locale } from '@yiyang/contracts';
import type { AssessmentResult } from './assessmentTypes.ts';

/** One fired change rule in words: the server's reason code and params (texts in @yiyang/contracts). */
export function firedRuleText(rule: AssessmentResult['firedRules'][number], locale: Locale): string {
  return formatMessage(rule.reasonCode, locale, rule.params);
}
