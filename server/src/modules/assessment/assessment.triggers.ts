import { ASSESSMENT_ROUTINE_MONTHS, type DomainEvent } from '@yiyang/contracts';
import { addMonths, todayIso } from '../../platform/dates.ts';
import type { AssessmentApplications } from './assessment.application.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import { assessmentRepo } from './assessment.repo.ts';

/** Automatic applications: immediate reassessment on other modules' events, and the routine due scan. */
export class AssessmentTriggers {
  constructor(
    private readonly deps: AssessmentDeps,
    private readonly applications: AssessmentApplications,
  ) {}

  /** Immediate reassessment triggers from other modules' events (every instance sees every event). */
  async onEvent(e: DomainEvent): Promise<void> {
    if (e.topic === 'elder.status_changed' && e.payload.from === 'hospitalised' && e.payload.to === 'active')
      await this.applications.applyAutomatic(e.payload.id, 'hospital_discharge');
    if (e.topic === 'elder.updated' && e.payload.triggers?.includes('dementia_diagnosis'))
      await this.applications.applyAutomatic(e.payload.id, 'dementia_diagnosis');
  }

  /** Routine applications 12 months after the last published result; idempotent (one open per elder). */
  async dueScan(): Promise<{ created: number }> {
    const cutoff = addMonths(todayIso(nowOf(this.deps)), -ASSESSMENT_ROUTINE_MONTHS);
    const rows = await assessmentRepo(this.deps.db).routineCandidates(
      new Date(`${cutoff}T23:59:59.999+08:00`),
    );
    let created = 0;
    for (const r of rows) {
      const due = addMonths(todayIso(new Date(r.published_at as string)), ASSESSMENT_ROUTINE_MONTHS);
      if (await this.applications.applyAutomatic(r.elder_id, 'routine', due)) created++;
    }
    return { created };
  }
}
