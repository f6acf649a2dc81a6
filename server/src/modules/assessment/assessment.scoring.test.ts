import { test } from 'node:test';
import assert from 'node:assert/strict';

import { bestAnswers, gbtAnswersForTotal, worstAnswers } from './assessment.builders.ts';
import {
  ASSESSMENT_MESSAGES,
  formatAssessmentMessage,
  scoreAssessment,
  scoreItems,
  verifyClientTotals,
} from './assessment.scoring.ts';
import type {
  AssessmentContext,
  AssessmentError,
  AssessmentMessageCode,
  ScoreResult,
  ScoredAssessment,
  ScoringSettings,
} from './assessment.scoring.ts';
import { GBT_42195_2022 as GBT, LTC_2021, MZT_039_2013 as MZT } from './standards/index.ts';

const ok = (r: ScoreResult): ScoredAssessment => {
  if (!r.ok) assert.fail(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r;
};
const failed = (r: ScoreResult): AssessmentError[] => {
  if (r.ok) assert.fail('expected errors');
  return r.errors;
};
const score = (total: number, context?: AssessmentContext, settings?: ScoringSettings) =>
  ok(scoreAssessment(GBT, gbtAnswersForTotal(GBT, total), context, settings));
const levels = (r: ScoredAssessment) => [r.initialLevel?.code, r.finalLevel.code];
const fired = (r: ScoredAssessment) => r.firedRules.map((f) => [f.rule, f.applied]);

// GB/T 42195-2022 C.3, transcribed from STANDARDS.md §1.3 independently of the standard's data.
const bandLevel = (t: number) => (t === 90 ? 0 : t >= 66 ? 1 : t >= 46 ? 2 : t >= 30 ? 3 : 4);

// ---- totals and levels ----

test('GB/T 42195: all-best answers score 32/15/28/15 = 90, level 0 能力完好', () => {
  const r = ok(scoreAssessment(GBT, bestAnswers(GBT)));
  assert.deepEqual(
    r.dimensions.map((d) => [d.code, d.score, d.max]),
    [
      ['B.1', 32, 32],
      ['B.2', 15, 15],
      ['B.3', 28, 28],
      ['B.4', 15, 15],
    ],
  );
  assert.equal(r.total, 90);
  assert.equal(r.totalMax, 90);
  assert.deepEqual(levels(r), [0, 0]);
  assert.equal(r.initialLevel?.zh, '能力完好');
  assert.deepEqual(r.firedRules, []);
});

test('GB/T 42195: all-worst answers score 0, level 4 能力完全丧失（完全失能）', () => {
  const r = ok(scoreAssessment(GBT, worstAnswers(GBT)));
  assert.deepEqual(
    r.dimensions.map((d) => d.score),
    [0, 0, 0, 0],
  );
  assert.equal(r.total, 0);
  assert.deepEqual(levels(r), [4, 4]);
  assert.equal(r.finalLevel.zh, '能力完全丧失（完全失能）');
  assert.equal(r.finalLevel.en, 'Complete loss of ability (complete disability)');
  assert.deepEqual(r.firedRules, [], 'B.3.9 昏睡 is not coma');
});

const BOUNDARIES: [total: number, level: number, zh: string][] = [
  [90, 0, '能力完好'],
  [89, 1, '能力轻度受损（轻度失能）'],
  [66, 1, '能力轻度受损（轻度失能）'],
  [65, 2, '能力中度受损（中度失能）'],
  [46, 2, '能力中度受损（中度失能）'],
  [45, 3, '能力重度受损（重度失能）'],
  [30, 3, '能力重度受损（重度失能）'],
  [29, 4, '能力完全丧失（完全失能）'],
];
for (const [total, level, zh] of BOUNDARIES) {
  test(`GB/T 42195 boundary: total ${total} → level ${level} ${zh}`, () => {
    const r = score(total);
    assert.equal(r.total, total);
    assert.equal(r.initialLevel?.code, level);
    assert.equal(r.initialLevel?.zh, zh);
    assert.equal(r.finalLevel.code, level);
  });
}

test('GB/T 42195: every total 0–90 lands in its §1.3 band', () => {
  for (let t = 0; t <= 90; t++) {
    const r = score(t);
    assert.equal(r.total, t);
    assert.equal(r.initialLevel?.code, bandLevel(t), `total ${t}`);
  }
});

test('GB/T 42195 golden: a hand-written answer set totalling 45 (level 3); one step up is 46 (level 2)', () => {
  const answers = {
    'B.1.1': 2, 'B.1.2': 2, 'B.1.3': 2, 'B.1.4': 2, 'B.1.5': 2, 'B.1.6': 2, 'B.1.7': 2, 'B.1.8': 2,
    'B.2.1': 2, 'B.2.2': 2, 'B.2.3': 2, 'B.2.4': 1,
    'B.3.1': 2, 'B.3.2': 2, 'B.3.3': 2, 'B.3.4': 2, 'B.3.5': 2, 'B.3.6': 2, 'B.3.7': 1, 'B.3.8': 1, 'B.3.9': '1',
    'B.4.1': 1, 'B.4.2': 1, 'B.4.3': 2, 'B.4.4': 1, 'B.4.5': 2,
  }; // prettier-ignore
  const r = ok(scoreAssessment(GBT, answers));
  assert.deepEqual(
    r.dimensions.map((d) => d.score),
    [16, 7, 15, 7],
  );
  assert.equal(r.total, 45);
  assert.deepEqual(levels(r), [3, 3]);
  const up = ok(scoreAssessment(GBT, { ...answers, 'B.4.5': '3' }));
  assert.equal(up.total, 46);
  assert.deepEqual(levels(up), [2, 2]);
});

test('GB/T 42195: answers may be option values as strings or numbers; results carry the value', () => {
  const r = ok(scoreAssessment(GBT, { ...bestAnswers(GBT), 'B.1.1': 3 }));
  assert.deepEqual(r.items[0], { code: 'B.1.1', value: '3', score: 3 });
  assert.equal(r.total, 89);
});

// ---- change rules, one at a time ----

test('C.4 (2): a dementia/psychiatric diagnosis raises the level by one', () => {
  for (const context of [
    { dementiaOrPsychiatricDiagnosis: true },
    { diagnosisCodes: ['F00-F03'] },
    { diagnosisCodes: ['I10-I15', 'F04-F99'] },
  ]) {
    const r = score(70, context);
    assert.deepEqual(levels(r), [1, 2], JSON.stringify(context));
    assert.deepEqual(fired(r), [['dementia_or_psychiatric', true]]);
    assert.equal(r.firedRules[0]?.reasonCode, 'assessment.rule.dementia_or_psychiatric');
    assert.equal(r.firedRules[0]?.clause, 'GB/T 42195-2022 C.4 (2)');
  }
  assert.deepEqual(levels(score(70, { diagnosisCodes: ['I10-I15', 'G20-G22'] })), [1, 1]);
  assert.deepEqual(levels(score(70, { dementiaOrPsychiatricDiagnosis: false })), [1, 1]);
});

test('C.4 (3): two or more care risk events in 30 days raise the level by one', () => {
  const cases: [AssessmentContext['careRiskEventsLast30Days'], number][] = [
    [[{ type: 'fall', count: 2 }], 2],
    [[{ type: 'fall' }, { type: 'choking' }], 2],
    [
      [
        { type: 'wandering', count: 1 },
        { type: 'other', count: 1 },
      ],
      2,
    ],
    [[{ type: 'suicide_self_harm', count: 3 }], 3],
    [[{ type: 'fall', count: 9 }], 3], // A.2.14 caps a type at 3次及以上
    [2, 2],
  ];
  for (const [events, count] of cases) {
    const r = score(50, { careRiskEventsLast30Days: events });
    assert.deepEqual(levels(r), [2, 3], JSON.stringify(events));
    assert.deepEqual(fired(r), [['risk_events', true]]);
    assert.equal(r.firedRules[0]?.params.count, count);
    assert.equal(r.firedRules[0]?.params.threshold, 2);
  }
  for (const events of [[{ type: 'fall' }], [{ type: 'fall', count: 0 }], 1, 0, []]) {
    assert.deepEqual(levels(score(50, { careRiskEventsLast30Days: events })), [2, 2], JSON.stringify(events));
  }
});

test('C.4 (3) ambiguity: eventCounting per_type needs two events of one type', () => {
  const perType: ScoringSettings = { eventCounting: 'per_type' };
  const mixed = [{ type: 'fall' }, { type: 'choking' }];
  assert.deepEqual(levels(score(50, { careRiskEventsLast30Days: mixed }, perType)), [2, 2]);
  assert.deepEqual(levels(score(50, { careRiskEventsLast30Days: mixed })), [2, 3], 'default total');
  const twoFalls = score(
    50,
    { careRiskEventsLast30Days: [{ type: 'fall' }, { type: 'fall' }, { type: 'choking' }] },
    perType,
  );
  assert.deepEqual(levels(twoFalls), [2, 3]);
  assert.deepEqual(twoFalls.firedRules[0]?.params, {
    count: 2,
    threshold: 2,
    counting: 'per_type',
    eventType: 'fall',
    sources: ['A.2.14'],
  });
  assert.deepEqual(twoFalls.settings, { maxUpgrade: 1, eventCounting: 'per_type' });
});

test('C.4 (3) per_type: a bare total cannot be split by type', () => {
  const errors = failed(
    scoreAssessment(
      GBT,
      gbtAnswersForTotal(GBT, 50),
      { careRiskEventsLast30Days: 2 },
      { eventCounting: 'per_type' },
    ),
  );
  assert.deepEqual(errors, [
    { pointer: '/context/careRiskEventsLast30Days', code: 'assessment.risk_events_untyped' },
  ]);
});

test('C.4 (1): coma via B.3.9 昏迷 forces level 4 whatever the total', () => {
  const answers = { ...bestAnswers(GBT), 'B.3.9': 'coma' };
  const r = ok(scoreAssessment(GBT, answers));
  assert.equal(r.total, 88);
  assert.deepEqual(levels(r), [1, 4]);
  assert.deepEqual(fired(r), [['coma', true]]);
  assert.deepEqual(r.firedRules[0]?.params, {
    sources: ['B.3.9'],
    level: 4,
    levelName: {
      'zh-CN': '能力完全丧失（完全失能）',
      'en-US': 'Complete loss of ability (complete disability)',
    },
  });
});

test('C.4 (1): coma via A.5.11 (context) forces level 4; 昏睡 alone does not', () => {
  const r = score(90, { comaOrVegetative: true });
  assert.deepEqual(levels(r), [0, 4]);
  assert.deepEqual(r.firedRules[0]?.params.sources, ['A.5.11']);
  const both = ok(scoreAssessment(GBT, { ...bestAnswers(GBT), 'B.3.9': 'coma' }, { comaOrVegetative: true }));
  assert.deepEqual(both.firedRules[0]?.params.sources, ['B.3.9', 'A.5.11']);
  const stupor = ok(scoreAssessment(GBT, { ...bestAnswers(GBT), 'B.3.9': 'stupor' }));
  assert.deepEqual(levels(stupor), [1, 1]);
  assert.deepEqual(stupor.firedRules, []);
});

test('C.4 (1): coma overrides the raise rules, which are recorded but not applied', () => {
  const r = score(
    90,
    { comaOrVegetative: true, dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 3 },
    { maxUpgrade: 'unbounded' },
  );
  assert.deepEqual(levels(r), [0, 4]);
  assert.deepEqual(fired(r), [
    ['coma', true],
    ['dementia_or_psychiatric', false],
    ['risk_events', false],
  ]);
});

// ---- change rules combined; the stacking ambiguity ----

test('C.4 (2)+(3) default maxUpgrade 1: both fire, the level rises by one only', () => {
  const r = score(70, {
    dementiaOrPsychiatricDiagnosis: true,
    careRiskEventsLast30Days: [{ type: 'fall', count: 2 }],
  });
  assert.deepEqual(levels(r), [1, 2]);
  assert.deepEqual(fired(r), [
    ['dementia_or_psychiatric', true],
    ['risk_events', true],
    ['upgrade_capped', true],
  ]);
  assert.deepEqual(r.firedRules[2]?.params, { requested: 2, applied: 1, maxUpgrade: 1 });
});

test('C.4 (2)+(3) with maxUpgrade unbounded: the raises stack to +2', () => {
  const context = { dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 2 };
  const r = score(70, context, { maxUpgrade: 'unbounded' });
  assert.deepEqual(levels(r), [1, 3]);
  assert.deepEqual(fired(r), [
    ['dementia_or_psychiatric', true],
    ['risk_events', true],
  ]);
  assert.deepEqual(levels(score(90, context, { maxUpgrade: 'unbounded' })), [0, 2]);
});

test('raises are capped at level 4 完全失能', () => {
  const context = { dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 2 };
  const r = score(40, context, { maxUpgrade: 'unbounded' });
  assert.deepEqual(levels(r), [3, 4]);
  assert.deepEqual(fired(r).at(-1), ['level_capped', true]);
  const already4 = score(10, { dementiaOrPsychiatricDiagnosis: true });
  assert.deepEqual(levels(already4), [4, 4]);
  assert.deepEqual(fired(already4), [
    ['dementia_or_psychiatric', true],
    ['level_capped', true],
  ]);
});

test('raises work from every initial level', () => {
  for (const [total, initial] of [
    [90, 0],
    [80, 1],
    [50, 2],
    [35, 3],
    [5, 4],
  ] as const) {
    const r = score(total, { diagnosisCodes: ['F00-F03'] });
    assert.deepEqual(levels(r), [initial, Math.min(initial + 1, 4)]);
  }
});

// ---- validation ----

test('a missing item is rejected with its pointer; all problems are reported together', () => {
  const answers: Record<string, unknown> = gbtAnswersForTotal(GBT, 60);
  delete answers['B.1.1'];
  delete answers['B.4.5'];
  answers['B.3.9'] = null;
  assert.deepEqual(
    failed(scoreAssessment(GBT, answers)).map((e) => [e.pointer, e.code]),
    [
      ['/answers/B.1.1', 'assessment.answer_missing'],
      ['/answers/B.3.9', 'assessment.answer_missing'],
      ['/answers/B.4.5', 'assessment.answer_missing'],
    ],
  );
});

test('an out-of-range or malformed option is rejected with its pointer and the allowed values', () => {
  for (const [code, value] of [
    ['B.1.1', 5],
    ['B.2.4', '4'],
    ['B.3.7', 2],
    ['B.3.9', 0], // 0 points is either 昏睡 or 昏迷; the client must say which
    ['B.4.1', -1],
    ['B.1.1', 3.5],
    ['B.1.1', true],
    ['B.1.1', {}],
    ['B.1.1', ''],
  ] as const) {
    const errors = failed(scoreAssessment(GBT, { ...bestAnswers(GBT), [code]: value }));
    assert.equal(errors.length, 1, `${code}=${String(value)}`);
    assert.equal(errors[0]?.pointer, `/answers/${code}`);
    assert.equal(errors[0]?.code, 'assessment.option_invalid');
  }
  // The allowed options are named by their texts, in the reader's language (never 'stupor', 'coma').
  const [e] = failed(scoreAssessment(GBT, { ...bestAnswers(GBT), 'B.3.9': 0 }));
  const b39 = GBT.items.find((i) => i.code === 'B.3.9')!;
  assert.deepEqual(
    e?.params?.allowed,
    b39.options.map((o) => ({ 'zh-CN': `“${o.zh}”`, 'en-US': `"${o.en}"` })),
  );
  assert.equal(
    formatAssessmentMessage('assessment.option_invalid', 'en-US', e?.params),
    'Option "0" is not valid for B.3.9 (Level of consciousness); allowed: "Alert", "Drowsy or confused", "Stupor", "Coma"',
  );
});

test('unknown items and a non-object answer set are rejected', () => {
  assert.deepEqual(failed(scoreAssessment(GBT, { ...bestAnswers(GBT), 'B.5.1': '1', 'a/b': 1 })), [
    {
      pointer: '/answers/B.5.1',
      code: 'assessment.item_unknown',
      params: { item: 'B.5.1', standard: 'GB/T 42195-2022' },
    },
    {
      pointer: '/answers/a~1b',
      code: 'assessment.item_unknown',
      params: { item: 'a/b', standard: 'GB/T 42195-2022' },
    },
  ]);
  for (const bad of [null, [], 'x']) {
    const errors = failed(scoreAssessment(GBT, bad as unknown as Record<string, unknown>));
    assert.deepEqual(errors, [{ pointer: '/answers', code: 'assessment.answers_invalid' }]);
  }
});

test('invalid context is rejected with a pointer', () => {
  const answers = bestAnswers(GBT);
  const cases: [unknown, string, string][] = [
    [{ comaOrVegetative: 'yes' }, '/context/comaOrVegetative', 'assessment.context_invalid'],
    [{ dementiaOrPsychiatricDiagnosis: 1 }, '/context/dementiaOrPsychiatricDiagnosis', 'assessment.context_invalid'],
    [{ diagnosisCodes: 'F00-F03' }, '/context/diagnosisCodes', 'assessment.context_invalid'],
    [{ careRiskEventsLast30Days: -1 }, '/context/careRiskEventsLast30Days', 'assessment.context_invalid'],
    [{ careRiskEventsLast30Days: 1.5 }, '/context/careRiskEventsLast30Days', 'assessment.context_invalid'],
    [{ careRiskEventsLast30Days: [{ type: 'fall', count: -2 }] }, '/context/careRiskEventsLast30Days/0', 'assessment.context_invalid'],
    [{ careRiskEventsLast30Days: [{ type: 'flood' }] }, '/context/careRiskEventsLast30Days/0/type', 'assessment.risk_event_type_unknown'],
    [{ comaOrVegatative: true }, '/context/comaOrVegatative', 'assessment.context_invalid'],
    ['coma', '/context', 'assessment.context_invalid'],
  ]; // prettier-ignore
  for (const [context, pointer, code] of cases) {
    const errors = failed(scoreAssessment(GBT, answers, context as AssessmentContext));
    assert.deepEqual(
      errors.map((e) => [e.pointer, e.code]),
      [[pointer, code]],
      JSON.stringify(context),
    );
  }
});

test('invalid settings are rejected with a pointer', () => {
  const answers = bestAnswers(GBT);
  const cases: [unknown, string][] = [
    [{ maxUpgrade: 2 }, '/settings/maxUpgrade'],
    [{ maxUpgrade: '1' }, '/settings/maxUpgrade'],
    [{ eventCounting: 'each' }, '/settings/eventCounting'],
    [{ stack: true }, '/settings/stack'],
    [[], '/settings'],
  ];
  for (const [settings, pointer] of cases) {
    const errors = failed(scoreAssessment(GBT, answers, {}, settings as ScoringSettings));
    assert.deepEqual(
      errors.map((e) => [e.pointer, e.code]),
      [[pointer, 'assessment.setting_invalid']],
    );
  }
  assert.deepEqual(ok(scoreAssessment(GBT, answers)).settings, { maxUpgrade: 1, eventCounting: 'total' });
});

// ---- client totals ----

test('verifyClientTotals: agreeing totals pass; each disagreement is an error with a pointer', () => {
  const r = score(70, { dementiaOrPsychiatricDiagnosis: true });
  const dims = Object.fromEntries(r.dimensions.map((d) => [d.code, d.score]));
  assert.deepEqual(
    verifyClientTotals(r, { total: 70, dimensions: dims, initialLevel: 1, finalLevel: 2 }),
    [],
  );
  assert.deepEqual(verifyClientTotals(r, {}), []);
  assert.deepEqual(
    verifyClientTotals(r, { total: 72, dimensions: { ...dims, 'B.1': 30 }, initialLevel: 1, finalLevel: 1 }),
    [
      {
        pointer: '/total',
        code: 'assessment.total_mismatch',
        params: { field: 'total', received: 72, expected: 70 },
      },
      {
        pointer: '/dimensions/B.1',
        code: 'assessment.total_mismatch',
        params: { field: 'dimensions/B.1', received: 30, expected: dims['B.1'] },
      },
      {
        pointer: '/finalLevel',
        code: 'assessment.level_mismatch',
        params: { field: 'finalLevel', received: 1, expected: 2 },
      },
    ],
  );
});

test('verifyClientTotals: strings, unknown dimensions and a pointer prefix', () => {
  const r = score(90);
  const errors = verifyClientTotals(r, { total: '90', dimensions: { 'B.9': 1 } }, '/body/clientTotals');
  assert.deepEqual(
    errors.map((e) => [e.pointer, e.code]),
    [
      ['/body/clientTotals/total', 'assessment.total_mismatch'],
      ['/body/clientTotals/dimensions/B.9', 'assessment.total_mismatch'],
    ],
  );
});

// ---- LTC-2021: no level without a verified table ----

test('LTC-2021: item and dimension scores only; the engine refuses to produce a level', () => {
  const best = bestAnswers(LTC_2021);
  const errors = failed(scoreAssessment(LTC_2021, best));
  assert.deepEqual(errors, [
    { pointer: '/standard', code: 'assessment.level_unavailable', params: { standard: 'LTC-2021' } },
  ]);
  const items = scoreItems(LTC_2021, best);
  assert.ok(items.ok);
  assert.deepEqual(
    items.dimensions.map((d) => [d.score, d.max]),
    [
      [100, 100],
      [16, 16],
      [12, 12],
    ],
  );
  const worst = scoreItems(LTC_2021, worstAnswers(LTC_2021));
  assert.deepEqual(worst.ok && worst.dimensions.map((d) => d.score), [0, 0, 0]);
  const missing = scoreAssessment(LTC_2021, { ...best, '1.1': undefined });
  assert.deepEqual(failed(missing)[0]?.code, 'assessment.answer_missing', 'answer errors come first');
});

// ---- messages ----

test('ASSESSMENT_MESSAGES: every code has Chinese and English text', () => {
  for (const [code, m] of Object.entries(ASSESSMENT_MESSAGES)) {
    assert.match(code, /^assessment\.[a-z_.]+$/);
    assert.match(m['zh-CN'], /[\u4e00-\u9fff]/, code);
    assert.ok(m['en-US'].length > 0, code);
  }
});

test('every emitted code has a message and all its placeholders are filled', () => {
  const results: ScoreResult[] = [
    scoreAssessment(
      GBT,
      { 'B.1.1': 9, 'X.1': 1 },
      { comaOrVegetative: 'x' as unknown as boolean },
      {
        maxUpgrade: 3 as unknown as 1,
      },
    ),
    scoreAssessment(GBT, bestAnswers(GBT), { careRiskEventsLast30Days: [{ type: 'flood' }] }),
    scoreAssessment(LTC_2021, bestAnswers(LTC_2021)),
    scoreAssessment(GBT, bestAnswers(GBT), { careRiskEventsLast30Days: 2 }, { eventCounting: 'per_type' }),
    score(40, { dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 2 }),
    score(
      40,
      { dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 2 },
      { maxUpgrade: 'unbounded' },
    ),
    score(90, { comaOrVegetative: true }),
  ];
  type Emitted = { code: AssessmentMessageCode; params?: Record<string, unknown> };
  const emitted = results.flatMap<Emitted>((r) =>
    r.ok ? r.firedRules.map((f) => ({ code: f.reasonCode, params: f.params })) : r.errors,
  );
  const r = score(70);
  emitted.push(
    ...verifyClientTotals(r, { total: 1, dimensions: { 'B.1': 1 }, finalLevel: 4, initialLevel: 4 }),
  );
  const codes = new Set(emitted.map((e) => e.code));
  assert.ok(codes.size >= 14, `only ${codes.size} distinct codes exercised`);
  for (const e of emitted) {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const text = formatAssessmentMessage(e.code, locale, e.params);
      assert.doesNotMatch(text, /\{\w+\}/, `${e.code} ${locale}: ${text}`);
    }
  }
  assert.equal(
    formatAssessmentMessage('assessment.answer_missing', 'zh-CN', { item: 'B.1.1', itemName: '进食' }),
    '请填写 B.1.1（进食）',
  );
  assert.equal(
    formatAssessmentMessage('assessment.option_invalid', 'zh-CN', {
      item: 'B.3.9',
      itemName: { 'zh-CN': '意识水平', 'en-US': 'Level of consciousness' },
      value: '0',
      allowed: [
        { 'zh-CN': '“嗜睡”', 'en-US': '"Drowsy"' },
        { 'zh-CN': '“昏迷”', 'en-US': '"Coma"' },
      ],
    }),
    'B.3.9（意识水平）的选项“0”无效，可选：“嗜睡”、“昏迷”',
  );
});

test('messages speak the reader’s language: no Chinese in English, no internal option codes in Chinese', () => {
  // Every way an answer, a context or a rule can produce a message, in both standards with levels.
  const emitted: { code: AssessmentMessageCode; params?: Record<string, unknown> }[] = [];
  for (const s of [GBT, MZT]) {
    for (const item of s.items) {
      const bad = scoreAssessment(s, { ...bestAnswers(s), [item.code]: 'maybe' });
      const missing = scoreAssessment(s, { ...bestAnswers(s), [item.code]: undefined });
      for (const r of [bad, missing]) emitted.push(...failed(r));
    }
    emitted.push(
      ...failed(scoreAssessment(s, bestAnswers(s), { careRiskEventsLast30Days: [{ type: 'flood' }] })),
    );
    for (const context of [
      { comaOrVegetative: true },
      { dementiaOrPsychiatricDiagnosis: true, careRiskEventsLast30Days: 5 },
    ]) {
      for (const answers of [bestAnswers(s), worstAnswers(s)]) {
        const r = scoreAssessment(s, answers, context);
        if (r.ok) emitted.push(...r.firedRules.map((f) => ({ code: f.reasonCode, params: f.params })));
      }
    }
  }
  const codes = new Set(
    [GBT, MZT]
      .flatMap((s) => [
        ...s.items.flatMap((i) => i.options.map((o) => o.value)),
        ...s.riskEventTypes.map((t) => t.code),
      ])
      .filter((v) => /[a-z]/.test(v)),
  );
  assert.ok(emitted.length > 100, `${emitted.length} messages`);
  for (const e of emitted) {
    const en = formatAssessmentMessage(e.code, 'en-US', e.params);
    const zh = formatAssessmentMessage(e.code, 'zh-CN', e.params);
    assert.doesNotMatch(en, /[\u3400-\u9fff]/, `${e.code}: ${en}`);
    const words = zh.match(/[a-z_]+/g) ?? [];
    assert.deepEqual(
      words.filter((w) => codes.has(w) && w !== 'maybe' && w !== 'flood'),
      [],
      `${e.code}: ${zh}`,
    );
  }
});
