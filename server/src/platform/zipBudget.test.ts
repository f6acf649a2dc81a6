import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { runAfter } from './zipBudget.ts';

/** The longest run of bytes without `<` in `bytes`, the naive way. */
function longestRun(bytes: Uint8Array): number {
  let longest = 0;
  let run = 0;
  for (const b of bytes) {
    run = b === 0x3c ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

test('runAfter: any split into chunks finds a run over the limit exactly when there is one', () => {
  const bytes = fc.uint8Array({ maxLength: 60 }).map((a) => a.map((b) => (b % 4 === 0 ? 0x3c : 0x41)));
  fc.assert(
    fc.property(
      bytes,
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.integer({ min: 0, max: 12 }),
      (all, cuts, max) => {
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        let run = 0;
        let from = 0;
        for (const p of [...points, all.length]) {
          run = runAfter(all.subarray(from, p), run, max);
          from = p;
          if (run < 0) break;
        }
        assert.equal(run < 0, longestRun(all) > max);
      },
    ),
  );
});
