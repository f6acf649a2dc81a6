import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_DRAFT,
  buildPages,
  deriveContext,
  dimensionSums,
  isComplete,
  missingEntries,
  nextMissing,
  progress,
  setAnswer,
  setBasic,
  setMatrix,
  skippableItems,
  toggleMulti,
  type FormDraft,
} from '../src/modules/assessment/formModel.ts';
import type { AssessmentStandardData } from '../src/modules/assessment/standardTypes.ts';
// The real standards as the server serves them: the form is generated from this data.
import { GBT_42195_2022 } from '../../server/src/modules/assessment/standards/gbt42195.ts';
import { MZT_039_2013 } from '../../server/src/modules/assessment/standards/mzt039.ts';

/** What `GET /assessment-standards/{code}` sends: the data, JSON round-tripped (no functions). */
const served = (s: object): AssessmentStandardData => JSON.parse(JSON.stringify(s)) as AssessmentStandardData;
const GBT = served(GBT_42195_2022);
const MZT = served(MZT_039_2013);

/** Every item answered with its first option, every required Appendix A field filled. */
function complete(std: AssessmentStandardData): FormDraft {
  let d: FormDraft = EMPTY_DRAFT;
  for (const i of std.items) d = setAnswer(d, i.code, i.options[0]!.value);
  for (const f of std.basicInfoForm.flatMap((s) => s.fields)) {
    if (!f.feeds) continue;
    if (f.type === 'single') d = setBasic(d, f.code, f.options![0]!.value);
    if (f.type === 'matrix') for (const r of f.rows!) d = setMatrix(d, f.code, r.value, f.options![0]!.value);
  }
  return d;
}

test('pages: Appendix A sections first, then one page per dimension with its items in order', () => {
  const pages = buildPages(GBT);
  assert.deepEqual(
    pages.map((p) => p.code),
    ['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'B.1', 'B.2', 'B.3', 'B.4'],
  );
  const dims = pages.filter((p) => p.kind === 'dimension');
  assert.deepEqual(
    dims.map((p) => p.items.length),
    [8, 4, 9, 5],
  );
  assert.equal(dims[2]!.items[8]!.code, 'B.3.9');
  // Every item of the standard is on exactly one page.
  assert.equal(dims.flatMap((p) => p.items).length, GBT.items.length);
});

test('an empty form misses all 26 items and the three Appendix A inputs of the change rules', () => {
  const missing = missingEntries(GBT, EMPTY_DRAFT);
  const items = missing.filter((m) => m.kind === 'item');
  assert.equal(items.length, 26);
  const fields = missing.filter((m) => m.kind === 'field').map((m) => m.code);
  // A.2.14 has five event rows; A.5.11 昏迷 is one field; A.4.1 (multi) may stay empty.
  assert.deepEqual(fields, [
    'A.2.14/fall',
    'A.2.14/wandering',
    'A.2.14/choking',
    'A.2.14/suicide_self_harm',
    'A.2.14/other',
    'A.5.11',
  ]);
  assert.deepEqual(progress(GBT, EMPTY_DRAFT), { done: 0, total: 32 });
  assert.equal(isComplete(GBT, EMPTY_DRAFT), false);
});

test('a complete form has nothing missing; removing one item points back to its page', () => {
  const full = complete(GBT);
  assert.equal(isComplete(GBT, full), true);
  assert.deepEqual(progress(GBT, full), { done: 32, total: 32 });
  const { 'B.3.4': _gone, ...rest } = full.answers;
  const partial = { ...full, answers: rest };
  const missing = missingEntries(GBT, partial);
  assert.deepEqual(missing, [{ page: 7, code: 'B.3.4', kind: 'item' }]);
  // Jumping from any page lands on it (wrapping round from later pages).
  assert.deepEqual(nextMissing(GBT, partial, 0), missing[0]);
  assert.deepEqual(nextMissing(GBT, partial, 8), missing[0]);
  assert.equal(nextMissing(GBT, full, 3), null);
});

test('nextMissing prefers the first gap at or after the current page', () => {
  let d = complete(GBT);
  const { 'B.1.1': _a, 'B.4.2': _b, ...answers } = d.answers;
  d = { ...d, answers };
  assert.equal(nextMissing(GBT, d, 6)?.code, 'B.4.2');
  assert.equal(nextMissing(GBT, d, 0)?.code, 'B.1.1');
});

test('MZ/T 039 B.3.1 昏迷 makes the later items skippable (skip rule from the data)', () => {
  const comaOption = MZT.items
    .find((i) => i.code === 'B.3.1')!
    .options.find((o) => o.flags?.includes('coma'))!;
  let d = EMPTY_DRAFT;
  for (const i of MZT.items.filter((x) => x.code <= 'B.3.1')) d = setAnswer(d, i.code, i.options[0]!.value);
  d = setAnswer(d, 'B.3.1', comaOption.value);
  const skip = skippableItems(MZT, d.answers);
  assert.ok(skip.has('B.4.5'));
  assert.ok(!skip.has('B.1.1'));
  assert.equal(
    missingEntries(MZT, d).filter((m) => m.kind === 'item').length,
    0,
    'items after B.3.1 are not required once 昏迷 is chosen',
  );
});

test('multi-select: an exclusive 无 clears the others and is cleared by them', () => {
  const wounds = GBT.basicInfoForm.flatMap((s) => s.fields).find((f) => f.code === 'A.5.3')!;
  assert.deepEqual(toggleMulti(wounds, ['abrasion'], 'none'), ['none']);
  assert.deepEqual(toggleMulti(wounds, ['none'], 'burn'), ['burn']);
  assert.deepEqual(toggleMulti(wounds, ['burn'], 'surgical'), ['burn', 'surgical']);
  assert.deepEqual(toggleMulti(wounds, ['burn', 'surgical'], 'burn'), ['surgical']);
});

test('setBasic removes blank values so the draft stays small', () => {
  const d = setBasic(setBasic(EMPTY_DRAFT, 'A.3.1', '张三'), 'A.3.1', '');
  assert.deepEqual(d.basicInfo, {});
  assert.deepEqual(setBasic(EMPTY_DRAFT, 'A.4.1', []).basicInfo, {});
});

test('context for the change rules is derived from the fields that feed it', () => {
  let d = setBasic(EMPTY_DRAFT, 'A.5.11', 'yes');
  d = setBasic(d, 'A.4.1', ['I10-I15', 'F00-F03']);
  d = setMatrix(d, 'A.2.14', 'fall', '2');
  d = setMatrix(d, 'A.2.14', 'choking', '0');
  assert.deepEqual(deriveContext(GBT, d.basicInfo), {
    comaOrVegetative: true,
    diagnosisCodes: ['I10-I15', 'F00-F03'],
    careRiskEventsLast30Days: [
      { type: 'fall', count: 2 },
      { type: 'choking', count: 0 },
    ],
  });
  assert.deepEqual(deriveContext(GBT, setBasic(EMPTY_DRAFT, 'A.5.11', 'no').basicInfo), {
    comaOrVegetative: false,
  });
  // MZ/T 039: either diagnosis field sets the flag.
  const mz = setBasic(setBasic(EMPTY_DRAFT, 'A.2.13.1', '0'), 'A.2.13.2', 'bipolar');
  assert.equal(deriveContext(MZT, mz.basicInfo).dementiaOrPsychiatricDiagnosis, true);
  const mzNone = setBasic(setBasic(EMPTY_DRAFT, 'A.2.13.1', '0'), 'A.2.13.2', 'none');
  assert.equal(deriveContext(MZT, mzNone.basicInfo).dementiaOrPsychiatricDiagnosis, false);
});

test('dimension sums of a full-marks GB/T form are 32/15/28/15', () => {
  let d = EMPTY_DRAFT;
  for (const i of GBT.items) {
    const best = i.options.reduce((a, b) => (b.score > a.score ? b : a));
    d = setAnswer(d, i.code, best.value);
  }
  const sums = dimensionSums(GBT, d.answers);
  assert.deepEqual(
    sums.map((s) => [s.score, s.max, s.answered === s.items]),
    [
      [32, 32, true],
      [15, 15, true],
      [28, 28, true],
      [15, 15, true],
    ],
  );
});
