import { ASSESSMENT_DISPUTE_DAYS, type AssessmentStatus } from '@yiyang/contracts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { StateMachine, TransitionRule } from '../../platform/transition.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { assessmentRepo, type AssessmentRow } from './assessment.repo.ts';
import { assessments } from './assessment.table.ts';

type Rule = TransitionRule<AssessmentStatus, AssessmentRow>;

/** 409 for a command the record's state does not allow; a published record is locked (decision 006). */
export function invalidState(a: AssessmentRow): DomainError {
  if (a.publishedAt) return new DomainError('assessment.locked', { status: 409 });
  return new DomainError('assessment.invalid_state', { status: 409, params: { status: a.status } });
}

// 002_… / decision 006: a result can be disputed within 30 days of publishing.
const disputeWindow = (a: AssessmentRow, now: Date): DomainError | null =>
  a.publishedAt && addDays(todayIso(a.publishedAt), ASSESSMENT_DISPUTE_DAYS) < todayIso(now)
    ? new DomainError('assessment.dispute_window_closed', {
        status: 422,
        params: { days: ASSESSMENT_DISPUTE_DAYS },
      })
    : null;

/**
 * The assessment workflow of decision 006 as data: every state change of an assessment is one of
 * these commands, run by `transition()` (platform/transition.ts).
 */
export const ASSESSMENT_TRANSITIONS = {
  assign: {
    from: ['applied', 'assigned'],
    to: 'assigned',
    timeline: 'assigned',
    audit: 'assessment.assign',
    topic: 'assessment.assigned',
  },
  save: {
    from: ['assigned', 'in_progress'],
    to: 'in_progress',
    timeline: 'draft_saved',
    audit: 'assessment.save_form',
  },
  submit: { from: ['in_progress'], to: 'submitted', timeline: 'submitted', audit: 'assessment.submit' },
  // Each assessor signs once; the second signature publishes (`publish` in the same transaction).
  sign: { from: ['submitted', 'signing'], to: 'signing', timeline: 'signed', audit: 'assessment.sign' },
  publish: {
    from: ['signing'],
    to: 'published',
    timeline: 'published',
    audit: 'assessment.publish',
    topic: 'assessment.published',
  },
  dispute: {
    from: ['published'],
    to: 'disputed',
    guard: disputeWindow,
    timeline: 'disputed',
    audit: 'assessment.dispute',
  },
  cancel: {
    from: ['applied', 'assigned', 'in_progress', 'submitted'],
    to: 'cancelled',
    timeline: 'cancelled',
    audit: 'assessment.cancel',
  },
  // The disputed original when its re-review is published (recorded in the re-review's audit entry)…
  supersede: { from: ['disputed'], to: 'superseded', timeline: 'superseded' },
  // …or back to published when its re-review is cancelled (its dispute stays in the timeline).
  restore: { from: ['disputed'], to: 'published' },
} as const satisfies Record<string, Rule>;

export type AssessmentCommand = keyof typeof ASSESSMENT_TRANSITIONS;

/** States in which the form can still change (drafts; warnings are shown). */
export const FILLABLE_STATUSES = ASSESSMENT_TRANSITIONS.save.from;

export const ASSESSMENT_MACHINE: StateMachine<typeof assessments, AssessmentStatus, AssessmentCommand> = {
  entityType: 'assessment',
  table: assessments,
  transitions: ASSESSMENT_TRANSITIONS,
  refused: (row) => invalidState(row),
  missing: () => notFound('assessment.not_found'),
  scope: (row) => ({ regionCode: row.regionCode, organisationId: row.organisationId }),
  timeline: (tx, e) =>
    assessmentRepo(tx).addEvent({
      assessmentId: e.entityId,
      action: e.action,
      byUserId: e.actor.userId,
      byName: e.actor.name,
      at: e.at,
    }),
};
