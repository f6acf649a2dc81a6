/**
 * The change-rule inputs (`AssessmentContext`) as Appendix A records them (STANDARDS.md §1.4 C.4,
 * §2.5): one derivation for the server, which scores with it, and for the tablet, which shows
 * what the rules will see. Generated from each field's `feeds`; only values the field defines
 * count, so a stored value the standard does not know never raises a level.
 */
import type {
  AssessmentContext,
  FieldOption,
  FormField,
  FormSection,
  RiskEvent,
} from './assessment.standard.ts';

export const CONTEXT_KEYS = [
  'comaOrVegetative',
  'dementiaOrPsychiatricDiagnosis',
  'diagnosisCodes',
  'careRiskEventsLast30Days',
] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** Option values that record an absence (无 / none / 0): a flag field set to one of them is "no". */
const NEGATIVE = new Set(['no', 'none', '0']);

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** The change-rule input a field feeds (`feeds: 'context.<key>'`), if any. */
export function contextKeyOf(field: Pick<FormField, 'feeds'>): ContextKey | null {
  const key = field.feeds?.replace(/^context\./, '');
  return (CONTEXT_KEYS as readonly string[]).includes(key ?? '') ? (key as ContextKey) : null;
}

/** Appendix A field codes that feed each change-rule input, in form order. */
export function contextSources(form: readonly FormSection[]): Record<ContextKey, string[]> {
  const out: Record<ContextKey, string[]> = {
    comaOrVegetative: [],
    dementiaOrPsychiatricDiagnosis: [],
    diagnosisCodes: [],
    careRiskEventsLast30Days: [],
  };
  for (const field of form.flatMap((s) => s.fields)) {
    const key = contextKeyOf(field);
    if (key) out[key].push(field.code);
  }
  return out;
}

/** Leaf option values of a field (an option with children is chosen through them, A.5.6). */
export function optionValues(options: readonly FieldOption[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const o of options ?? []) {
    out.add(o.value);
    for (const c of o.children ?? []) out.add(c.value);
  }
  return out;
}

const chosen = (field: FormField, v: unknown): string[] => {
  const values = optionValues(field.options);
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string' && values.has(x));
};

/**
 * The change-rule inputs from Appendix A: a single choice sets its flag unless it records an
 * absence (无/none/0), a multi-select gives the chosen codes, a matrix one `{ type, count }` per row.
 * Inputs whose fields are unanswered are left out.
 */
export function deriveAssessmentContext(
  form: readonly FormSection[],
  basicInfo: Readonly<Record<string, unknown>>,
): AssessmentContext {
  const ctx: {
    comaOrVegetative?: boolean;
    dementiaOrPsychiatricDiagnosis?: boolean;
    diagnosisCodes?: string[];
    careRiskEventsLast30Days?: RiskEvent[];
  } = {};
  for (const field of form.flatMap((s) => s.fields)) {
    const key = contextKeyOf(field);
    const v = Object.hasOwn(basicInfo, field.code) ? basicInfo[field.code] : undefined;
    if (!key || blank(v)) continue;
    if (key === 'comaOrVegetative' || key === 'dementiaOrPsychiatricDiagnosis') {
      const picked = chosen(field, v);
      if (picked.length === 0) continue;
      ctx[key] = (ctx[key] ?? false) || picked.some((x) => !NEGATIVE.has(x));
    } else if (key === 'diagnosisCodes' && Array.isArray(v)) {
      ctx.diagnosisCodes = [...(ctx.diagnosisCodes ?? []), ...chosen(field, v)];
    } else if (key === 'careRiskEventsLast30Days' && typeof v === 'object' && !Array.isArray(v)) {
      // In the form's row order, whatever order the object came in (jsonb reorders keys).
      const m = v as Record<string, unknown>;
      const counts = optionValues(field.options);
      const events = (field.rows ?? []).flatMap(({ value: type }) => {
        const c = Object.hasOwn(m, type) ? m[type] : undefined;
        return typeof c === 'string' && counts.has(c) ? [{ type, count: Number(c) }] : [];
      });
      ctx.careRiskEventsLast30Days = [...(ctx.careRiskEventsLast30Days ?? []), ...events];
    }
  }
  return ctx;
}
