import {
  BASE_POSITION_DECIMALS,
  TRAINING_KIND_LABELS,
  type CaregiverDetail,
  type CaregiverList,
  type StaffBase,
  type StaffIndicatorRow,
  type StaffIndicators,
  type StaffLeave,
  type StaffShift,
  type StaffTraining,
} from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor, AuditEntry } from '../../platform/audit.ts';
import { todayIso } from '../../platform/dates.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db.ts';
import { transact } from '../../platform/uow.ts';
import { staffPeopleRepo, type Holder } from './staff.people.repo.ts';
import { staffRepo } from './staff.repo.ts';
import { byUser, coarsePosition, minutesOf, validKindsOn } from './staff.rules.ts';
import type { LeaveCreate, ShiftCreate, TrainingCreate } from './staff.schema.ts';
import { holderPlace, staffHolder, type StaffDeps } from './staff.service.ts';
import {
  caregiverView,
  certificateView,
  isCertified,
  isPreJobTrained,
  leaveView,
  shiftView,
  trainingView,
} from './staff.views.ts';

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 10_000) / 10_000);

/**
 * Providers' caregivers (issue 14): the provider admin's list, training records, weekly shifts, leave and
 * work base, and the workforce indicators 持证上岗率 / 岗前培训率 (`001_…` 附表 11–12).
 */
export class CaregiverService {
  constructor(private readonly deps: StaffDeps) {}

  private today(): string {
    return todayIso(this.deps.now?.() ?? new Date());
  }

  /** Caregivers of the providers in scope (one provider, or within a region, when asked). */
  async list(auth: AuthContext, q: { organisationId?: string; regionCode?: string }): Promise<CaregiverList> {
    const providers = await staffPeopleRepo(this.deps.db).providersInScope(
      auth.scope,
      q.regionCode,
      q.organisationId,
    );
    const people = await staffPeopleRepo(this.deps.db).caregiversOf(
      providers.map((p) => p.id),
      true,
    );
    return { items: await this.summaries(people) };
  }

  async detail(auth: AuthContext, userId: string): Promise<CaregiverDetail> {
    const h = await staffHolder(this.deps, auth, userId, false);
    const today = this.today();
    const [summary] = await this.summaries([h]);
    const repo = staffRepo(this.deps.db);
    const [certs, trainings] = await Promise.all([repo.certificatesOf([userId]), repo.trainingsOf([userId])]);
    return {
      ...summary!,
      certificates: certs.map((c) => certificateView(c, today)),
      trainings: trainings.map(trainingView),
    };
  }

  private async summaries(people: Holder[]) {
    const ids = people.map((p) => p.id);
    const repo = staffRepo(this.deps.db);
    const today = this.today();
    const [certs, trainings, shifts, leaves, bases] = await Promise.all([
      repo.certificatesOf(ids),
      repo.trainingsOf(ids),
      repo.shiftsOf(ids),
      repo.leavesOf(ids, today),
      repo.basesOf(ids),
    ]);
    const [c, t, s, l] = [byUser(certs), byUser(trainings), byUser(shifts), byUser(leaves)];
    const b = new Map(bases.map((x) => [x.userId, x]));
    return people.map((h) =>
      caregiverView(
        h,
        {
          certs: c.get(h.id) ?? [],
          trainings: t.get(h.id) ?? [],
          shifts: s.get(h.id) ?? [],
          leaves: l.get(h.id) ?? [],
          ...(b.has(h.id) ? { base: b.get(h.id)! } : {}),
        },
        today,
      ),
    );
  }

  /** Runs a change to one holder's records in a transaction, audited at the holder's place. */
  private async change<T>(
    auth: AuthContext,
    actor: Actor,
    userId: string,
    fn: (tx: Tx, h: Holder) => Promise<T>,
    audit: (h: Holder, r: T) => Omit<AuditEntry, 'entityType' | 'entityId' | 'regionCode' | 'organisationId'>,
  ): Promise<T> {
    const h = await staffHolder(this.deps, auth, userId, true);
    return transact(this.deps, actor, async (tx, uow) => {
      const r = await fn(tx, h);
      uow.audit({ ...holderPlace(h), ...audit(h, r) });
      return r;
    });
  }

  async addTraining(
    auth: AuthContext,
    actor: Actor,
    userId: string,
    input: TrainingCreate,
  ): Promise<StaffTraining> {
    if (input.endedOn < input.startedOn) throw invalidField('/body/endedOn', 'staff.training_dates');
    const row = await this.change(
      auth,
      actor,
      userId,
      (tx, h) =>
        staffRepo(tx).insertTraining({
          userId,
          organisationId: h.organisationId,
          kind: input.kind,
          topic: input.topic,
          provider: input.provider ?? null,
          startedOn: input.startedOn,
          endedOn: input.endedOn,
          hours: input.hours,
          createdBy: actor.userId,
        }),
      (h, r) => ({
        action: 'staff.training_add',
        summary: `为 ${h.displayName} 登记${TRAINING_KIND_LABELS[input.kind].zh}（${input.topic}，${input.hours} 学时）`,
        detail: { trainingId: r.id, kind: input.kind, hours: input.hours },
      }),
    );
    return trainingView(row);
  }

  async removeTraining(auth: AuthContext, actor: Actor, userId: string, id: string): Promise<void> {
    await this.change(
      auth,
      actor,
      userId,
      async (tx) => {
        const r = await staffRepo(tx).deleteTraining(userId, id);
        if (!r) throw notFound('staff.training_not_found');
        return r;
      },
      (h, r) => ({
        action: 'staff.training_remove',
        summary: `删除 ${h.displayName} 的培训记录（${r.topic}）`,
        detail: { trainingId: id, kind: r.kind, hours: r.hours },
      }),
    );
  }

  async addShift(auth: AuthContext, actor: Actor, userId: string, input: ShiftCreate): Promise<StaffShift> {
    const [from, to] = [minutesOf(input.start), minutesOf(input.end)];
    if (to <= from) throw invalidField('/body/end', 'staff.shift_times');
    const row = await this.change(
      auth,
      actor,
      userId,
      async (tx) => {
        const same = (await staffRepo(tx).shiftsOf([userId])).filter((s) => s.weekday === input.weekday);
        if (same.some((s) => minutesOf(s.startTime) < to && minutesOf(s.endTime) > from))
          throw conflict('staff.shift_overlap', {}, '/body/start');
        return staffRepo(tx).insertShift({
          userId,
          weekday: input.weekday,
          startTime: input.start,
          endTime: input.end,
        });
      },
      (h, r) => ({
        action: 'staff.shift_add',
        summary: `为 ${h.displayName} 排班（周${r.weekday} ${r.startTime}–${r.endTime}）`,
        detail: { shiftId: r.id, weekday: r.weekday, start: r.startTime, end: r.endTime },
      }),
    );
    return shiftView(row);
  }

  async removeShift(auth: AuthContext, actor: Actor, userId: string, id: string): Promise<void> {
    await this.change(
      auth,
      actor,
      userId,
      async (tx) => {
        const r = await staffRepo(tx).deleteShift(userId, id);
        if (!r) throw notFound('staff.shift_not_found');
        return r;
      },
      (h, r) => ({
        action: 'staff.shift_remove',
        summary: `取消 ${h.displayName} 的班次（周${r.weekday} ${r.startTime}–${r.endTime}）`,
        detail: { shiftId: id },
      }),
    );
  }

  async addLeave(auth: AuthContext, actor: Actor, userId: string, input: LeaveCreate): Promise<StaffLeave> {
    if (input.to < input.from) throw invalidField('/body/to', 'staff.leave_dates');
    const row = await this.change(
      auth,
      actor,
      userId,
      (tx) =>
        staffRepo(tx).insertLeave({
          userId,
          fromDate: input.from,
          toDate: input.to,
          reason: input.reason,
          createdBy: actor.userId,
        }),
      (h, r) => ({
        action: 'staff.leave_add',
        summary: `登记 ${h.displayName} 请假（${r.fromDate} 至 ${r.toDate}）`,
        detail: { leaveId: r.id, from: r.fromDate, to: r.toDate },
        reason: input.reason,
      }),
    );
    return leaveView(row);
  }

  async removeLeave(auth: AuthContext, actor: Actor, userId: string, id: string): Promise<void> {
    await this.change(
      auth,
      actor,
      userId,
      async (tx) => {
        const r = await staffRepo(tx).deleteLeave(userId, id);
        if (!r) throw notFound('staff.leave_not_found');
        return r;
      },
      (h, r) => ({
        action: 'staff.leave_remove',
        summary: `取消 ${h.displayName} 的请假（${r.fromDate} 至 ${r.toDate}）`,
        detail: { leaveId: id },
      }),
    );
  }

  /** Sets the work base, rounded to BASE_POSITION_DECIMALS (never more precise than ≈110 m). */
  async setBase(auth: AuthContext, actor: Actor, userId: string, input: StaffBase): Promise<StaffBase> {
    const p = coarsePosition(input, BASE_POSITION_DECIMALS);
    const row = await this.change(
      auth,
      actor,
      userId,
      (tx) => staffRepo(tx).setBase(userId, p.lat, p.lng, new Date()),
      (h) => ({ action: 'staff.base_set', summary: `设置 ${h.displayName} 的服务驻点`, detail: p }),
    );
    return { lat: row.lat, lng: row.lng };
  }

  /** 持证上岗率 and 岗前培训率 of the providers in scope (within `regionCode` when given), today. */
  async indicators(auth: AuthContext, regionCode?: string): Promise<StaffIndicators> {
    // A region asked for must be the caller's (a provider's admin asks for its own provider, without one).
    if (regionCode) assertCovers(auth, { regionCode }, '/query/regionCode');
    const people = staffPeopleRepo(this.deps.db);
    const providers = await people.providersInScope(auth.scope, regionCode);
    const caregivers = await people.caregiversOf(providers.map((p) => p.id));
    const ids = caregivers.map((c) => c.id);
    const today = this.today();
    const repo = staffRepo(this.deps.db);
    const [certs, trainings] = await Promise.all([repo.certificatesOf(ids), repo.trainingsOf(ids)]);
    const [c, t] = [byUser(certs), byUser(trainings)];
    const facts = caregivers.map((h) => ({
      org: h.organisationId,
      certified: isCertified(validKindsOn(c.get(h.id) ?? [], today)),
      trained: isPreJobTrained(t.get(h.id) ?? []),
    }));
    const row = (of: typeof facts): StaffIndicatorRow => {
      const certified = of.filter((f) => f.certified).length;
      const preJobTrained = of.filter((f) => f.trained).length;
      return {
        activeCaregivers: of.length,
        certified,
        preJobTrained,
        certifiedRate: rate(certified, of.length),
        preJobTrainingRate: rate(preJobTrained, of.length),
      };
    };
    return {
      asOf: today,
      regionCode: regionCode ?? null,
      providers: providers.map((p) => ({
        organisationId: p.id,
        name: p.name,
        regionCode: p.regionCode,
        ...row(facts.filter((f) => f.org === p.id)),
      })),
      total: row(facts),
    };
  }
}
