/** Pure helpers of the console's assessment pages (tested in web/test/assessmentHelpers.test.ts). */
import { ASSESSMENT_DISPUTE_DAYS } from '@yiyang/contracts';
import { pointerToPath } from '../../api/formErrors.ts';
import type { AssessmentDetail } from './assessmentTypes.ts';

const FIELDS = ['agencyId', 'assessorIds', 'scheduledAt'] as const;

/**
 * Problem+json field errors grouped by the form field they belong to:
 * `/body/assessorIds/1` (an expired certificate of the second assessor) goes
 * under the assessor list, `/body/scheduledAt` under the date.
 */
export function assignFieldErrors(errors: readonly { pointer: string; message: string }[]) {
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const e of errors) {
    const top = pointerToPath(e.pointer)?.[0];
    const field = top === 'scheduledAt' ? 'scheduledOn' : top;
    if (
      typeof field === 'string' &&
      ((FIELDS as readonly string[]).includes(field) || field === 'scheduledOn')
    )
      byField.set(field, [...(byField.get(field) ?? []), e.message]);
    else rest.push(e.message);
  }
  return { fields: [...byField].map(([name, errs]) => ({ name, errors: errs })), rest };
}

const DAY = 86_400_000;

/** May the result still be disputed (decision 006: within 30 days of publishing)? */
export function disputable(a: Pick<AssessmentDetail, 'status' | 'publishedAt'>, now = Date.now()): boolean {
  if (a.status !== 'published' || !a.publishedAt) return false;
  return now - new Date(a.publishedAt).getTime() <= ASSESSMENT_DISPUTE_DAYS * DAY;
}
