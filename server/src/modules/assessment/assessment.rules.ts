import type { AssessmentContext, AssessmentResult, AssessmentTagCode } from '@yiyang/contracts';

/**
 * Pure rules of the workflow (decision 006): the elder tags a published
 * level gives. Calendar arithmetic (addDays, addMonths) is in elder.rules.ts.
 */

const DEMENTIA_CODES = ['F00-F03'];
const COGNITION_DIMENSION = '精神状态';

/**
 * Levels 1–2 → 半失能, 3 and above → 失能; 认知障碍 when a dementia diagnosis is recorded, or the
 * mental-state dimension is at most half its maximum (GB/T 42195 B.3) or graded 2 and worse (MZ/T 039 B.2).
 */
export function assessmentTags(result: AssessmentResult, context: AssessmentContext): AssessmentTagCode[] {
  const tags: AssessmentTagCode[] = [];
  const level = result.finalLevel.code;
  if (level >= 3) tags.push('disabled');
  else if (level >= 1) tags.push('semi_disabled');
  const cognition = result.dimensions.find((d) => d.zh === COGNITION_DIMENSION);
  const weakCognition =
    cognition !== undefined &&
    ((cognition.grade !== undefined && cognition.grade !== null && cognition.grade.code >= 2) ||
      (cognition.grade === undefined &&
        cognition.score !== null &&
        cognition.max !== null &&
        cognition.score * 2 <= cognition.max));
  const dementia = (context.diagnosisCodes ?? []).some((c) => DEMENTIA_CODES.includes(c));
  if (weakCognition || dementia) tags.push('cognitive_impairment');
  return tags;
}
