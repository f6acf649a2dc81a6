import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { assertTransition, transition } from '../../platform/transition.ts';
import { transact } from '../../platform/uow.ts';
import { todayIso } from '../../platform/dates.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import { ASSESSMENT_MACHINE } from './assessment.machine.ts';
import type { AssessmentQueries } from './assessment.queries.ts';
import { assessmentRepo, type AssessmentRow } from './assessment.repo.ts';
import type { AssignInput, DetailView } from './assessment.schema.ts';
import { certRef } from './assessment.views.ts';
import { findOrganisationInScope } from '../organisation/index.ts';
import { bestCertificate, type CertificateRow, certificatesOf, certificateValidOn } from '../staff/index.ts';

type Person = Awaited<ReturnType<ReturnType<typeof assessmentRepo>['usersWithRole']>>[number];

/** A 422 with the pointer the form shows under the input. */
const fieldError = (code: string, pointer: string, params?: Record<string, unknown>) =>
  new DomainError(code, {
    status: 422,
    ...(params ? { params } : {}),
    errors: [{ pointer, code, ...(params ? { params } : {}) }],
  });

/** Assignment: an agency and two certified assessors of it (decision 006, 002_… §三(一)). */
export class AssessmentAssignment {
  constructor(
    private readonly deps: AssessmentDeps,
    private readonly queries: AssessmentQueries,
  ) {}

  private async agency(auth: AuthContext, agencyId: string) {
    const org = await findOrganisationInScope(this.deps.db, auth.scope, agencyId);
    if (!org) throw notFound('organisation.not_found');
    if (org.type !== 'assessment_agency' || org.status !== 'active')
      throw new DomainError('common.validation', {
        status: 422,
        errors: [{ pointer: '/body/agencyId', code: 'assessment.agency_invalid' }],
      });
    return org;
  }

  /** Users excluded from a re-review: the assessors of the disputed record. */
  private async excludedAssessors(a: AssessmentRow): Promise<Set<string>> {
    if (!a.supersedesId) return new Set();
    return new Set(
      (await assessmentRepo(this.deps.db).assessorsOf([a.supersedesId])).map((r) => r.row.userId),
    );
  }

  async eligible(auth: AuthContext, id: string, agencyId: string) {
    const { a } = await this.queries.current(auth, id);
    await this.agency(auth, agencyId);
    const onDate = todayIso(a.scheduledAt ?? nowOf(this.deps));
    const people = await assessmentRepo(this.deps.db).usersWithRole(agencyId, 'assessor');
    const certs = await certificatesOf(
      this.deps.db,
      people.map((p) => p.id),
      'assessor',
    );
    const excluded = await this.excludedAssessors(a);
    return {
      onDate,
      items: people.map((p) => {
        const c = bestCertificate(
          certs.filter((x) => x.userId === p.id),
          onDate,
        );
        return {
          userId: p.id,
          displayName: p.displayName,
          username: p.username,
          certificate: c ? certRef(c) : null,
          certificateValid: c ? certificateValidOn(c, onDate) : false,
          excluded: excluded.has(p.id),
        };
      }),
    };
  }

  /** Each chosen user: an assessor of the agency, not excluded, with a certificate valid on `onDate`. */
  private async chooseAssessors(a: AssessmentRow, agencyId: string, ids: string[], onDate: string) {
    const people = new Map<string, Person>(
      (await assessmentRepo(this.deps.db).usersWithRole(agencyId, 'assessor')).map((p) => [p.id, p]),
    );
    const certs = await certificatesOf(this.deps.db, ids, 'assessor');
    const excluded = await this.excludedAssessors(a);
    const chosen: { userId: string; cert: CertificateRow }[] = [];
    for (const [i, userId] of ids.entries()) {
      const pointer = `/body/assessorIds/${i}`;
      const person = people.get(userId);
      if (!person) throw fieldError('assessment.assessor_not_eligible', pointer);
      if (excluded.has(userId)) throw fieldError('assessment.assessor_excluded', pointer);
      const c = bestCertificate(
        certs.filter((x) => x.userId === userId),
        onDate,
      );
      const params = { name: person.displayName, date: onDate };
      if (!c) throw fieldError('assessment.certificate_missing', pointer, params);
      if (!certificateValidOn(c, onDate)) throw fieldError('assessment.certificate_expired', pointer, params);
      chosen.push({ userId, cert: c });
    }
    return chosen;
  }

  async assign(auth: AuthContext, actor: Actor, id: string, input: AssignInput): Promise<DetailView> {
    const { a } = await this.queries.current(auth, id);
    assertTransition(ASSESSMENT_MACHINE, a, 'assign', nowOf(this.deps));
    const org = await this.agency(auth, input.agencyId);
    const ids = input.assessorIds;
    if (ids.length !== 2 || ids[0] === ids[1])
      throw fieldError('assessment.two_assessors_required', '/body/assessorIds');
    const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : nowOf(this.deps);
    const chosen = await this.chooseAssessors(a, org.id, ids, todayIso(scheduledAt));
    await transact(this.deps, actor, async (tx, uow) => {
      const now = nowOf(this.deps);
      await transition({ tx, uow, actor, now }, ASSESSMENT_MACHINE, id, 'assign', async () => {
        await assessmentRepo(tx).setAssessors(
          id,
          chosen.map((c, position) => ({
            assessmentId: id,
            userId: c.userId,
            certificateId: c.cert.id,
            position,
          })),
        );
        return {
          patch: { organisationId: org.id, scheduledAt, assignedAt: now },
          audit: {
            summary: `指派评估机构 ${org.name} 及两名评估员`,
            detail: { agencyId: org.id, assessorIds: ids, scheduledAt: scheduledAt.toISOString() },
          },
          payload: { id, agencyId: org.id, assessorIds: ids },
        };
      });
    });
    return this.queries.get(auth, id);
  }
}
