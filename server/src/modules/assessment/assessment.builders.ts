/**
 * Typed test builders for answer sets. They read only the standard's option
 * lists, never the scoring engine.
 */
import type { AssessmentItem, AssessmentStandard } from './standards/types.ts';

export type AnswerSet = Record<string, string>;

const polarityOf = (s: AssessmentStandard, item: AssessmentItem) =>
  s.dimensions.find((d) => d.code === item.dimension)?.polarity ?? 'higher_is_better';

/** The first listed option with exactly `score` points. */
export function optionWithScore(item: AssessmentItem, score: number): string {
  const o = item.options.find((x) => x.score === score);
  if (!o) throw new Error(`${item.code} has no option worth ${score}`);
  return o.value;
}

/** Best ability on every item (highest score where higher is better, lowest where higher is worse). */
export function bestAnswers(s: AssessmentStandard): AnswerSet {
  return Object.fromEntries(
    s.items.map((i) => {
      const scores = i.options.map((o) => o.score);
      const best = polarityOf(s, i) === 'higher_is_better' ? Math.max(...scores) : Math.min(...scores);
      return [i.code, optionWithScore(i, best)];
    }),
  );
}

/** Worst ability on every item. Where two options share the worst score, the first listed one is used. */
export function worstAnswers(s: AssessmentStandard): AnswerSet {
  return Object.fromEntries(
    s.items.map((i) => {
      const scores = i.options.map((o) => o.score);
      const worst = polarityOf(s, i) === 'higher_is_better' ? Math.min(...scores) : Math.max(...scores);
      return [i.code, optionWithScore(i, worst)];
    }),
  );
}

/**
 * Answers for the items of `itemCodes` whose scores add up to `target`: items
 * are filled in order, each up to its maximum, the rest get 0. `step` is the
 * score granularity (5 for Barthel items).
 */
export function answersSummingTo(
  s: AssessmentStandard,
  itemCodes: readonly string[],
  target: number,
  step = 1,
): AnswerSet {
  const items = itemCodes.map((c) => {
    const i = s.items.find((x) => x.code === c);
    if (!i) throw new Error(`unknown item ${c}`);
    return i;
  });
  let remaining = target;
  const answers: AnswerSet = {};
  for (const i of items) {
    const take = Math.min(remaining, i.maxScore);
    answers[i.code] = optionWithScore(i, Math.floor(take / step) * step);
    remaining -= Math.floor(take / step) * step;
  }
  if (remaining !== 0) throw new Error(`cannot reach ${target} with ${itemCodes.join()}`);
  return answers;
}

/**
 * GB/T 42195-2022: a complete answer set whose total is exactly `total` (0–90).
 * B.3.9 at 0 points is 昏睡 (listed before 昏迷), so no change rule fires.
 */
export function gbtAnswersForTotal(s: AssessmentStandard, total: number): AnswerSet {
  return answersSummingTo(
    s,
    s.items.map((i) => i.code),
    total,
  );
}
