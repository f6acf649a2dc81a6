import {
  ORDER_CANCEL_CUTOFF_HOURS,
  isPersonalAccount,
  type OrderCanceller,
  type OrderStatus,
} from '@yiyang/contracts';
import { actsFor, covers, type AuthContext } from '../../platform/access.ts';
import { assign, release } from '../../platform/assignments.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db.ts';
import { todayIso } from '../../platform/dates.ts';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { assertTransition, transition, type TransitionSpec } from '../../platform/transition.ts';
import { transact } from '../../platform/uow.ts';
import { nowOf, type OrderDeps } from './order.deps.ts';
import { ORDER_MACHINE, ORDER_TRANSITIONS, type OrderCommand } from './order.machine.ts';
import { ORDER_SUBJECT, orderRepo, type OrderRow } from './order.repo.ts';
import { seams } from './order.seams.ts';
import type { orders } from './order.table.ts';

type Spec = TransitionSpec<typeof orders>;
type Prepare = (locked: OrderRow, tx: Tx, now: Date) => Promise<Spec> | Spec;
type View<V> = (auth: AuthContext, id: string) => Promise<V>;

/**
 * What the visit module adds to check-in, check-out and confirm (decision 024): the action's own time (a
 * phone's queued action, bounded by the caller), checks after the state's, and its rows written in the same
 * transaction as the transition.
 */
export interface VisitStep {
  at?: Date | undefined;
  check?: (o: OrderRow) => Promise<void> | void;
  record?: (o: OrderRow, tx: Tx, at: Date) => Promise<void>;
}

const payloadOf = (o: OrderRow, command: OrderCommand, extra: object = {}) =>
  ({
    id: o.id,
    from: o.status as OrderStatus,
    to: ORDER_TRANSITIONS[command].to as OrderStatus,
    elderId: o.elderId,
    providerId: o.providerId,
    ...extra,
  }) as never;

const notYourVisit = () => new DomainError('order.not_your_visit', { status: 403 });

/** Who is cancelling: the elder or family themselves, the provider, or staff. */
function cancellerOf(auth: AuthContext, o: OrderRow): OrderCanceller {
  if (isPersonalAccount(auth.roles)) {
    const r = auth.relations.find((x) => x.elderId === o.elderId);
    return r?.kind === 'family' ? 'family' : 'elder';
  }
  if (auth.organisationId && auth.organisationId === o.providerId) return 'provider';
  return 'staff';
}

/**
 * The order's commands after creation (issue 14 §5), each one `transition()` of ORDER_MACHINE: read in scope
 * → early refusal from the table → the command's own checks → lock, update, timeline, audit, event.
 */
export class OrderCommands<V = unknown> {
  constructor(
    private readonly deps: OrderDeps,
    private readonly view: View<V>,
  ) {}

  private async run(
    auth: AuthContext,
    actor: Actor,
    id: string,
    command: OrderCommand,
    check: (o: OrderRow, now: Date) => Promise<void> | void,
    prepare: Prepare,
  ): Promise<V> {
    const now = nowOf(this.deps);
    const r = await orderRepo(this.deps.db).findInScope(auth, id);
    if (!r) throw notFound('order.not_found');
    assertTransition(ORDER_MACHINE, r.o, command, now);
    await check(r.o, now);
    await transact(this.deps, actor, (tx, uow) =>
      transition({ tx, uow, actor, now }, ORDER_MACHINE, id, command, (locked) => prepare(locked, tx, now)),
    );
    return this.view(auth, id);
  }

  /** Personal accounts act through a relationship with may-act-for; staff through their scope. */
  private assertActsFor(auth: AuthContext, o: OrderRow): void {
    if (isPersonalAccount(auth.roles) && !actsFor(auth, o.elderId))
      throw new DomainError('order.elder_out_of_scope', { status: 403 });
  }

  private assertAssignedCaregiver(auth: AuthContext, o: OrderRow): void {
    if (o.caregiverId !== auth.userId) throw notYourVisit();
  }

  accept(auth: AuthContext, actor: Actor, id: string) {
    let providerId: string | null = null;
    return this.run(
      auth,
      actor,
      id,
      'accept',
      (o) => {
        const org = auth.organisationId;
        if (org && o.offeredTo.includes(org)) providerId = org;
        else if (o.providerId && covers(auth.scope, { regionCode: o.regionCode })) providerId = o.providerId;
        else throw new DomainError('order.not_offered', { status: 403 });
      },
      (o, _tx, now) => ({
        patch: { providerId, acceptedAt: now },
        payload: payloadOf({ ...o, providerId }, 'accept'),
      }),
    );
  }

  reject(auth: AuthContext, actor: Actor, id: string, body: { reason: string; note?: string | undefined }) {
    return this.run(
      auth,
      actor,
      id,
      'reject',
      (o) => {
        const org = auth.organisationId;
        if (!(org && o.offeredTo.includes(org)) && !covers(auth.scope, { regionCode: o.regionCode }))
          throw new DomainError('order.not_offered', { status: 403 });
      },
      (o) => ({
        patch: { rejectReason: body.reason, closingNote: body.note ?? null },
        audit: { reason: body.reason, detail: { reason: body.reason } },
        payload: payloadOf(o, 'reject'),
      }),
    );
  }

  /** The caregiver must be of the accepting provider and hold every credential the item requires. */
  private async assertCaregiver(o: OrderRow, caregiverId: string): Promise<void> {
    // One row: this caregiver as dispatch sees them (active, of the provider, kinds valid that day).
    const [me] = o.providerId
      ? (
          await seams.dispatchFactsOf(
            this.deps.db,
            [o.providerId],
            todayIso(o.plannedStart),
            o.plannedStart,
            o.plannedEnd,
            caregiverId,
          )
        ).caregivers
      : [];
    if (!me) throw invalidField('/body/caregiverId', 'order.caregiver_not_of_provider');
    const gaps = [...new Set(o.requiredCredentials)].filter((k) => !me.validKinds.includes(k));
    if (gaps.length)
      throw new DomainError('order.caregiver_lacks_credential', {
        status: 422,
        params: { kinds: gaps.join(', ') },
        errors: [
          { pointer: '/body/caregiverId', code: 'order.caregiver_lacks_credential', params: { kinds: gaps } },
        ],
      });
  }

  assign(auth: AuthContext, actor: Actor, id: string, caregiverId: string) {
    return this.run(
      auth,
      actor,
      id,
      'assign',
      (o) => this.assertCaregiver(o, caregiverId),
      async (o, tx, now) => {
        await assign(tx, {
          subjectType: ORDER_SUBJECT,
          subjectId: o.id,
          userId: caregiverId,
          elderId: o.elderId,
        });
        return {
          patch: { caregiverId, assignedAt: now },
          payload: payloadOf(o, 'assign', { caregiverId }),
        };
      },
    );
  }

  reassign(auth: AuthContext, actor: Actor, id: string, caregiverId: string) {
    return this.run(
      auth,
      actor,
      id,
      'reassign',
      async (o) => {
        if (o.caregiverId === caregiverId) throw invalidField('/body/caregiverId', 'order.same_caregiver');
        await this.assertCaregiver(o, caregiverId);
      },
      async (o, tx, now) => {
        await release(tx, { subjectType: ORDER_SUBJECT, subjectId: o.id });
        await assign(tx, {
          subjectType: ORDER_SUBJECT,
          subjectId: o.id,
          userId: caregiverId,
          elderId: o.elderId,
        });
        return {
          patch: { caregiverId, assignedAt: now, departedAt: null },
          payload: payloadOf(o, 'reassign', { caregiverId, previousCaregiverId: o.caregiverId }),
        };
      },
    );
  }

  depart(auth: AuthContext, actor: Actor, id: string) {
    return this.run(
      auth,
      actor,
      id,
      'depart',
      (o) => this.assertAssignedCaregiver(auth, o),
      (o, _tx, now) => ({ patch: { departedAt: now }, payload: payloadOf(o, 'depart') }),
    );
  }

  checkIn(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { position?: { lat: number; lng: number } | undefined },
    step: VisitStep = {},
  ) {
    return this.run(
      auth,
      actor,
      id,
      'checkIn',
      async (o) => {
        this.assertAssignedCaregiver(auth, o);
        await step.check?.(o);
      },
      async (o, tx, now) => {
        const at = step.at ?? now;
        await step.record?.(o, tx, at);
        return {
          patch: {
            checkInAt: at,
            checkInLat: body.position?.lat ?? null,
            checkInLng: body.position?.lng ?? null,
          },
          timeline: [{ at }],
          payload: payloadOf(o, 'checkIn'),
        };
      },
    );
  }

  /** The visit ends: the caregiver's grant to the elder's contact ends with it. */
  checkOut(
    auth: AuthContext,
    actor: Actor,
    id: string,
    body: { position?: { lat: number; lng: number } | undefined },
    step: VisitStep = {},
  ) {
    return this.run(
      auth,
      actor,
      id,
      'checkOut',
      async (o) => {
        this.assertAssignedCaregiver(auth, o);
        await step.check?.(o);
      },
      async (o, tx, now) => {
        const at = step.at ?? now;
        await step.record?.(o, tx, at);
        await release(tx, { subjectType: ORDER_SUBJECT, subjectId: o.id });
        return {
          timeline: [{ at }],
          patch: {
            checkOutAt: at,
            checkOutLat: body.position?.lat ?? null,
            checkOutLng: body.position?.lng ?? null,
          },
          payload: payloadOf(o, 'checkOut'),
        };
      },
    );
  }

  confirm(auth: AuthContext, actor: Actor, id: string, step: VisitStep = {}) {
    return this.run(
      auth,
      actor,
      id,
      'confirm',
      async (o) => {
        this.assertActsFor(auth, o);
        await step.check?.(o);
      },
      async (o, tx, now) => {
        const at = step.at ?? now;
        await step.record?.(o, tx, at);
        return { patch: { confirmedAt: at }, timeline: [{ at }], payload: payloadOf(o, 'confirm') };
      },
    );
  }

  rate(auth: AuthContext, actor: Actor, id: string, body: { rating: number; comment?: string | undefined }) {
    return this.run(
      auth,
      actor,
      id,
      'rate',
      (o) => this.assertActsFor(auth, o),
      (o, _tx, now) => ({
        patch: { rating: body.rating, ratingComment: body.comment ?? null, ratedAt: now },
        audit: { detail: { rating: body.rating } },
        payload: payloadOf(o, 'rate', { rating: body.rating }),
      }),
    );
  }

  /**
   * Elder and family cancel up to ORDER_CANCEL_CUTOFF_HOURS before the visit; the provider and staff later,
   * with a note. Any assignment ends.
   */
  cancel(auth: AuthContext, actor: Actor, id: string, body: { reason: string; note?: string | undefined }) {
    let by: OrderCanceller = 'staff';
    return this.run(
      auth,
      actor,
      id,
      'cancel',
      (o, now) => {
        this.assertActsFor(auth, o);
        by = cancellerOf(auth, o);
        const late = o.plannedStart.getTime() - now.getTime() < ORDER_CANCEL_CUTOFF_HOURS * 3_600_000;
        if (late && (by === 'elder' || by === 'family'))
          throw new DomainError('order.cancel_cutoff', {
            status: 422,
            params: { hours: ORDER_CANCEL_CUTOFF_HOURS },
            errors: [
              {
                pointer: '/body/reason',
                code: 'order.cancel_cutoff',
                params: { hours: ORDER_CANCEL_CUTOFF_HOURS },
              },
            ],
          });
        if (late && !body.note) throw invalidField('/body/note', 'order.cancel_note_required');
      },
      (o, tx, now) => this.cancelSpec(o, tx, now, by, body.reason, body.note ?? null),
    );
  }

  /** The cancellation's patch (also the elder status handler's, order.plans.ts). */
  async cancelSpec(
    o: OrderRow,
    tx: Tx,
    now: Date,
    by: OrderCanceller,
    reason: string,
    note: string | null,
  ): Promise<Spec> {
    await release(tx, { subjectType: ORDER_SUBJECT, subjectId: o.id });
    return {
      patch: { cancelledAt: now, cancelledBy: by, cancelReason: reason, closingNote: note },
      audit: { reason, detail: { by, reason } },
      payload: payloadOf(o, 'cancel', { reason }),
    };
  }

  /** The elder was not home: the assigned caregiver, or the provider or staff. */
  noShow(auth: AuthContext, actor: Actor, id: string, body: { note?: string | undefined }) {
    return this.run(
      auth,
      actor,
      id,
      'noShow',
      (o) => {
        if (o.caregiverId !== auth.userId && !auth.permissions.has('order:dispatch')) throw forbidden();
      },
      async (o, tx) => {
        await release(tx, { subjectType: ORDER_SUBJECT, subjectId: o.id });
        return { patch: { closingNote: body.note ?? null }, payload: payloadOf(o, 'noShow') };
      },
    );
  }

  dispute(auth: AuthContext, actor: Actor, id: string, body: { note: string }) {
    return this.run(
      auth,
      actor,
      id,
      'dispute',
      (o) => this.assertActsFor(auth, o),
      (o, _tx, now) => ({
        patch: { disputedAt: now, closingNote: body.note },
        payload: payloadOf(o, 'dispute'),
      }),
    );
  }
}
