/**
 * The tablet form as a pure model of the standard's data: pages (Appendix A
 * sections first, then one dimension per page), what is required, what is
 * missing, progress, and the scoring context derived from Appendix A. No React,
 * no storage: tested in web/test/assessmentForm.test.ts.
 */
import { deriveAssessmentContext, type AssessmentContext } from '@yiyang/contracts';
import type {
  AssessmentStandardData,
  StdDimension,
  StdField,
  StdFieldOption,
  StdItem,
  StdSection,
} from './standardTypes.ts';

/** What the assessor has entered; sent as is in `PUT /assessments/{id}/form`. */
export interface FormDraft {
  /** Appendix B item code → option value. */
  answers: Record<string, string>;
  /**
   * Appendix A field code → value: text/date/id/phone `string`, number `number`,
   * single `string`, multi `string[]`, matrix `{ row: option }`, rows `{ column: text }[]`.
   * The free text of an option with `specify` is stored under `<field>:<option>`.
   */
  basicInfo: Record<string, unknown>;
}

/** The scoring inputs the change rules read (decision 006 `context`). */
export type FormContext = AssessmentContext;

export type FormPage =
  | { kind: 'basic'; code: string; section: StdSection }
  | { kind: 'dimension'; code: string; dimension: StdDimension; items: StdItem[] };

export interface MissingEntry {
  page: number;
  /** Item code (B.x.y), Appendix A field code, or `<matrix field>/<row>`. */
  code: string;
  kind: 'item' | 'field';
}

export const EMPTY_DRAFT: FormDraft = { answers: {}, basicInfo: {} };

export const specifyKey = (field: string, option: string) => `${field}:${option}`;

/** Appendix A sections first, then one page per dimension in the standard's order. */
export function buildPages(std: AssessmentStandardData): FormPage[] {
  const byCode = new Map(std.items.map((i) => [i.code, i]));
  return [
    ...std.basicInfoForm.map((section) => ({ kind: 'basic' as const, code: section.code, section })),
    ...std.dimensions.map((dimension) => ({
      kind: 'dimension' as const,
      code: dimension.code,
      dimension,
      items: dimension.itemCodes.map((c) => byCode.get(c)).filter((i): i is StdItem => !!i),
    })),
  ];
}

/**
 * Appendix A fields the level depends on are required (the change rules read
 * them: 昏迷, 照护风险事件, MZ/T 痴呆/精神疾病); a multi-select such as the
 * diagnosis list may legitimately be empty. Everything else is recorded as known.
 */
export function isRequiredField(field: StdField): boolean {
  return !!field.feeds && (field.type === 'single' || field.type === 'matrix');
}

/** Items the assessor may leave out because of a skip rule (MZ/T 039 B.3.1 昏迷). */
export function skippableItems(std: AssessmentStandardData, answers: FormDraft['answers']): Set<string> {
  const out = new Set<string>();
  for (const rule of std.skipRules) {
    const item = std.items.find((i) => i.code === rule.item);
    const chosen = item?.options.find((o) => o.value === answers[rule.item]);
    if (chosen?.flags?.includes(rule.flag)) rule.skippable.forEach((c) => out.add(c));
  }
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** Missing required entries of one page, in form order. */
export function missingOnPage(std: AssessmentStandardData, draft: FormDraft, page: FormPage): string[] {
  if (page.kind === 'dimension') {
    const skip = skippableItems(std, draft.answers);
    return page.items.filter((i) => !skip.has(i.code) && blank(draft.answers[i.code])).map((i) => i.code);
  }
  const out: string[] = [];
  for (const field of page.section.fields) {
    if (!isRequiredField(field)) continue;
    const v = draft.basicInfo[field.code];
    if (field.type === 'matrix') {
      const m = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
      for (const row of field.rows ?? []) if (blank(m[row.value])) out.push(`${field.code}/${row.value}`);
    } else if (blank(v)) out.push(field.code);
  }
  return out;
}

export function missingEntries(std: AssessmentStandardData, draft: FormDraft): MissingEntry[] {
  return buildPages(std).flatMap((page, i) =>
    missingOnPage(std, draft, page).map((code) => ({
      page: i,
      code,
      kind: page.kind === 'dimension' ? ('item' as const) : ('field' as const),
    })),
  );
}

/** Required entries answered / required, over the whole form. */
export function progress(std: AssessmentStandardData, draft: FormDraft): { done: number; total: number } {
  let total = 0;
  let missing = 0;
  for (const page of buildPages(std)) {
    total += requiredCount(std, draft, page);
    missing += missingOnPage(std, draft, page).length;
  }
  return { done: total - missing, total };
}

export function requiredCount(std: AssessmentStandardData, draft: FormDraft, page: FormPage): number {
  if (page.kind === 'dimension') {
    const skip = skippableItems(std, draft.answers);
    return page.items.filter((i) => !skip.has(i.code)).length;
  }
  return page.section.fields
    .filter(isRequiredField)
    .reduce((n, f) => n + (f.type === 'matrix' ? (f.rows?.length ?? 0) : 1), 0);
}

export const isComplete = (std: AssessmentStandardData, draft: FormDraft) =>
  missingEntries(std, draft).length === 0;

/** The next missing entry after `page` (wrapping round), for "jump to what is missing". */
export function nextMissing(
  std: AssessmentStandardData,
  draft: FormDraft,
  page: number,
): MissingEntry | null {
  const all = missingEntries(std, draft);
  return all.find((m) => m.page >= page) ?? all[0] ?? null;
}

export const clampPage = (pages: number, page: number) => Math.max(0, Math.min(pages - 1, page));

// ---- editing (immutable) ----

export function setAnswer(draft: FormDraft, item: string, value: string): FormDraft {
  return { ...draft, answers: { ...draft.answers, [item]: value } };
}

export function setBasic(draft: FormDraft, field: string, value: unknown): FormDraft {
  const basicInfo = { ...draft.basicInfo };
  if (blank(value) || (Array.isArray(value) && value.length === 0)) delete basicInfo[field];
  else basicInfo[field] = value;
  return { ...draft, basicInfo };
}

/** Toggles a multi-select option; an exclusive option (无) clears the others and vice versa. */
export function toggleMulti(field: StdField, current: unknown, value: string): string[] {
  const list = Array.isArray(current) ? (current as string[]) : [];
  if (list.includes(value)) return list.filter((v) => v !== value);
  const options: readonly StdFieldOption[] = field.options ?? [];
  const exclusive = new Set(options.filter((o) => o.exclusive).map((o) => o.value));
  if (exclusive.has(value)) return [value];
  return [...list.filter((v) => !exclusive.has(v)), value];
}

export function setMatrix(draft: FormDraft, field: string, row: string, value: string): FormDraft {
  const prev = draft.basicInfo[field];
  const m = prev && typeof prev === 'object' && !Array.isArray(prev) ? (prev as Record<string, string>) : {};
  return setBasic(draft, field, { ...m, [row]: value });
}

// ---- scoring context (decision 006: `context` beside the answers) ----

/**
 * The change-rule inputs as Appendix A records them: the same derivation the server scores
 * with (`deriveAssessmentContext` in @yiyang/contracts); the server ignores a `context` that disagrees.
 */
export function deriveContext(std: AssessmentStandardData, basicInfo: FormDraft['basicInfo']): FormContext {
  return deriveAssessmentContext(std.basicInfoForm, basicInfo);
}

/** Live dimension sums for the assessor's overview; the server's scoring is the only result. */
export function dimensionSums(
  std: AssessmentStandardData,
  answers: FormDraft['answers'],
): { code: string; score: number; max: number | null; answered: number; items: number }[] {
  const byCode = new Map(std.items.map((i) => [i.code, i]));
  return std.dimensions.map((d) => {
    let score = 0;
    let answered = 0;
    for (const code of d.itemCodes) {
      const opt = byCode.get(code)?.options.find((o) => o.value === answers[code]);
      if (opt) {
        score += opt.score;
        answered += 1;
      }
    }
    return { code: d.code, score, max: d.maxScore, answered, items: d.itemCodes.length };
  });
}
