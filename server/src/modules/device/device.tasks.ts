import type { AreaEventCause, DeviceTaskKind, ElderAbility, WelfareOutcome } from '@yiyang/contracts';
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError, invalidField, notFound } from '../../platform/errors.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { openWelfareAlarm } from './device.alarm.ts';
import { welfareRepo } from './device.welfare.repo.ts';
import type {
  AreaEventPatch,
  AreaEventQuery,
  TaskListQuery,
  WelfareCallBody,
} from './device.tasks.schema.ts';
import { deviceAreaEvents, devices, deviceTasks, deviceWelfareCalls } from './device.table.ts';

export type TaskDeps = TransactDeps & { db: Db; now?: () => Date };
type TaskRow = typeof deviceTasks.$inferSelect;
type AreaRow = typeof deviceAreaEvents.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Tasks are the maintainer's and the community's: scoped by the task's community and maintainer. */
const taskInScope = (auth: AuthContext, regionCode?: string): SQL =>
  inScopeAndRegion(
    auth.scope,
    { region: deviceTasks.regionCode, organisation: deviceTasks.maintainerId },
    regionCode,
  );
const areaInScope = (auth: AuthContext, regionCode?: string): SQL =>
  inScopeAndRegion(auth.scope, { region: deviceAreaEvents.regionCode }, regionCode);

const taskView = (t: TaskRow & { serial?: string | null; type?: string | null }) => ({
  id: t.id,
  kind: t.kind as DeviceTaskKind,
  deviceId: t.deviceId,
  serial: t.serial ?? null,
  deviceType: t.type ?? null,
  elderIds: t.elderIds,
  regionCode: t.regionCode,
  maintainerId: t.maintainerId,
  signalAt: t.signalAt.toISOString(),
  openedAt: t.openedAt.toISOString(),
  areaEventId: t.areaEventId,
  closedAt: iso(t.closedAt),
  closedBy: t.closedBy,
  note: t.note,
});

const areaView = (e: AreaRow) => ({
  id: e.id,
  regionCode: e.regionCode,
  cause: e.cause as AreaEventCause,
  openedAt: e.openedAt.toISOString(),
  firstSignalAt: e.firstSignalAt.toISOString(),
  deviceCount: e.deviceCount,
  closedAt: iso(e.closedAt),
  closedBy: e.closedBy,
  note: e.note,
});

/**
 * Device tasks (设备任务) and area events (区域事件) as people see them (decision 029): the maintainer's
 * queue and its close action, the seats' area events and their welfare-call lists (关怀回访名单).
 */
export class DeviceTasks {
  constructor(private readonly deps: TaskDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The queue: open tasks (or all) newest first; tasks folded into an area event only when asked for. */
  async list(auth: AuthContext, q: TaskListQuery) {
    const conds: SQL[] = [taskInScope(auth, q.regionCode)];
    if (q.status === 'open') conds.push(isNull(deviceTasks.closedAt));
    if (q.status === 'closed') conds.push(sql`${deviceTasks.closedAt} IS NOT NULL`);
    if (q.kind) conds.push(eq(deviceTasks.kind, q.kind));
    if (q.deviceId) conds.push(eq(deviceTasks.deviceId, q.deviceId));
    if (q.areaEventId) conds.push(eq(deviceTasks.areaEventId, q.areaEventId));
    else if (!q.deviceId) conds.push(isNull(deviceTasks.areaEventId));
    const after = decodeCursor(q.cursor);
    if (after)
      conds.push(
        or(
          lt(deviceTasks.openedAt, after.createdAt),
          and(eq(deviceTasks.openedAt, after.createdAt), lt(deviceTasks.id, after.id)),
        )!,
      );
    const rows = await this.deps.db
      .select({ t: deviceTasks, serial: devices.serial, type: devices.type })
      .from(deviceTasks)
      .innerJoin(devices, eq(devices.id, deviceTasks.deviceId))
      .where(and(...conds))
      .orderBy(desc(deviceTasks.openedAt), desc(deviceTasks.id))
      .limit(q.limit + 1);
    const p = page(rows, q.limit, (r) => ({ createdAt: r.t.openedAt, id: r.t.id }));
    return {
      items: p.items.map((r) => taskView({ ...r.t, serial: r.serial, type: r.type })),
      nextCursor: p.nextCursor,
    };
  }

  /** A person closes a task with a note (the device was replaced, the elder moved, …). */
  async close(auth: AuthContext, actor: Actor, id: string, note: string) {
    const now = this.now();
    return transact(this.deps, actor, async (tx, uow) => {
      const [t] = await tx
        .select()
        .from(deviceTasks)
        .where(and(eq(deviceTasks.id, id), taskInScope(auth)))
        .for('update');
      if (!t) throw notFound('device.task_not_found');
      if (t.closedAt) throw new DomainError('device.task_closed', { status: 409 });
      const [row] = await tx
        .update(deviceTasks)
        .set({ closedAt: now, closedBy: 'manual', closedByUser: actor.userId, note })
        .where(eq(deviceTasks.id, id))
        .returning();
      uow.audit({
        action: 'device.task_close',
        entityType: 'device_task',
        entityId: id,
        regionCode: t.regionCode,
        organisationId: t.maintainerId,
        summary: `关闭设备任务（${t.kind}）`,
        reason: note,
      });
      return taskView(row!);
    });
  }

  async areaEvents(auth: AuthContext, q: AreaEventQuery) {
    const conds: SQL[] = [areaInScope(auth, q.regionCode)];
    if (q.status === 'open') conds.push(isNull(deviceAreaEvents.closedAt));
    const rows = await this.deps.db
      .select()
      .from(deviceAreaEvents)
      .where(and(...conds))
      .orderBy(desc(deviceAreaEvents.openedAt))
      .limit(q.limit);
    return { items: rows.map(areaView) };
  }

  private async areaOf(auth: AuthContext, id: string): Promise<AreaRow> {
    const [e] = await this.deps.db
      .select()
      .from(deviceAreaEvents)
      .where(and(eq(deviceAreaEvents.id, id), areaInScope(auth)));
    if (!e) throw notFound('device.area_event_not_found');
    return e;
  }

  /**
   * The area event and its welfare-call list: the elders bound to its devices, most vulnerable first —
   * living alone (独居), then by ability level (失能, the higher the sooner), then the oldest — with the last
   * call's outcome.
   */
  async areaEvent(auth: AuthContext, id: string) {
    const e = await this.areaOf(auth, id);
    const rows = await welfareRepo(this.deps.db).list(id);
    return {
      ...areaView(e),
      welfare: rows.map((r) => ({
        elderId: r.elderId,
        nameMasked: r.nameMasked,
        phoneMasked: r.phoneMasked,
        addressMasked: r.addressMasked,
        birthDate: r.birthDate,
        livingSituation: r.livingSituation,
        ability: (r.ability as ElderAbility | null) ?? null,
        outcome: (r.outcome as WelfareOutcome | null) ?? null,
        attempts: r.attempts ?? 0,
        calledAt: iso(r.calledAt),
        calledByName: r.calledByName,
        note: r.callNote,
        alarmId: r.alarmId,
      })),
    };
  }

  /**
   * A seat corrects the cause (power, network, unknown) or closes the event by hand with a note (the power is
   * back but some devices stay silent: their tasks stay open in the maintainer's queue). Audited.
   */
  async updateArea(auth: AuthContext, actor: Actor, id: string, body: AreaEventPatch) {
    if (body.close && !body.note) throw invalidField('/body/note', 'common.required');
    if (!body.close && !body.cause) throw invalidField('/body/cause', 'common.required');
    await this.areaOf(auth, id);
    const now = this.now();
    await transact(this.deps, actor, async (tx, uow) => {
      const [e] = await tx.select().from(deviceAreaEvents).where(eq(deviceAreaEvents.id, id)).for('update');
      if (!e) throw notFound('device.area_event_not_found');
      if (e.closedAt) throw new DomainError('device.area_event_closed', { status: 409 });
      const patch = {
        ...(body.cause ? { cause: body.cause } : {}),
        ...(body.close ? { closedAt: now, closedBy: 'manual', note: body.note ?? null } : {}),
      };
      await tx.update(deviceAreaEvents).set(patch).where(eq(deviceAreaEvents.id, id));
      uow.audit({
        action: 'device.area_event_update',
        entityType: 'device_area_event',
        entityId: id,
        regionCode: e.regionCode,
        summary: body.close
          ? `区域事件人工结束（${body.cause ?? e.cause}）`
          : `区域事件原因改为 ${body.cause}`,
        detail: { from: e.cause, cause: body.cause ?? e.cause, closed: !!body.close },
        reason: body.note ?? null,
      });
    });
    return this.areaEvent(auth, id);
  }

  /**
   * A seat marks a welfare call: well, no answer (called again later: attempts count), or needs help — which
   * opens an alarm (source hotline, the seat as opener) in the same transaction.
   */
  async markCalled(auth: AuthContext, actor: Actor, id: string, body: WelfareCallBody) {
    const e = await this.areaOf(auth, id);
    const now = this.now();
    await transact(this.deps, actor, async (tx, uow) => {
      const elder = await welfareRepo(tx).affectedElder(id, body.elderId);
      if (!elder)
        throw new DomainError('device.not_affected', {
          status: 422,
          errors: [{ pointer: '/body/elderId', code: 'device.not_affected' }],
        });
      const [prev] = await tx
        .select({ attempts: deviceWelfareCalls.attempts })
        .from(deviceWelfareCalls)
        .where(and(eq(deviceWelfareCalls.areaEventId, id), eq(deviceWelfareCalls.elderId, elder.id)))
        .for('update');
      const attempts = (prev?.attempts ?? 0) + 1;
      let alarmId: string | null = null;
      if (body.outcome === 'needs_help') {
        const opened = await openWelfareAlarm(tx, uow, {
          source: 'hotline',
          kind: 'other',
          deviceId: null,
          deviceSerial: null,
          elderIds: [elder.id],
          regionCode: elder.regionCode,
          position: elder.lat != null && elder.lng != null ? { lat: elder.lat, lng: elder.lng } : null,
          occurredAt: now,
          messageId: `welfare:${id}:${elder.id}:${attempts}`,
          openedBy: { userId: actor.userId, name: actor.name },
        });
        alarmId = opened?.alarmId ?? null;
      }
      const values = {
        outcome: body.outcome,
        note: body.note ?? null,
        attempts,
        calledAt: now,
        calledBy: actor.userId,
        calledByName: actor.name,
        alarmId,
      };
      await tx
        .insert(deviceWelfareCalls)
        .values({ areaEventId: id, elderId: elder.id, ...values })
        .onConflictDoUpdate({
          target: [deviceWelfareCalls.areaEventId, deviceWelfareCalls.elderId],
          set: values,
        });
      uow.audit({
        action: 'device.welfare_call',
        entityType: 'device_area_event',
        entityId: id,
        regionCode: e.regionCode,
        summary: `关怀回访：${body.outcome}`,
        detail: { elderId: elder.id, outcome: body.outcome, alarmId },
      });
    });
    return this.areaEvent(auth, id);
  }
}
