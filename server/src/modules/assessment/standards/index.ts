import { GBT_42195_2022 } from './gbt42195.ts';
import { LTC_2021 } from './ltc2021.ts';
import { MZT_039_2013 } from './mzt039.ts';
import type { AssessmentDimension, AssessmentItem, AssessmentStandard, StandardCode } from './types.ts';

export { GBT_42195_2022, LTC_2021, MZT_039_2013 };
export type * from './types.ts';

/** All encoded standards by `standard_code`. GB/T 42195-2022 is the default (PRODUCT.md §4.3). */
export const ASSESSMENT_STANDARDS: Readonly<Record<StandardCode, AssessmentStandard>> = {
  'GB/T 42195-2022': GBT_42195_2022,
  'MZ/T 039-2013': MZT_039_2013,
  'LTC-2021': LTC_2021,
};

export const DEFAULT_STANDARD_CODE: StandardCode = 'GB/T 42195-2022';

export function findStandard(code: string): AssessmentStandard | undefined {
  return Object.hasOwn(ASSESSMENT_STANDARDS, code) ? ASSESSMENT_STANDARDS[code as StandardCode] : undefined;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** All sums one can reach by picking one score per item. */
export function reachableSums(scoresPerItem: readonly (readonly number[])[]): Set<number> {
  let sums = new Set([0]);
  for (const scores of scoresPerItem) sums = new Set([...sums].flatMap((t) => scores.map((x) => t + x)));
  return sums;
}

/** A dimension's maximum, bands (every reachable sum graded), rules and grades. */
function checkDimension(d: AssessmentDimension, items: Map<string, AssessmentItem>): string[] {
  const problems: string[] = [];
  const max = sum(d.itemCodes.map((c) => items.get(c)?.maxScore ?? NaN));
  if (d.scoring === 'sum' && d.maxScore !== max) problems.push(`${d.code}: maxScore ${d.maxScore} ≠ ${max}`);
  if (d.scoring === 'rule' && (d.maxScore !== null || d.grading?.kind !== 'rules')) {
    problems.push(`${d.code}: rule-graded dimensions have no max and need rules`);
  }
  const g = d.grading;
  if (g?.kind === 'bands') {
    const sorted = [...g.bands].sort((a, b) => a.min - b.min);
    sorted.forEach((b, k) => {
      const next = sorted[k + 1];
      if (b.min > b.max || (next && next.min <= b.max)) problems.push(`${d.code}: bands overlap`);
    });
    // Every reachable sum must fall in a band (MZ/T 039 ADL sums are multiples of 5).
    for (const total of reachableSums(
      d.itemCodes.map((c) => items.get(c)?.options.map((o) => o.score) ?? []),
    )) {
      if (!g.bands.some((b) => total >= b.min && total <= b.max))
        problems.push(`${d.code}: no band for ${total}`);
    }
  }
  if (g?.kind === 'rules') {
    for (const r of g.rules) {
      if (r.anyOf.some((c) => !d.itemCodes.includes(c.item)))
        problems.push(`${d.code}: rule names a foreign item`);
    }
  }
  const gradeCodes = new Set(g?.grades.map((x) => x.code));
  const used =
    g?.kind === 'bands'
      ? g.bands.map((b) => b.grade)
      : g
        ? [...g.rules.map((r) => r.grade), g.otherwise]
        : [];
  if (used.some((x) => !gradeCodes.has(x))) problems.push(`${d.code}: unknown grade`);
  return problems;
}

/**
 * Consistency checks on a standard's data; returns a list of problems (empty
 * when sound). Run by the tests so that an edit to the tables cannot silently
 * break maxima, references or level ranges.
 */
export function checkStandard(s: AssessmentStandard): string[] {
  const problems: string[] = [];
  const items = new Map(s.items.map((i) => [i.code, i]));
  if (items.size !== s.items.length) problems.push('duplicate item codes');

  for (const i of s.items) {
    const values = new Set(i.options.map((o) => o.value));
    if (values.size !== i.options.length) problems.push(`${i.code}: duplicate option values`);
    if (i.options.some((o) => !Number.isInteger(o.score) || o.score < 0))
      problems.push(`${i.code}: bad score`);
    if (i.maxScore !== Math.max(...i.options.map((o) => o.score))) problems.push(`${i.code}: maxScore`);
    if (!s.dimensions.some((d) => d.code === i.dimension && d.itemCodes.includes(i.code))) {
      problems.push(`${i.code}: not listed in dimension ${i.dimension}`);
    }
  }
  const listed = s.dimensions.flatMap((d) => d.itemCodes);
  if (listed.join() !== s.items.map((i) => i.code).join())
    problems.push('dimension item order differs from items');

  for (const d of s.dimensions) problems.push(...checkDimension(d, items));

  if (s.total && s.total.max !== sum(s.items.map((i) => i.maxScore)))
    problems.push('total.max ≠ sum of items');
  if (s.levels.some((l, k) => l.code !== k)) problems.push('level codes must be 0..n-1');
  if (s.changePolicy.maxLevel !== s.levels.at(-1)?.code)
    problems.push('changePolicy.maxLevel ≠ highest level');

  const eventTypes = new Set(s.riskEventTypes.map((t) => t.code));
  for (const r of s.changeRules) {
    if (r.effect.kind === 'set_level' && r.effect.level > s.changePolicy.maxLevel)
      problems.push(`${r.code}: level`);
    for (const c of r.anyOf) {
      if (c.kind === 'option_flag' && !items.get(c.item)?.options.some((o) => o.flags?.includes(c.flag))) {
        problems.push(`${r.code}: no option of ${c.item} carries ${c.flag}`);
      }
      if (c.kind === 'risk_events' && c.eventTypes.some((t) => !eventTypes.has(t))) {
        problems.push(`${r.code}: unknown event type`);
      }
    }
  }
  for (const k of s.skipRules) {
    if (!items.get(k.item)?.options.some((o) => o.flags?.includes(k.flag))) problems.push(`skip: ${k.item}`);
    if (k.skippable.some((c) => !items.has(c))) problems.push(`skip: unknown item`);
  }
  for (const e of s.report?.sections.flatMap((x) => x.entries) ?? []) {
    const src = e.source;
    if ('dimension' in src && !s.dimensions.some((d) => d.code === src.dimension))
      problems.push(`report ${e.code}`);
  }
  return problems;
}
