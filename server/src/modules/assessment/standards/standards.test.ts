import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ASSESSMENT_MESSAGES } from '../assessment.errors.ts';
import {
  ASSESSMENT_STANDARDS,
  GBT_42195_2022,
  LTC_2021,
  MZT_039_2013,
  checkStandard,
  findStandard,
  reachableSums,
} from './index.ts';
import { MZT_039_COMBINATION_TABLE } from './mzt039.ts';
import type { AssessmentStandard, FieldOption } from './types.ts';

const ALL = Object.values(ASSESSMENT_STANDARDS);

const maxima = (s: AssessmentStandard) => Object.fromEntries(s.items.map((i) => [i.code, i.maxScore]));

test('every standard passes its own consistency checks', () => {
  for (const s of ALL) assert.deepEqual(checkStandard(s), [], s.standardCode);
});

test('findStandard looks up by standard_code and rejects others', () => {
  assert.equal(findStandard('GB/T 42195-2022'), GBT_42195_2022);
  assert.equal(findStandard('MZ/T 039-2013'), MZT_039_2013);
  assert.equal(findStandard('toString'), undefined);
  assert.equal(findStandard('GB/T 42195-2023'), undefined);
});

test('checkStandard catches a broken table', () => {
  const broken: AssessmentStandard = {
    ...GBT_42195_2022,
    dimensions: GBT_42195_2022.dimensions.map((d) => (d.code === 'B.3' ? { ...d, maxScore: 29 } : d)),
  };
  assert.ok(checkStandard(broken).some((p) => p.includes('B.3')));
});

// GB/T 42195-2022 B.1–B.4, transcribed again from STANDARDS.md §1.2 (independent of gbt42195.ts).
test('GB/T 42195-2022: 26 items with the per-item maxima of §1.2', () => {
  const expected: Record<string, number> = {
    'B.1.1': 4, 'B.1.2': 4, 'B.1.3': 4, 'B.1.4': 4, 'B.1.5': 4, 'B.1.6': 4, 'B.1.7': 4, 'B.1.8': 4,
    'B.2.1': 4, 'B.2.2': 4, 'B.2.3': 4, 'B.2.4': 3,
    'B.3.1': 4, 'B.3.2': 4, 'B.3.3': 4, 'B.3.4': 4, 'B.3.5': 4, 'B.3.6': 4, 'B.3.7': 1, 'B.3.8': 1, 'B.3.9': 2,
    'B.4.1': 2, 'B.4.2': 2, 'B.4.3': 4, 'B.4.4': 3, 'B.4.5': 4,
  }; // prettier-ignore
  assert.deepEqual(maxima(GBT_42195_2022), expected);
  assert.equal(GBT_42195_2022.items.length, 26);
});

test('GB/T 42195-2022: dimension maxima 32/15/28/15 = 90 and item counts 8/4/9/5', () => {
  const dims = GBT_42195_2022.dimensions;
  assert.deepEqual(
    dims.map((d) => [d.code, d.zh, d.maxScore, d.itemCodes.length]),
    [
      ['B.1', '自理能力', 32, 8],
      ['B.2', '基础运动能力', 15, 4],
      ['B.3', '精神状态', 28, 9],
      ['B.4', '感知觉与社会参与', 15, 5],
    ],
  );
  assert.equal(GBT_42195_2022.total?.max, 90);
  assert.ok(dims.every((d) => d.polarity === 'higher_is_better'));
});

test('GB/T 42195-2022: ASSIST5 items share the five-step scale', () => {
  const assist5 = ['B.1.2', 'B.1.3', 'B.1.4', 'B.1.5', 'B.1.8', 'B.2.1', 'B.2.2'];
  for (const code of assist5) {
    const item = GBT_42195_2022.items.find((i) => i.code === code);
    assert.deepEqual(
      item?.options.map((o) => [o.score, o.zh]),
      [
        [4, '独立完成，不需要协助'],
        [3, '在他人指导或提示下完成'],
        [2, '需要他人协助，但以自身完成为主'],
        [1, '主要依靠他人协助，自身能给予配合'],
        [0, '完全依赖他人协助，且不能给予配合'],
      ],
      code,
    );
  }
});

test('GB/T 42195-2022: option texts of the scored items match §1.2 samples', () => {
  const text = (code: string, value: string) =>
    GBT_42195_2022.items.find((i) => i.code === code)?.options.find((o) => o.value === value)?.zh;
  assert.equal(text('B.1.1', '0'), '完全依赖他人协助进食，或吞咽困难，或留置营养管');
  assert.equal(text('B.2.4', '0'), '主要依靠他人协助，自身能给予配合；或者完全依赖他人协助，且不能给予配合');
  assert.equal(text('B.3.7', '0'), '近一个月内出现过攻击行为');
  assert.equal(text('B.4.4', '3'), '能自己骑车或搭乘公共交通工具外出');
  assert.equal(text('B.4.5', '0'), '不能与人交往');
});

test('GB/T 42195-2022: B.3.9 splits 0 points into 昏睡 and 昏迷; only 昏迷 carries the coma flag', () => {
  const b39 = GBT_42195_2022.items.find((i) => i.code === 'B.3.9');
  assert.deepEqual(
    b39?.options.map((o) => [o.value, o.score, o.flags ?? []]),
    [
      ['2', 2, []],
      ['1', 1, []],
      ['stupor', 0, []],
      ['coma', 0, ['coma']],
    ],
  );
});

test('GB/T 42195-2022: five levels with the §1.3 bands', () => {
  assert.deepEqual(
    GBT_42195_2022.levels.map((l) => [l.code, l.zh, l.minTotal, l.maxTotal]),
    [
      [0, '能力完好', 90, 90],
      [1, '能力轻度受损（轻度失能）', 66, 89],
      [2, '能力中度受损（中度失能）', 46, 65],
      [3, '能力重度受损（重度失能）', 30, 45],
      [4, '能力完全丧失（完全失能）', 0, 29],
    ],
  );
  assert.ok(GBT_42195_2022.levels.every((l) => l.en.length > 0));
});

test('GB/T 42195-2022: change rules per C.4 — coma forces 完全失能, the others raise by one', () => {
  const rules = GBT_42195_2022.changeRules;
  assert.deepEqual(
    rules.map((r) => [r.code, r.effect]),
    [
      ['coma', { kind: 'set_level', level: 4 }],
      ['dementia_or_psychiatric', { kind: 'raise', by: 1 }],
      ['risk_events', { kind: 'raise', by: 1 }],
    ],
  );
  const dx = rules[1]?.anyOf.find((c) => c.kind === 'diagnosis');
  assert.deepEqual(dx?.kind === 'diagnosis' && dx.codes, ['F00-F03', 'F04-F99']);
  assert.equal(GBT_42195_2022.changePolicy.maxLevel, 4);
  assert.equal(GBT_42195_2022.changePolicy.freezeFromLevel, undefined);
});

test('GB/T 42195-2022 Appendix A: all §1.5 fields, with the rule-feeding fields wired', () => {
  const fields = GBT_42195_2022.basicInfoForm.flatMap((s) => s.fields);
  const codes = fields.map((f) => f.code);
  const expected = [
    ...['A.1.1', 'A.1.2', 'A.1.3'],
    ...Array.from({ length: 14 }, (_, k) => `A.2.${k + 1}`),
    ...['A.3.1', 'A.3.2', 'A.3.3', 'A.3.4', 'A.4.1', 'A.4.2'],
    ...Array.from({ length: 12 }, (_, k) => `A.5.${k + 1}`),
  ];
  assert.deepEqual(codes, expected);
  const field = (code: string) => fields.find((f) => f.code === code);
  assert.equal(field('A.5.11')?.feeds, 'context.comaOrVegetative');
  assert.equal(field('A.4.1')?.feeds, 'context.diagnosisCodes');
  assert.equal(field('A.2.14')?.feeds, 'context.careRiskEventsLast30Days');
  assert.deepEqual(
    field('A.2.14')?.rows?.map((r) => r.zh),
    ['跌倒', '走失', '噎食', '自杀自伤', '其他'],
  );
  assert.deepEqual(
    field('A.2.14')?.options?.map((o) => o.zh),
    ['无', '发生过1次', '发生过2次', '发生过3次及以上'],
  );
  assert.equal(field('A.4.1')?.options?.length, 23);
  assert.deepEqual(
    field('A.1.3')?.options?.map((o) => o.zh),
    ['首次评估', '常规评估', '即时评估', '因对评估结果有疑问进行的复评', '其他'],
  );
  assert.equal(field('A.2.6')?.options?.length, 57);
  assert.equal(field('A.5.6')?.options?.find((o) => o.value === 'edentulous')?.children?.length, 3);
  for (const f of fields) {
    if (['single', 'multi', 'matrix'].includes(f.type))
      assert.ok(f.options?.length, `${f.code} needs options`);
  }
});

test('GB/T 42195-2022 Appendix C: C.1–C.5 with C.1.1–C.1.4 dimension scores and two assessors', () => {
  const report = GBT_42195_2022.report;
  assert.deepEqual(
    report?.sections.map((s) => s.code),
    ['C.1', 'C.2', 'C.3', 'C.4', 'C.5'],
  );
  assert.deepEqual(
    report?.sections[0]?.entries.map((e) => [e.code, e.source]),
    [
      ['C.1.1', { kind: 'dimension_score', dimension: 'B.1' }],
      ['C.1.2', { kind: 'dimension_score', dimension: 'B.2' }],
      ['C.1.3', { kind: 'dimension_score', dimension: 'B.3' }],
      ['C.1.4', { kind: 'dimension_score', dimension: 'B.4' }],
    ],
  );
  assert.deepEqual(
    report?.signatures.map((s) => [s.role, s.count]),
    [
      ['assessor', 2],
      ['informant', 1],
    ],
  );
});

// MZ/T 039-2013 B.1–B.4, transcribed again from STANDARDS.md §2.2.
test('MZ/T 039-2013: 22 items, 10/3/4/5, with the §2.2 option scores', () => {
  const scores = Object.fromEntries(MZT_039_2013.items.map((i) => [i.code, i.options.map((o) => o.score)]));
  assert.deepEqual(scores, {
    'B.1.1': [10, 5, 0], 'B.1.2': [5, 0], 'B.1.3': [5, 0], 'B.1.4': [10, 5, 0], 'B.1.5': [10, 5, 0],
    'B.1.6': [10, 5, 0], 'B.1.7': [10, 5, 0], 'B.1.8': [15, 10, 5, 0], 'B.1.9': [15, 10, 5, 0], 'B.1.10': [10, 5, 0],
    'B.2.1': [0, 1, 2], 'B.2.2': [0, 1, 2], 'B.2.3': [0, 1, 2],
    'B.3.1': [0, 1, 2, 3], 'B.3.2': [0, 1, 2, 3, 4], 'B.3.3': [0, 1, 2, 3, 4], 'B.3.4': [0, 1, 2, 3],
    'B.4.1': [0, 1, 2, 3, 4], 'B.4.2': [0, 1, 2, 3, 4], 'B.4.3': [0, 1, 2, 3, 4], 'B.4.4': [0, 1, 2, 3, 4],
    'B.4.5': [0, 1, 2, 3, 4],
  }); // prettier-ignore
  assert.deepEqual(
    MZT_039_2013.dimensions.map((d) => [d.code, d.zh, d.itemCodes.length, d.maxScore, d.polarity]),
    [
      ['B.1', '日常生活活动', 10, 100, 'higher_is_better'],
      ['B.2', '精神状态', 3, 6, 'higher_is_worse'],
      ['B.3', '感知觉与沟通', 4, null, 'higher_is_worse'],
      ['B.4', '社会参与', 5, 20, 'higher_is_worse'],
    ],
  );
  assert.equal(MZT_039_2013.total, null);
});

test('MZ/T 039-2013: ADL sums are multiples of 5, so the §2.3 bands cover every reachable sum', () => {
  const adl = MZT_039_2013.dimensions[0];
  const sums = reachableSums(
    (adl?.itemCodes ?? []).map(
      (c) => MZT_039_2013.items.find((i) => i.code === c)?.options.map((o) => o.score) ?? [],
    ),
  );
  assert.deepEqual(
    [...sums].sort((a, b) => a - b),
    Array.from({ length: 21 }, (_, k) => 5 * k),
  );
});

test('MZ/T 039-2013: four levels, coma clause forces 重度失能, clause 4 freezes level 3', () => {
  assert.deepEqual(
    MZT_039_2013.levels.map((l) => l.zh),
    ['能力完好', '轻度失能', '中度失能', '重度失能'],
  );
  assert.deepEqual(
    MZT_039_2013.changeRules.map((r) => [r.code, r.effect]),
    [
      ['dementia_or_psychiatric', { kind: 'raise', by: 1 }],
      ['risk_events', { kind: 'raise', by: 1 }],
      ['coma', { kind: 'set_level', level: 3 }],
    ],
  );
  const risk = MZT_039_2013.changeRules[1]?.anyOf[0];
  assert.deepEqual(risk?.kind === 'risk_events' && risk.eventTypes, [
    'fall',
    'wandering',
    'choking',
    'suicide',
  ]);
  assert.deepEqual(MZT_039_2013.changePolicy, {
    maxLevel: 3,
    freezeFromLevel: 3,
    freezeClause: 'MZ/T 039-2013 等级变更条款 4',
  });
});

test('MZ/T 039-2013: the combination table has 4 rows of 64 grades 0–3', () => {
  assert.equal(MZT_039_COMBINATION_TABLE.length, 4);
  for (const row of MZT_039_COMBINATION_TABLE) assert.match(row, /^[0-3]{64}$/);
});

test('MZ/T 039-2013: Appendix A and C per §2.6', () => {
  const fields = MZT_039_2013.basicInfoForm.flatMap((s) => s.fields);
  const field = (code: string) => fields.find((f) => f.code === code);
  assert.equal(field('A.1.3')?.options?.length, 4);
  assert.equal(field('A.2.11')?.options?.length, 8);
  assert.deepEqual(
    field('A.2.13.1')?.options?.map((o) => o.zh),
    ['无', '轻度', '中度', '重度'],
  );
  assert.equal(field('A.2.13.2')?.options?.length, 7);
  assert.deepEqual(
    field('A.2.14')?.rows?.map((r) => r.zh),
    ['跌倒', '走失', '噎食', '自杀'],
  );
  assert.deepEqual(
    MZT_039_2013.report?.sections.map((s) => s.code),
    ['C.1', 'C.2', 'C.3', 'C.4'],
  );
  assert.ok(MZT_039_2013.report?.sections[0]?.entries.every((e) => e.source.kind === 'dimension_grade'));
});

test('LTC-2021: 17 items 10/4/3 with maxima 100/16/12, six levels, no change rules', () => {
  assert.equal(LTC_2021.items.length, 17);
  assert.deepEqual(
    LTC_2021.dimensions.map((d) => [d.zh, d.itemCodes.length, d.maxScore, d.grading]),
    [
      ['日常生活活动能力', 10, 100, undefined],
      ['认知能力', 4, 16, undefined],
      ['感知觉与沟通能力', 3, 12, undefined],
    ],
  );
  const scores = Object.fromEntries(
    LTC_2021.items.map((i) => [i.zh, i.options.map((o) => o.score).sort((a, b) => a - b)]),
  );
  assert.deepEqual(scores['进食'], [0, 5, 10]);
  assert.deepEqual(scores['面部与口腔清洁'], [0, 5]);
  assert.deepEqual(scores['平地行走'], [0, 5, 10, 15]);
  assert.deepEqual(scores['床椅转移'], [0, 5, 10, 15]);
  assert.deepEqual(scores['洗澡'], [0, 5]);
  assert.deepEqual(scores['记忆力'], [0, 1, 2, 3, 4]);
  assert.equal(LTC_2021.levels.length, 6);
  assert.equal(LTC_2021.levels[5]?.zh, '重度失能Ⅲ级');
  assert.deepEqual(LTC_2021.changeRules, []);
  assert.deepEqual(LTC_2021.deriveInitialLevel({ total: null, dimensions: [] }), {
    available: false,
    reasonCode: 'assessment.level_unavailable',
  });
});

test('every item has zh and en names, option texts and a known verification tag', () => {
  for (const s of ALL) {
    for (const i of s.items) {
      assert.ok(i.zh && i.en, `${s.standardCode} ${i.code}`);
      assert.ok(i.options.every((o) => o.zh.length > 0));
      assert.ok(['V', 'P', 'R', 'D'].includes(i.verification));
    }
  }
});

test('every scored option and every form-field option has an English text', () => {
  const choiceTexts = (options: readonly FieldOption[] | undefined, at: string): [string, string?][] =>
    (options ?? []).flatMap((o) => [
      [`${at} ${o.value}`, o.en] as [string, string?],
      ...choiceTexts(o.children, `${at} ${o.value}`),
    ]);
  for (const s of ALL) {
    const texts = [
      ...s.items.flatMap((i) => i.options.map((o): [string, string?] => [`${i.code} ${o.value}`, o.en])),
      ...s.basicInfoForm.flatMap((sec) =>
        sec.fields.flatMap((f) => [f.options, f.rows, f.columns].flatMap((os) => choiceTexts(os, f.code))),
      ),
    ];
    const missing = texts.filter(([, en]) => !en?.trim()).map(([where]) => where);
    assert.deepEqual(missing, [], `${s.standardCode}: options without en`);
  }
});

test('every change-rule reason code has a message', () => {
  for (const s of ALL) {
    for (const r of s.changeRules) assert.ok(r.reasonCode in ASSESSMENT_MESSAGES, r.reasonCode);
  }
});
