import {
  COMPLAINT_RESPONSE_HOURS,
  isPersonalAccount,
  type ComplaintCategory,
  type ComplaintSatisfaction,
} from '@yiyang/contracts';
import { covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/masking.ts';
import { transact, type TransactDeps, type UnitOfWork } from '../../platform/uow.ts';
import { findElder, findElderInScope } from '../elder/index.ts';
import { findOrderInScope } from '../order/index.ts';
import { findOrganisation } from '../organisation/index.ts';
import { feedbackRepo, type ComplaintFilter, type ComplaintRow } from './feedback.repo.ts';
import type { ComplaintBody, ComplaintView } from './feedback.schema.ts';

export const PHONE_CONTEXT = 'complaints.complainant_phone';
const HOUR = 3_600_000;
/** The timeline's word for each command. */
const DONE = { assign: 'assigned', respond: 'responded', close: 'closed' } as const;

export type FeedbackDeps = TransactDeps & { db: Db; cipher: FieldCipher; now?: () => Date };
export const nowOf = (deps: { now?: () => Date }) => deps.now?.() ?? new Date();

const refused = (c: ComplaintRow, command: string) =>
  new DomainError('complaint.invalid_state', { status: 409, params: { status: c.status, command } });

/** What the caller may do with the complaint now (the console and the phone show only these). */
function commandsOf(auth: AuthContext, c: ComplaintRow): string[] {
  if (isPersonalAccount(auth.roles) || !auth.permissions.has('complaint:write')) return [];
  const centre = covers(auth.scope, { regionCode: c.regionCode });
  const provider = !!c.organisationId && c.organisationId === auth.organisationId;
  const out: string[] = [];
  if (centre && ['received', 'assigned'].includes(c.status)) out.push('assign');
  if ((centre || provider) && ['received', 'assigned'].includes(c.status)) out.push('respond');
  if (centre && c.status === 'responded') out.push('close');
  return out;
}

export function complaintView(
  auth: AuthContext,
  c: ComplaintRow,
  elderName: string | null,
  now: Date,
): ComplaintView {
  return {
    id: c.id,
    regionCode: c.regionCode,
    elderId: c.elderId,
    elderNameMasked: elderName,
    orderId: c.orderId,
    providerId: c.providerId,
    organisationId: c.organisationId,
    category: c.category as ComplaintCategory,
    channel: c.channel as ComplaintView['channel'],
    description: c.description,
    complainantName: c.complainantName,
    complainantPhoneMasked: c.complainantPhoneMasked,
    status: c.status as ComplaintView['status'],
    dueAt: c.dueAt.toISOString(),
    overdue: c.status !== 'closed' && !c.respondedAt && c.dueAt < now,
    escalationLevel: c.escalationLevel,
    response: c.response,
    correctiveAction: c.correctiveAction,
    respondedAt: c.respondedAt?.toISOString() ?? null,
    respondedByName: c.respondedByName,
    satisfaction: c.satisfaction as ComplaintSatisfaction | null,
    closeNote: c.closeNote,
    closedAt: c.closedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    commands: commandsOf(auth, c),
  };
}

/**
 * Complaints (投诉, issue 15 §7, decision 027): filed by the elder or family on the phone, or taken by a seat
 * or a community worker; passed to the provider concerned, answered with a corrective action, closed by the
 * centre after calling the complainant back. Overdue ones escalate (`escalate`, a schedule).
 */
export class ComplaintService {
  constructor(private readonly deps: FeedbackDeps) {}

  async list(auth: AuthContext, f: ComplaintFilter & { limit: number }) {
    if (f.regionCode && !covers(auth.scope, { regionCode: f.regionCode }))
      throw invalidField('/query/regionCode', 'auth.out_of_scope');
    const now = nowOf(this.deps);
    const rows = await feedbackRepo(this.deps.db).listComplaints(auth, f, now, f.limit);
    return { items: rows.map((r) => complaintView(auth, r.c, r.elderName, now)) };
  }

  private async visible(auth: AuthContext, id: string): Promise<ComplaintRow> {
    const c = await feedbackRepo(this.deps.db).complaintInScope(auth, id);
    if (!c) throw notFound('complaint.not_found');
    return c;
  }

  async get(auth: AuthContext, id: string) {
    const c = await this.visible(auth, id);
    const repo = feedbackRepo(this.deps.db);
    // The masked name only: whoever sees the complaint may see whom it concerns.
    const elder = c.elderId ? await findElder(this.deps.db, c.elderId) : null;
    const events = await repo.events(c.id);
    return {
      ...complaintView(auth, c, elder?.nameMasked ?? null, nowOf(this.deps)),
      timeline: events.map((e) => ({
        action: e.action,
        byName: e.byName,
        note: e.note,
        at: e.at.toISOString(),
      })),
    };
  }

  /** POST /complaints: about an order (its elder, provider and caregiver follow) or an elder. */
  async file(auth: AuthContext, actor: Actor, body: ComplaintBody) {
    const personal = isPersonalAccount(auth.roles);
    let subject: {
      regionCode: string;
      elderId: string;
      providerId: string | null;
      caregiverId: string | null;
    };
    if (body.orderId) {
      const o = await findOrderInScope(this.deps.db, auth, body.orderId);
      if (!o) throw invalidField('/body/orderId', 'order.not_found');
      subject = {
        regionCode: o.regionCode,
        elderId: o.elderId,
        providerId: o.providerId,
        caregiverId: o.caregiverId,
      };
    } else if (body.elderId) {
      const e = await findElderInScope(this.deps.db, auth.scope, body.elderId);
      if (!e) throw invalidField('/body/elderId', 'elder.not_found');
      subject = { regionCode: e.elder.regionCode, elderId: e.elder.id, providerId: null, caregiverId: null };
    } else throw invalidField('/body/orderId', 'complaint.subject_required');
    const now = nowOf(this.deps);
    const phone = personal ? undefined : body.complainantPhone;
    const id = await transact(this.deps, actor, async (tx, uow) => {
      const c = await feedbackRepo(tx).insertComplaint({
        ...subject,
        orderId: body.orderId ?? null,
        category: body.category,
        channel: personal ? 'app' : (body.channel ?? 'hotline'),
        description: body.description,
        complainantUserId: personal ? auth.userId : null,
        complainantName: personal ? auth.displayName : (body.complainantName ?? null),
        complainantPhoneEnc: phone ? this.deps.cipher.encrypt(phone, PHONE_CONTEXT) : null,
        complainantPhoneMasked: phone ? maskPhone(phone) : null,
        dueAt: new Date(now.getTime() + COMPLAINT_RESPONSE_HOURS[body.category] * HOUR),
        createdAt: now,
      });
      await this.record(tx, uow, actor, c, 'filed', 'complaint.file', null);
      return c.id;
    });
    return this.get(auth, id);
  }

  /** The timeline row and the audit entry of one step. */
  private async record(
    tx: Tx,
    uow: UnitOfWork,
    actor: Actor,
    c: ComplaintRow,
    action: string,
    audit: string,
    note: string | null,
  ) {
    await feedbackRepo(tx).addEvent({
      complaintId: c.id,
      action,
      byUserId: actor.userId,
      byName: actor.name,
      note,
    });
    uow.audit({
      // audit actions: complaint.file, complaint.assign, complaint.respond, complaint.close, complaint.escalate
      action: audit,
      entityType: 'complaint',
      entityId: c.id,
      regionCode: c.regionCode,
      organisationId: c.organisationId,
      summary: `投诉 ${action}（${c.category}）`,
      detail: { status: c.status, category: c.category },
    });
  }

  /** Locks the complaint, checks the caller may run `command` now, applies the patch and records it. */
  private async step(
    auth: AuthContext,
    actor: Actor,
    id: string,
    command: 'assign' | 'respond' | 'close',
    patch: (c: ComplaintRow) => Partial<ComplaintRow>,
    note: string | null,
  ) {
    if (isPersonalAccount(auth.roles)) throw forbidden('complaint.personal_cannot_handle');
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = feedbackRepo(tx);
      const c = await repo.complaintInScope(auth, id, { lock: true });
      if (!c) throw notFound('complaint.not_found');
      if (!commandsOf(auth, c).includes(command)) {
        if (command === 'close' && c.status === 'responded')
          throw forbidden('complaint.provider_cannot_close');
        if (['received', 'assigned'].includes(c.status) && command === 'respond')
          throw forbidden('complaint.not_assigned_to_you');
        throw refused(c, command);
      }
      const p = patch(c);
      await repo.updateComplaint(id, p);
      await this.record(tx, uow, actor, { ...c, ...p }, DONE[command], `complaint.${command}`, note);
    });
    return this.get(auth, id);
  }

  async assign(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { organisationId: string; note?: string | undefined },
  ) {
    // Before the transaction: one connection (PGlite) cannot read outside the transaction it holds.
    if (!(await findOrganisation(this.deps.db, body.organisationId)))
      throw invalidField('/body/organisationId', 'organisation.not_found');
    return this.step(
      auth,
      actor,
      id,
      'assign',
      () => ({ status: 'assigned', organisationId: body.organisationId }),
      body.note ?? null,
    );
  }

  respond(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { response: string; correctiveAction?: string | undefined },
  ) {
    return this.step(
      auth,
      actor,
      id,
      'respond',
      () => ({
        status: 'responded',
        response: body.response,
        correctiveAction: body.correctiveAction ?? null,
        respondedAt: nowOf(this.deps),
        respondedByName: actor.name,
      }),
      null,
    );
  }

  close(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { satisfaction: ComplaintSatisfaction; note?: string | undefined },
  ) {
    return this.step(
      auth,
      actor,
      id,
      'close',
      () => ({
        status: 'closed',
        satisfaction: body.satisfaction,
        closeNote: body.note ?? null,
        closedAt: nowOf(this.deps),
      }),
      body.note ?? null,
    );
  }

  /**
   * The escalation schedule: an open complaint without a response past its due time goes to the street (level
   * 1), past twice its allowance to the district (level 2). Rows are taken with SKIP LOCKED (instances split
   * them); each step is recorded on the timeline and audited. Returns how many were escalated.
   */
  async escalate(): Promise<number> {
    const now = nowOf(this.deps);
    return transact(this.deps, { userId: null, name: 'system' }, async (tx, uow) => {
      const repo = feedbackRepo(tx);
      let n = 0;
      for (const c of await repo.dueForEscalation(now, 200)) {
        const allowance = COMPLAINT_RESPONSE_HOURS[c.category as ComplaintCategory] * HOUR;
        const level = now.getTime() >= c.dueAt.getTime() + allowance ? 2 : 1;
        if (level <= c.escalationLevel) continue;
        await repo.updateComplaint(c.id, { escalationLevel: level, escalatedAt: now });
        await this.record(
          tx,
          uow,
          { userId: null, name: 'system' },
          { ...c, escalationLevel: level },
          level === 1 ? 'escalated_street' : 'escalated_district',
          'complaint.escalate',
          null,
        );
        n++;
      }
      return n;
    });
  }
}
