import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { scoreAssessment, scoreItems, verifyClientTotals } from './assessment.scoring.ts';
import type { AssessmentContext, ScoringSettings } from './assessment.scoring.ts';
import { GBT_42195_2022 as GBT, LTC_2021, MZT_039_2013 as MZT } from './standards/index.ts';
import type { AssessmentStandard } from './standards/types.ts';

const RUNS = { numRuns: 400 };

/** A complete answer set: one listed option per item, sent as a string or (if numeric) as a number. */
const answersOf = (s: AssessmentStandard) =>
  fc.record(
    Object.fromEntries(
      s.items.map((i) => [
        i.code,
        fc
          .constantFrom(...i.options.map((o) => o.value))
          .chain((v) =>
            /^\d+$/.test(v)
              ? fc.constantFrom<string | number>(v, Number(v))
              : fc.constant<string | number>(v),
          ),
      ]),
    ),
  );

const contextOf = (s: AssessmentStandard): fc.Arbitrary<AssessmentContext> =>
  fc.record(
    {
      comaOrVegetative: fc.boolean(),
      dementiaOrPsychiatricDiagnosis: fc.boolean(),
      diagnosisCodes: fc.subarray(['F00-F03', 'F04-F99', 'I10-I15', 'I63']),
      careRiskEventsLast30Days: fc.array(
        fc.record(
          { type: fc.constantFrom(...s.riskEventTypes.map((t) => t.code)), count: fc.nat(5) },
          { requiredKeys: ['type'] },
        ),
        { maxLength: 6 },
      ),
    },
    { requiredKeys: [] },
  );

const settingsArb: fc.Arbitrary<ScoringSettings> = fc.record(
  {
    maxUpgrade: fc.constantFrom<1 | 'unbounded'>(1, 'unbounded'),
    eventCounting: fc.constantFrom('total', 'per_type'),
  },
  { requiredKeys: [] },
);

// GB/T 42195-2022 C.3 bands, transcribed independently (STANDARDS.md §1.3).
const bandLevel = (t: number) => (t === 90 ? 0 : t >= 66 ? 1 : t >= 46 ? 2 : t >= 30 ? 3 : 4);

/** A value that no option of the item has: an out-of-range number or a foreign string. */
const invalidValueFor = (values: readonly string[]) =>
  fc
    .oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 6 }), fc.double({ noInteger: true }))
    .filter((v) => !values.includes(String(v)));

test('GB/T 42195: any complete valid answer set scores within 0–90, each dimension within its max', () => {
  fc.assert(
    fc.property(answersOf(GBT), (answers) => {
      const r = scoreAssessment(GBT, answers);
      assert.ok(r.ok);
      assert.ok(r.total !== null && r.total >= 0 && r.total <= 90);
      const maxima = { 'B.1': 32, 'B.2': 15, 'B.3': 28, 'B.4': 15 } as Record<string, number>;
      let sum = 0;
      for (const d of r.dimensions) {
        assert.ok(d.score !== null && d.score >= 0 && d.score <= (maxima[d.code] ?? -1), d.code);
        assert.equal(d.max, maxima[d.code]);
        sum += d.score;
      }
      assert.equal(sum, r.total);
      assert.equal(r.items.length, 26);
      assert.equal(r.initialLevel?.code, bandLevel(r.total));
      assert.deepEqual(verifyClientTotals(r, { total: r.total, finalLevel: r.finalLevel.code }), []);
    }),
    RUNS,
  );
});

test('GB/T 42195: with any context and settings the final level is in range and follows C.4', () => {
  fc.assert(
    fc.property(answersOf(GBT), contextOf(GBT), settingsArb, (answers, context, settings) => {
      const r = scoreAssessment(GBT, answers, context, settings);
      assert.ok(r.ok);
      const initial = r.initialLevel?.code ?? -1;
      const final = r.finalLevel.code;
      assert.ok(initial >= 0 && initial <= 4 && final >= initial && final <= 4);
      const coma = context.comaOrVegetative === true || answers['B.3.9'] === 'coma';
      if (coma) assert.equal(final, 4);
      else assert.ok(final - initial <= (r.settings.maxUpgrade === 1 ? 1 : 2));
      const raisesApplied = r.firedRules.filter((f) => f.applied && f.rule !== 'coma').length;
      if (!coma && raisesApplied === 0) assert.equal(final, initial);
      for (const f of r.firedRules) assert.ok(f.reasonCode.startsWith('assessment.rule.'));
    }),
    RUNS,
  );
});

test('GB/T 42195: more risk factors never lower the final level', () => {
  fc.assert(
    fc.property(answersOf(GBT), contextOf(GBT), settingsArb, (answers, context, settings) => {
      const base = scoreAssessment(GBT, answers, context, settings);
      const worse = scoreAssessment(
        GBT,
        answers,
        { ...context, dementiaOrPsychiatricDiagnosis: true },
        settings,
      );
      assert.ok(base.ok && worse.ok);
      assert.ok(worse.finalLevel.code >= base.finalLevel.code);
    }),
    RUNS,
  );
});

for (const standard of [GBT, MZT, LTC_2021]) {
  const name = standard.standardCode;
  // Exclude items a skip rule lets go when its trigger is chosen (MZ/T 039 B.3.1 昏迷).
  const skippableUnder = (answers: Record<string, unknown>) =>
    new Set(
      standard.skipRules.flatMap((r) =>
        standard.items
          .find((i) => i.code === r.item)
          ?.options.find((o) => o.value === String(answers[r.item]))
          ?.flags?.includes(r.flag)
          ? r.skippable
          : [],
      ),
    );

  test(`${name}: a missing item is rejected with /answers/<item>`, () => {
    fc.assert(
      fc.property(
        answersOf(standard),
        fc.constantFrom(...standard.items.map((i) => i.code)),
        (answers, code) => {
          fc.pre(!skippableUnder(answers).has(code));
          const rest: Record<string, unknown> = { ...answers };
          delete rest[code];
          const r = scoreItems(standard, rest);
          assert.ok(!r.ok);
          assert.deepEqual(
            r.errors.map((e) => [e.pointer, e.code]),
            [[`/answers/${code}`, 'assessment.answer_missing']],
          );
          const full = scoreAssessment(standard, rest);
          assert.ok(!full.ok && full.errors[0]?.pointer === `/answers/${code}`);
        },
      ),
      RUNS,
    );
  });

  test(`${name}: an out-of-range option is rejected with /answers/<item>`, () => {
    const withBadValue = fc
      .constantFrom(...standard.items)
      .chain((item) => fc.tuple(fc.constant(item.code), invalidValueFor(item.options.map((o) => o.value))));
    fc.assert(
      fc.property(answersOf(standard), withBadValue, (answers, [code, bad]) => {
        const r = scoreAssessment(standard, { ...answers, [code]: bad });
        assert.ok(!r.ok);
        assert.deepEqual(
          r.errors.map((e) => [e.pointer, e.code]),
          [[`/answers/${code}`, 'assessment.option_invalid']],
        );
      }),
      RUNS,
    );
  });
}

test('MZ/T 039: grades and levels stay in 0–3 and agree with the §2.4 reading', () => {
  // STANDARDS.md §2.4 [D] reading, as pseudo-code (independent of the lookup strings in mzt039.ts).
  const combine = (a: number, m: number, s: number, p: number) => {
    const severeOrAll2 = [m, s, p].includes(3) || (m === 2 && s === 2 && p === 2);
    if (a === 3) return 3;
    if (a === 2) return severeOrAll2 ? 3 : 2;
    if (a === 1) return severeOrAll2 ? 2 : 1;
    return m === 0 && s === 0 && p <= 1 ? 0 : 1;
  };
  fc.assert(
    fc.property(answersOf(MZT), contextOf(MZT), settingsArb, (answers, context, settings) => {
      const r = scoreAssessment(MZT, answers, context, settings);
      assert.ok(r.ok);
      const g = r.dimensions.map((d) => d.grade?.code ?? -1);
      assert.ok(g.every((x) => x >= 0 && x <= 3));
      const [a = -1, m = -1, s = -1, p = -1] = g;
      assert.equal(r.initialLevel?.code, combine(a, m, s, p));
      assert.ok(r.finalLevel.code >= (r.initialLevel?.code ?? 0) && r.finalLevel.code <= 3);
      if (r.initialLevel?.code === 3) assert.equal(r.finalLevel.code, 3);
      const adl = r.dimensions[0]?.score ?? -1;
      assert.ok(adl >= 0 && adl <= 100 && adl % 5 === 0);
    }),
    RUNS,
  );
});

test('LTC-2021: valid answers always score, and never yield a level', () => {
  fc.assert(
    fc.property(answersOf(LTC_2021), (answers) => {
      const items = scoreItems(LTC_2021, answers);
      assert.ok(items.ok);
      const [adl, cog, per] = items.dimensions.map((d) => d.score ?? -1);
      assert.ok(adl !== undefined && adl >= 0 && adl <= 100);
      assert.ok(cog !== undefined && cog >= 0 && cog <= 16);
      assert.ok(per !== undefined && per >= 0 && per <= 12);
      const r = scoreAssessment(LTC_2021, answers);
      assert.ok(!r.ok && r.errors[0]?.code === 'assessment.level_unavailable');
    }),
    RUNS,
  );
});
