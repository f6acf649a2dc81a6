import { ALARM_DUTY_ROLES, type AlarmDutyRole } from '@yiyang/contracts';
import { covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { invalidField } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { findUser, rolesOfUser } from '../user/index.ts';
import { nowOf, type CommandDeps } from './alarm.deps.ts';
import { dutyRepo, responderRepo } from './alarm.repo.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The duty rota (值班表: who sits a seat, supervises, is the duty officer, now) and the responders' register. */
export class AlarmDuty {
  constructor(private readonly deps: CommandDeps) {}

  private dutyRolesOf(auth: AuthContext): AlarmDutyRole[] {
    return ALARM_DUTY_ROLES.filter((r) => auth.roles.includes(r));
  }

  /** Who is on duty now in the caller's area, and the caller's own shift. */
  async now(auth: AuthContext) {
    const now = nowOf(this.deps);
    const shifts = await dutyRepo(this.deps.db).onDuty(now, ALARM_DUTY_ROLES);
    const mine = shifts.find((s) => s.userId === auth.userId);
    return {
      mine: mine
        ? { id: mine.id, role: mine.role as AlarmDutyRole, startsAt: mine.startsAt.toISOString() }
        : null,
      roles: this.dutyRolesOf(auth),
      onDuty: shifts
        .filter((s) => covers(auth.scope, { regionCode: s.regionCode }))
        .map((s) => ({
          userId: s.userId,
          name: s.name,
          role: s.role as AlarmDutyRole,
          regionCode: s.regionCode,
          startsAt: s.startsAt.toISOString(),
          endsAt: iso(s.endsAt),
        })),
    };
  }

  /** A seat signs on: a shift from now with no end, in the seat's own area. */
  async signOn(auth: AuthContext, actor: Actor, role: AlarmDutyRole) {
    if (!this.dutyRolesOf(auth).includes(role) || !auth.regionCode)
      throw invalidField('/body/role', 'alarm.not_on_rota');
    const now = nowOf(this.deps);
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = dutyRepo(tx);
      await repo.endShifts(auth.userId, now);
      const shift = await repo.addShift({
        userId: auth.userId,
        role,
        regionCode: auth.regionCode!,
        startsAt: now,
      });
      uow.audit({
        action: 'alarm.duty_on',
        entityType: 'alarm_duty_shift',
        entityId: shift.id,
        regionCode: shift.regionCode,
        summary: `signed on duty as ${role}`,
      });
    });
    return this.now(auth);
  }

  async signOff(auth: AuthContext, actor: Actor) {
    const now = nowOf(this.deps);
    await transact(this.deps, actor, async (tx, uow) => {
      const ended = await dutyRepo(tx).endShifts(auth.userId, now);
      if (ended)
        uow.audit({
          action: 'alarm.duty_off',
          entityType: 'alarm_duty_shift',
          entityId: auth.userId,
          regionCode: auth.regionCode,
          summary: 'signed off duty',
        });
    });
    return this.now(auth);
  }

  /** A rota entry for someone in the caller's area who holds the duty role (supervisor, duty officer). */
  async addShift(
    auth: AuthContext,
    actor: Actor,
    body: { userId: string; role: AlarmDutyRole; startsAt: string; endsAt: string },
  ) {
    const user = await findUser(this.deps.db, body.userId);
    if (!user?.regionCode || !covers(auth.scope, { regionCode: user.regionCode }))
      throw invalidField('/body/userId', 'user.not_found');
    if (!(await rolesOfUser(this.deps.db, user.id)).includes(body.role))
      throw invalidField('/body/role', 'alarm.not_on_rota');
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) throw invalidField('/body/endsAt', 'alarm.shift_range');
    const shift = await transact(this.deps, actor, async (tx, uow) => {
      const s = await dutyRepo(tx).addShift({
        userId: user.id,
        role: body.role,
        regionCode: user.regionCode!,
        startsAt,
        endsAt,
      });
      uow.audit({
        action: 'alarm.shift_create',
        entityType: 'alarm_duty_shift',
        entityId: s.id,
        regionCode: s.regionCode,
        summary: `duty shift ${body.role} for ${user.displayName}`,
      });
      return s;
    });
    return {
      id: shift.id,
      userId: shift.userId,
      role: shift.role as AlarmDutyRole,
      regionCode: shift.regionCode,
      startsAt: shift.startsAt.toISOString(),
      endsAt: iso(shift.endsAt),
    };
  }

  /** Registers a responder (or moves their base): they must hold alarm:respond, within the caller's area. */
  async setResponder(
    auth: AuthContext,
    actor: Actor,
    userId: string,
    body: { regionCode: string; position: { lat: number; lng: number }; available: boolean },
  ) {
    const user = await findUser(this.deps.db, userId);
    if (!user) throw invalidField('/params/userId', 'user.not_found');
    if (!covers(auth.scope, { regionCode: body.regionCode }))
      throw invalidField('/body/regionCode', 'auth.out_of_scope');
    const home = user.regionCode ?? body.regionCode;
    if (
      !covers(auth.scope, { regionCode: home }) &&
      !covers(auth.scope, { organisationId: user.organisationId })
    )
      throw invalidField('/params/userId', 'user.not_found');
    await transact(this.deps, actor, async (tx, uow) => {
      await responderRepo(tx).upsertResponder({
        userId,
        regionCode: body.regionCode,
        lat: body.position.lat,
        lng: body.position.lng,
        available: body.available,
      });
      uow.audit({
        action: 'alarm.responder_set',
        entityType: 'alarm_responder',
        entityId: userId,
        regionCode: body.regionCode,
        summary: `responder ${user.displayName} ${body.available ? 'available' : 'unavailable'}`,
      });
    });
    return { userId, regionCode: body.regionCode, position: body.position, available: body.available };
  }
}
