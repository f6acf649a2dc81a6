import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '@yiyang/contracts';
import { assertTransition } from '../../platform/transition.ts';
import { ASSESSMENT_MACHINE, ASSESSMENT_TRANSITIONS, type AssessmentCommand } from './assessment.machine.ts';
import type { AssessmentRow } from './assessment.repo.ts';

// Decision 006's state diagram, written out independently of the table: command → allowed states.
const ALLOWED: Record<AssessmentCommand, AssessmentStatus[]> = {
  assign: ['applied', 'assigned'],
  save: ['assigned', 'in_progress'],
  submit: ['in_progress'],
  sign: ['submitted', 'signing'],
  publish: ['signing'],
  dispute: ['published'],
  cancel: ['applied', 'assigned', 'in_progress', 'submitted'],
  supersede: ['disputed'],
  restore: ['disputed'],
};

const NOW = new Date('2026-12-06T04:00:00Z');
const row = (status: AssessmentStatus, publishedAt: Date | null = null) =>
  ({ id: 'a', status, publishedAt }) as AssessmentRow;

describe('assessment transition table', () => {
  test('declares exactly the commands of decision 006', () => {
    assert.deepEqual(Object.keys(ASSESSMENT_TRANSITIONS).sort(), Object.keys(ALLOWED).sort());
  });

  for (const command of Object.keys(ALLOWED) as AssessmentCommand[])
    for (const status of ASSESSMENT_STATUSES) {
      const allowed = ALLOWED[command].includes(status);
      test(`${command} from ${status}: ${allowed ? 'allowed' : 'refused'}`, () => {
        // A recent publish date keeps the dispute window open.
        const published = ['published', 'disputed', 'superseded'].includes(status) ? NOW : null;
        if (allowed) {
          assert.doesNotThrow(() =>
            assertTransition(ASSESSMENT_MACHINE, row(status, published), command, NOW),
          );
          return;
        }
        assert.throws(
          () => assertTransition(ASSESSMENT_MACHINE, row(status, published), command, NOW),
          (err: { code: string; status: number; params: Record<string, unknown> }) => {
            assert.equal(err.status, 409);
            // A published record is locked; any other refusal names the state.
            if (published) assert.equal(err.code, 'assessment.locked');
            else assert.deepEqual([err.code, err.params], ['assessment.invalid_state', { status }]);
            return true;
          },
        );
      });
    }

  test('dispute: refused 30 days after publishing (assessment.dispute_window_closed)', () => {
    const published = new Date(NOW.getTime() - 31 * 86_400_000);
    assert.throws(() => assertTransition(ASSESSMENT_MACHINE, row('published', published), 'dispute', NOW), {
      code: 'assessment.dispute_window_closed',
      status: 422,
    });
    const recent = new Date(NOW.getTime() - 29 * 86_400_000);
    assert.equal(
      assertTransition(ASSESSMENT_MACHINE, row('published', recent), 'dispute', NOW).to,
      'disputed',
    );
  });

  test('every target state is a status of the contract', () => {
    for (const rule of Object.values(ASSESSMENT_TRANSITIONS))
      assert.ok((ASSESSMENT_STATUSES as readonly string[]).includes(rule.to));
  });
});
