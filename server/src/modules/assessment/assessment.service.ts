import type { AssessmentReason, DomainEvent } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { AssessmentApplications } from './assessment.application.ts';
import { AssessmentAssignment } from './assessment.assign.ts';
import type { AssessmentDeps } from './assessment.deps.ts';
import { AssessmentQueries } from './assessment.queries.ts';
import { AssessmentRegistryBridge } from './assessment.registryBridge.ts';
import { assessmentReport, type AssessmentReportFile } from './assessment.report.service.ts';
import type {
  ApplyInput,
  AssessmentCreate,
  AssignInput,
  DetailView,
  FormInput,
  SignInput,
  SubmitInput,
} from './assessment.schema.ts';
import { AssessmentTriggers } from './assessment.triggers.ts';
import { AssessmentWorkflow } from './assessment.workflow.ts';

export type { AssessmentDeps } from './assessment.deps.ts';

/**
 * The assessment module's one service (decision 006), as routes, the CLI and app.ts see it. Each
 * method delegates to the part that implements it: queries (assessment.queries.ts), applications
 * (assessment.application.ts), assignment (assessment.assign.ts), the workflow on its transition
 * table (assessment.workflow.ts, assessment.machine.ts), the registry bridge
 * (assessment.registryBridge.ts), triggers (assessment.triggers.ts) and the report.
 */
export class AssessmentService {
  private readonly queries: AssessmentQueries;
  private readonly applications: AssessmentApplications;
  private readonly assignment: AssessmentAssignment;
  private readonly workflow: AssessmentWorkflow;
  private readonly bridge: AssessmentRegistryBridge;
  private readonly triggers: AssessmentTriggers;

  constructor(private readonly deps: AssessmentDeps) {
    this.queries = new AssessmentQueries(deps);
    this.applications = new AssessmentApplications(deps, this.queries);
    this.assignment = new AssessmentAssignment(deps, this.queries);
    this.workflow = new AssessmentWorkflow(deps, this.queries);
    this.bridge = new AssessmentRegistryBridge(deps, this.queries);
    this.triggers = new AssessmentTriggers(deps, this.applications);
  }

  // Queries

  standards() {
    return this.queries.standards();
  }
  standard(code: string) {
    return this.queries.standard(code);
  }
  list(auth: AuthContext, q: Parameters<AssessmentQueries['list']>[1]) {
    return this.queries.list(auth, q);
  }
  get(auth: AuthContext, id: string): Promise<DetailView> {
    return this.queries.get(auth, id);
  }
  history(auth: AuthContext, elderId: string) {
    return this.queries.history(auth, elderId);
  }
  due(auth: AuthContext, q: { regionCode?: string; withinDays: number }) {
    return this.queries.due(auth, q);
  }
  levelReview(auth: AuthContext, q: { regionCode?: string; limit: number; cursor?: string }) {
    return this.queries.levelReview(auth, q);
  }
  stats(auth: AuthContext, regionCode: string | undefined) {
    return this.queries.stats(auth, regionCode);
  }

  // Applications and triggers

  create(auth: AuthContext, actor: Actor, input: AssessmentCreate): Promise<DetailView> {
    return this.applications.create(auth, actor, input);
  }
  applyAutomatic(elderId: string, reason: AssessmentReason, dueBy: string | null = null) {
    return this.applications.applyAutomatic(elderId, reason, dueBy);
  }
  onEvent(e: DomainEvent): Promise<void> {
    return this.triggers.onEvent(e);
  }
  dueScan(): Promise<{ created: number }> {
    return this.triggers.dueScan();
  }

  // Assignment and workflow

  eligible(auth: AuthContext, id: string, agencyId: string) {
    return this.assignment.eligible(auth, id, agencyId);
  }
  assign(auth: AuthContext, actor: Actor, id: string, input: AssignInput): Promise<DetailView> {
    return this.assignment.assign(auth, actor, id, input);
  }
  saveForm(auth: AuthContext, actor: Actor, id: string, input: FormInput): Promise<DetailView> {
    return this.workflow.saveForm(auth, actor, id, input);
  }
  submit(auth: AuthContext, actor: Actor, id: string, input: SubmitInput): Promise<DetailView> {
    return this.workflow.submit(auth, actor, id, input);
  }
  sign(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: SignInput,
    meta: { ip: string; requestId: string },
  ): Promise<DetailView> {
    return this.workflow.sign(auth, actor, id, input, meta);
  }
  dispute(auth: AuthContext, actor: Actor, id: string, input: { reason: string }) {
    return this.workflow.dispute(auth, actor, id, input);
  }
  cancel(auth: AuthContext, actor: Actor, id: string, input: { reason: string }): Promise<DetailView> {
    return this.workflow.cancel(auth, actor, id, input);
  }

  // Appendix A ↔ registry, report

  prefill(auth: AuthContext, actor: Actor, id: string) {
    return this.bridge.prefill(auth, actor, id);
  }
  applyBasicInfo(auth: AuthContext, actor: Actor, id: string, input: ApplyInput) {
    return this.bridge.applyBasicInfo(auth, actor, id, input);
  }
  report(auth: AuthContext, actor: Actor, id: string): Promise<AssessmentReportFile> {
    return assessmentReport(this.deps, this.queries, auth, actor, id);
  }
}
