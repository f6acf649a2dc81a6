import { test } from 'node:test';
import assert from 'node:assert/strict';

import { answersSummingTo, bestAnswers } from './assessment.builders.ts';
import type { AnswerSet } from './assessment.builders.ts';
import { scoreAssessment, verifyClientTotals } from './assessment.scoring.ts';
import type {
  AssessmentContext,
  AssessmentError,
  ScoreResult,
  ScoredAssessment,
  ScoringSettings,
} from './assessment.scoring.ts';
import { MZT_039_2013 as MZT } from './standards/index.ts';

const ok = (r: ScoreResult): ScoredAssessment => {
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r;
};
const failed = (r: ScoreResult): AssessmentError[] => {
  if (r.ok) assert.fail('expected errors');
  return r.errors;
};
const codesOf = (dim: string) => MZT.items.filter((i) => i.dimension === dim).map((i) => i.code);
const grades = (r: ScoredAssessment) => r.dimensions.map((d) => d.grade?.code ?? null);
const fired = (r: ScoredAssessment) => r.firedRules.map((f) => [f.rule, f.applied]);

// ---- builders: answers that give a chosen grade per dimension ----

const ADL_SUM_FOR_GRADE = [100, 95, 60, 40];
const MENTAL_SUM_FOR_GRADE = [0, 1, 2, 4];
const SOCIAL_SUM_FOR_GRADE = [0, 3, 8, 14];
// 感知觉与沟通: alert, hearing and communication 0; vision 0/2/3/4 gives grades 0/1/2/3.
const SENSORY_FOR_GRADE: AnswerSet[] = ['0', '2', '3', '4'].map((v) => ({
  'B.3.1': '0',
  'B.3.2': v,
  'B.3.3': '0',
  'B.3.4': '0',
}));

const adlAnswers = (sum: number) => answersSummingTo(MZT, codesOf('B.1'), sum, 5);
const mentalAnswers = (sum: number) => answersSummingTo(MZT, codesOf('B.2'), sum);
const socialAnswers = (sum: number) => answersSummingTo(MZT, codesOf('B.4'), sum);

function answersForGrades(adl: number, m: number, s: number, p: number): AnswerSet {
  return {
    ...adlAnswers(ADL_SUM_FOR_GRADE[adl] ?? NaN),
    ...mentalAnswers(MENTAL_SUM_FOR_GRADE[m] ?? NaN),
    ...SENSORY_FOR_GRADE[s],
    ...socialAnswers(SOCIAL_SUM_FOR_GRADE[p] ?? NaN),
  };
}

// ---- the expected combination, transcribed from the rule text of STANDARDS.md §2.4 ----
// Each sentence of the text is one predicate; this deliberately does not reuse the
// lookup strings or the pseudo-code that mzt039.ts was built from.

type Grades = readonly [adl: number, m: number, s: number, p: number];
const RULE_TEXT: readonly [level: number, holds: (g: Grades) => boolean][] = [
  // 0 能力完好: ADL, M and S all 0, and P is 0 or 1.
  [0, ([a, m, s, p]) => a === 0 && m === 0 && s === 0 && (p === 0 || p === 1)],
  // 1 轻度失能: ADL = 0 and (M or S ≥ 1, or P = 2); or ADL = 1 and at least one of M/S/P is 0 or 1.
  [
    1,
    ([a, m, s, p]) =>
      (a === 0 && (m >= 1 || s >= 1 || p === 2)) || (a === 1 && [m, s, p].some((x) => x <= 1)),
  ],
  // 2 中度失能: ADL = 1 and (M, S, P all 2, or any one is 3); or ADL = 2 and 1–2 of M/S/P are 1 or 2.
  [
    2,
    ([a, m, s, p]) => {
      const oneOrTwo = [m, s, p].filter((x) => x === 1 || x === 2).length;
      return (
        (a === 1 && ((m === 2 && s === 2 && p === 2) || [m, s, p].includes(3))) ||
        (a === 2 && oneOrTwo >= 1 && oneOrTwo <= 2)
      );
    },
  ],
  // 3 重度失能: ADL = 3; or ADL, M, S, P all 2; or ADL = 2 and at least one of M/S/P is 3.
  [
    3,
    ([a, m, s, p]) =>
      a === 3 || (a === 2 && m === 2 && s === 2 && p === 2) || (a === 2 && [m, s, p].includes(3)),
  ],
];

// STANDARDS.md §2.4 lists the 9 combinations no sentence covers and resolves each [D].
const GAPS: Record<string, number> = {
  '0,0,0,3': 1,
  '2,0,0,0': 2,
  '2,1,1,1': 2,
  '2,1,1,2': 2,
  '2,1,2,1': 2,
  '2,1,2,2': 2,
  '2,2,1,1': 2,
  '2,2,1,2': 2,
  '2,2,2,1': 2,
};

const ALL_GRADES: Grades[] = [0, 1, 2, 3].flatMap((a) =>
  [0, 1, 2, 3].flatMap((m) => [0, 1, 2, 3].flatMap((s) => [0, 1, 2, 3].map((p) => [a, m, s, p] as const))),
);

const matchingLevels = (g: Grades) => RULE_TEXT.filter(([, holds]) => holds(g)).map(([level]) => level);

/** Overlaps take the most severe matching rule (§2.4 [D]); gaps take the listed resolution. */
function expectedLevel(g: Grades): number {
  const m = matchingLevels(g);
  return m.length > 0 ? Math.max(...m) : (GAPS[g.join()] ?? NaN);
}

test('§2.4 rule text: exactly the documented 9 gaps and 60 overlaps (30 of 1&2, 30 of 2&3)', () => {
  const gaps = ALL_GRADES.filter((g) => matchingLevels(g).length === 0).map((g) => g.join());
  assert.deepEqual(gaps.sort(), Object.keys(GAPS).sort());
  const overlaps = ALL_GRADES.map(matchingLevels).filter((m) => m.length > 1);
  assert.equal(overlaps.length, 60);
  assert.equal(overlaps.filter((m) => m.join() === '1,2').length, 30);
  assert.equal(overlaps.filter((m) => m.join() === '2,3').length, 30);
});

test('MZ/T 039-2013: all 256 grade combinations give the §2.4 initial level', () => {
  assert.equal(ALL_GRADES.length, 256);
  for (const g of ALL_GRADES) {
    const r = ok(scoreAssessment(MZT, answersForGrades(...g)));
    assert.deepEqual(grades(r), [...g], `grades for ${g.join()}`);
    assert.equal(r.initialLevel?.code, expectedLevel(g), `level for (ADL,M,S,P)=(${g.join()})`);
    assert.equal(r.finalLevel.code, r.initialLevel?.code);
    assert.deepEqual(r.firedRules, []);
  }
});

test('MZ/T 039-2013: spot checks of the combination against the text', () => {
  const level = (...g: Grades) => ok(scoreAssessment(MZT, answersForGrades(...g))).initialLevel?.code;
  assert.equal(level(0, 0, 0, 0), 0);
  assert.equal(level(0, 0, 0, 1), 0);
  assert.equal(level(0, 0, 0, 2), 1);
  assert.equal(level(0, 0, 0, 3), 1, 'gap: resolved to 轻度失能');
  assert.equal(level(0, 3, 3, 3), 1, 'ADL 0 never exceeds 轻度失能');
  assert.equal(level(1, 0, 0, 0), 1);
  assert.equal(level(1, 0, 0, 3), 2, 'overlap 1&2: most severe');
  assert.equal(level(1, 2, 2, 2), 2);
  assert.equal(level(2, 0, 0, 0), 2, 'gap: resolved to 中度失能');
  assert.equal(level(2, 1, 1, 1), 2, 'gap: resolved to 中度失能');
  assert.equal(level(2, 2, 2, 2), 3);
  assert.equal(level(2, 1, 0, 3), 3, 'overlap 2&3: most severe');
  assert.equal(level(3, 0, 0, 0), 3);
  const r = ok(scoreAssessment(MZT, answersForGrades(1, 0, 0, 0)));
  assert.equal(r.initialLevel?.zh, '轻度失能');
  assert.equal(r.total, null, 'MZ/T 039 has no total score');
});

// ---- dimension grading (STANDARDS.md §2.3) ----

test('§2.3 日常生活活动 bands: 100 | 65–95 | 45–60 | ≤40', () => {
  const cases = [
    [100, 0],
    [95, 1],
    [65, 1],
    [60, 2],
    [45, 2],
    [40, 3],
    [0, 3],
  ];
  for (const [sum, grade] of cases) {
    const r = ok(scoreAssessment(MZT, { ...bestAnswers(MZT), ...adlAnswers(sum ?? NaN) }));
    assert.equal(r.dimensions[0]?.score, sum);
    assert.equal(r.dimensions[0]?.grade?.code, grade, `ADL ${sum}`);
  }
});

test('§2.3 精神状态 bands: 0 | 1 | 2–3 | 4–6', () => {
  const expected = [0, 1, 2, 2, 3, 3, 3];
  expected.forEach((grade, sum) => {
    const r = ok(scoreAssessment(MZT, { ...bestAnswers(MZT), ...mentalAnswers(sum) }));
    assert.equal(r.dimensions[1]?.score, sum);
    assert.equal(r.dimensions[1]?.grade?.code, grade, `M ${sum}`);
  });
});

test('§2.3 社会参与 bands: 0–2 | 3–7 | 8–13 | 14–20', () => {
  for (let sum = 0; sum <= 20; sum++) {
    const grade = sum <= 2 ? 0 : sum <= 7 ? 1 : sum <= 13 ? 2 : 3;
    const r = ok(scoreAssessment(MZT, { ...bestAnswers(MZT), ...socialAnswers(sum) }));
    assert.equal(r.dimensions[3]?.score, sum);
    assert.equal(r.dimensions[3]?.grade?.code, grade, `P ${sum}`);
  }
});

test('§2.3 感知觉与沟通: all 400 item combinations follow the grading text, most severe first', () => {
  // The four sentences of the §2.3 row, transcribed literally (0 清醒, 1 嗜睡, 2 昏睡, 3 昏迷).
  const text: [grade: number, holds: (c: number, v: number, h: number, k: number) => boolean][] = [
    [0, (c, v, h, k) => c === 0 && v <= 1 && h <= 1 && k === 0],
    [1, (c, v, h, k) => c === 0 && (v === 2 || h === 2 || k === 1)],
    [
      2,
      (c, v, h, k) =>
        (c === 0 && (v === 3 || h === 3 || k === 2)) || (c === 1 && (v <= 3 || h <= 3) && k <= 2),
    ],
    [3, (c, v, h, k) => ((c === 0 || c === 1) && (v === 4 || h === 4 || k === 3)) || c >= 2],
  ];
  let n = 0;
  for (let c = 0; c <= 3; c++)
    for (let v = 0; v <= 4; v++)
      for (let h = 0; h <= 4; h++)
        for (let k = 0; k <= 3; k++) {
          const matched = text.filter(([, holds]) => holds(c, v, h, k)).map(([g]) => g);
          assert.ok(matched.length > 0, `no sentence covers ${[c, v, h, k].join()}`);
          const answers = { ...bestAnswers(MZT), 'B.3.1': c, 'B.3.2': v, 'B.3.3': h, 'B.3.4': k };
          const r = ok(scoreAssessment(MZT, answers));
          assert.equal(r.dimensions[2]?.grade?.code, Math.max(...matched), [c, v, h, k].join());
          assert.equal(r.dimensions[2]?.score, null, 'graded by rule, no score');
          n++;
        }
  assert.equal(n, 400);
});

test('§2.3: a drowsy person with no item at its worst is graded 2 (中度受损)', () => {
  const r = ok(scoreAssessment(MZT, { ...bestAnswers(MZT), 'B.3.1': '1' }));
  assert.deepEqual(r.dimensions[2]?.grade, { code: 2, zh: '中度受损', en: 'Moderately impaired' });
});

// ---- change clauses (STANDARDS.md §2.5) ----

const mild = answersForGrades(1, 0, 0, 0); // initial level 1
const moderate = answersForGrades(2, 1, 0, 0); // initial level 2
const severe = answersForGrades(3, 0, 0, 0); // initial level 3
const run = (answers: AnswerSet, context?: AssessmentContext, settings?: ScoringSettings) =>
  ok(scoreAssessment(MZT, answers, context, settings));
const levels = (r: ScoredAssessment) => [r.initialLevel?.code, r.finalLevel.code];

test('clause 1: 认知障碍/痴呆、精神疾病 raises by one', () => {
  const r = run(mild, { dementiaOrPsychiatricDiagnosis: true });
  assert.deepEqual(levels(r), [1, 2]);
  assert.deepEqual(fired(r), [['dementia_or_psychiatric', true]]);
  assert.equal(r.firedRules[0]?.clause, 'MZ/T 039-2013 等级变更条款 1');
});

test('clause 2: two or more 跌倒/噎食/自杀/走失 in 30 days raise by one; other types are not counted', () => {
  assert.deepEqual(levels(run(mild, { careRiskEventsLast30Days: [{ type: 'fall', count: 2 }] })), [1, 2]);
  assert.deepEqual(
    levels(run(mild, { careRiskEventsLast30Days: [{ type: 'suicide' }, { type: 'wandering' }] })),
    [1, 2],
  );
  assert.deepEqual(levels(run(mild, { careRiskEventsLast30Days: [{ type: 'choking' }] })), [1, 1]);
  const perType = run(
    mild,
    { careRiskEventsLast30Days: [{ type: 'suicide' }, { type: 'wandering' }] },
    {
      eventCounting: 'per_type',
    },
  );
  assert.deepEqual(levels(perType), [1, 1]);
  for (const type of ['other', 'suicide_self_harm']) {
    const errors = failed(scoreAssessment(MZT, mild, { careRiskEventsLast30Days: [{ type, count: 2 }] }));
    assert.deepEqual(
      errors.map((e) => [e.pointer, e.code]),
      [['/context/careRiskEventsLast30Days/0/type', 'assessment.risk_event_type_unknown']],
    );
  }
});

test('clauses 1+2: +1 at most by default, +2 when unbounded, capped at 3 重度失能', () => {
  const both = { dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 2 };
  const capped = run(mild, both);
  assert.deepEqual(levels(capped), [1, 2]);
  assert.deepEqual(fired(capped), [
    ['dementia_or_psychiatric', true],
    ['risk_events', true],
    ['upgrade_capped', true],
  ]);
  assert.deepEqual(levels(run(mild, both, { maxUpgrade: 'unbounded' })), [1, 3]);
  const top = run(moderate, both, { maxUpgrade: 'unbounded' });
  assert.deepEqual(levels(top), [2, 3]);
  assert.deepEqual(fired(top).at(-1), ['level_capped', true]);
  assert.equal(top.finalLevel.zh, '重度失能');
});

test('clause 3: 昏迷 (B.3.1 or context) rates 重度失能 directly', () => {
  const viaItem = run({ ...mild, 'B.3.1': '3' }); // S grade becomes 3: (1,0,3,0) → 中度失能
  assert.deepEqual(levels(viaItem), [2, 3]);
  assert.deepEqual(fired(viaItem), [['coma', true]]);
  assert.deepEqual(viaItem.firedRules[0]?.params, {
    sources: ['B.3.1'],
    level: 3,
    levelName: { 'zh-CN': '重度失能', 'en-US': 'Severe disability' },
  });
  const viaContext = run(answersForGrades(0, 0, 0, 0), { comaOrVegetative: true });
  assert.deepEqual(levels(viaContext), [0, 3]);
  const stupor = run({ ...answersForGrades(0, 0, 0, 0), 'B.3.1': '2' });
  assert.deepEqual(levels(stupor), [1, 1], '昏睡 is graded severe but is not coma');
});

test('clause 4: an initial 重度失能 is final; clauses 1–3 are recorded but not applied', () => {
  const r = run(severe, {
    dementiaOrPsychiatricDiagnosis: true,
    careRiskEventsLast30Days: 5,
    comaOrVegetative: true,
  });
  assert.deepEqual(levels(r), [3, 3]);
  assert.deepEqual(fired(r), [
    ['dementia_or_psychiatric', false],
    ['risk_events', false],
    ['coma', false],
    ['frozen_at_severe', true],
  ]);
  assert.equal(r.firedRules[3]?.clause, 'MZ/T 039-2013 等级变更条款 4');
  assert.deepEqual(run(severe).firedRules, [], 'nothing to freeze');
});

// ---- B.3.1 昏迷: "可不进行以下项目的评估" ----

test('B.3.1 昏迷: the following items may be skipped; the level is 重度失能', () => {
  const answers: Record<string, unknown> = { ...answersForGrades(0, 0, 0, 0), 'B.3.1': '3' };
  const skippable = ['B.3.2', 'B.3.3', 'B.3.4', 'B.4.1', 'B.4.2', 'B.4.3', 'B.4.4', 'B.4.5'];
  for (const code of skippable) delete answers[code];
  const r = run(answers as AnswerSet);
  assert.deepEqual(r.skippedItems, skippable);
  assert.deepEqual(grades(r), [0, 0, 3, null], 'S is decided by 昏迷 alone; P is unknown');
  assert.equal(r.dimensions[3]?.score, null);
  assert.equal(r.initialLevel, null);
  assert.equal(r.finalLevel.code, 3);
  assert.deepEqual(fired(r), [
    ['coma', true],
    ['coma_items_skipped', true],
  ]);
  assert.deepEqual(r.firedRules[1]?.params.items, skippable);
  assert.deepEqual(
    verifyClientTotals(r, { initialLevel: null, finalLevel: 3, dimensionGrades: { 'B.4': null } }),
    [],
  );
});

test('B.3.1 昏迷: earlier items are still required, and without coma nothing may be skipped', () => {
  const coma: Record<string, unknown> = { ...answersForGrades(0, 0, 0, 0), 'B.3.1': '3' };
  delete coma['B.1.1'];
  delete coma['B.2.3'];
  assert.deepEqual(
    failed(scoreAssessment(MZT, coma)).map((e) => e.pointer),
    ['/answers/B.1.1', '/answers/B.2.3'],
  );
  const alert: Record<string, unknown> = answersForGrades(0, 0, 0, 0);
  delete alert['B.3.2'];
  assert.deepEqual(failed(scoreAssessment(MZT, alert)), [
    {
      pointer: '/answers/B.3.2',
      code: 'assessment.answer_missing',
      params: { item: 'B.3.2', itemName: { 'zh-CN': '视力', 'en-US': 'Vision' } },
    },
  ]);
  const bad: Record<string, unknown> = { ...answersForGrades(0, 0, 0, 0), 'B.3.1': '4' };
  delete bad['B.4.1'];
  assert.deepEqual(
    failed(scoreAssessment(MZT, bad)).map((e) => [e.pointer, e.code]),
    [
      ['/answers/B.3.1', 'assessment.option_invalid'],
      ['/answers/B.4.1', 'assessment.answer_missing'],
    ],
  );
});

test('MZ/T 039-2013 verifyClientTotals: dimension grades and levels are checked', () => {
  const r = run(answersForGrades(2, 1, 0, 0));
  const sent = { dimensions: { 'B.1': 60 }, dimensionGrades: { 'B.1': 2, 'B.2': 1, 'B.3': 0, 'B.4': 0 } };
  assert.deepEqual(verifyClientTotals(r, { ...sent, initialLevel: 2, finalLevel: 2, total: null }), []);
  assert.deepEqual(
    verifyClientTotals(r, { dimensionGrades: { 'B.3': 1 }, initialLevel: 3 }).map((e) => [e.pointer, e.code]),
    [
      ['/dimensionGrades/B.3', 'assessment.grade_mismatch'],
      ['/initialLevel', 'assessment.level_mismatch'],
    ],
  );
});
