import type { AlarmDutyRole } from '@yiyang/contracts';
import { and, arrayOverlaps, desc, eq, gt, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { assignedTo, inScope, type AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { users } from '../user/user.table.ts';
import {
  alarmDutyShifts,
  alarmEvents,
  alarmNotes,
  alarmNotifications,
  alarmResponders,
  alarms,
  alarmTimers,
} from './alarm.table.ts';

export type AlarmRow = typeof alarms.$inferSelect;
export type AlarmTimerRow = typeof alarmTimers.$inferSelect;
export type DutyShiftRow = typeof alarmDutyShifts.$inferSelect;

/** Assignments of responders name this subject type (platform/assignments.ts, decision 010). */
export const ALARM_SUBJECT = 'alarm';

/**
 * Where a caller sees alarms: seats and officers by region (and anything assigned to them); a responder
 * only the alarms dispatched to them, while the assignment lasts (released when the alarm closes).
 */
export function alarmScope(auth: AuthContext): SQL {
  if (auth.permissions.has('alarm:read'))
    return inScope(auth.scope, {
      region: alarms.regionCode,
      assigned: { subjectType: ALARM_SUBJECT, id: alarms.id },
    });
  if (auth.permissions.has('alarm:respond')) return assignedTo(auth.scope, ALARM_SUBJECT, alarms.id);
  return sql`false`;
}

export interface AlarmListFilter {
  open?: boolean | undefined;
  elderId?: string | undefined;
  regionCode?: string | undefined;
  limit: number;
}

export function alarmRepo(db: Executor) {
  return {
    async find(id: string): Promise<AlarmRow | null> {
      const [row] = await db.select().from(alarms).where(eq(alarms.id, id)).limit(1);
      return row ?? null;
    },
    async findInScope(auth: AuthContext, id: string): Promise<AlarmRow | null> {
      const [row] = await db
        .select()
        .from(alarms)
        .where(and(eq(alarms.id, id), alarmScope(auth)))
        .limit(1);
      return row ?? null;
    },
    list(auth: AuthContext, f: AlarmListFilter) {
      const conds: (SQL | undefined)[] = [alarmScope(auth)];
      if (f.open === true) conds.push(ne(alarms.status, 'closed'));
      if (f.open === false) conds.push(eq(alarms.status, 'closed'));
      if (f.elderId) conds.push(arrayOverlaps(alarms.elderIds, [f.elderId]));
      if (f.regionCode) conds.push(sql`${alarms.regionCode} LIKE ${`${f.regionCode.replace(/0+$/, '')}%`}`);
      return db
        .select()
        .from(alarms)
        .where(and(...conds))
        .orderBy(desc(alarms.receivedAt), desc(alarms.id))
        .limit(f.limit);
    },
    async addEvent(e: typeof alarmEvents.$inferInsert): Promise<void> {
      await db.insert(alarmEvents).values(e);
    },
    events: (alarmId: string) =>
      db.select().from(alarmEvents).where(eq(alarmEvents.alarmId, alarmId)).orderBy(alarmEvents.at),
    notes: (alarmId: string) =>
      db.select().from(alarmNotes).where(eq(alarmNotes.alarmId, alarmId)).orderBy(alarmNotes.at),
    async addNote(n: typeof alarmNotes.$inferInsert) {
      const [row] = await db.insert(alarmNotes).values(n).returning();
      return row!;
    },
    timers: (alarmId: string) =>
      db.select().from(alarmTimers).where(eq(alarmTimers.alarmId, alarmId)).orderBy(alarmTimers.dueAt),
    notifications: (alarmId: string) =>
      db
        .select()
        .from(alarmNotifications)
        .where(eq(alarmNotifications.alarmId, alarmId))
        .orderBy(alarmNotifications.sentAt),
    /** Schedules a ladder step once (a second schedule of the same step and attempt does nothing). */
    async addTimer(t: { alarmId: string; step: string; attempt?: number; dueAt: Date }): Promise<void> {
      await db
        .insert(alarmTimers)
        .values({ ...t, attempt: t.attempt ?? 0 })
        .onConflictDoNothing();
    },
    /** Due timers, locked for this transaction; other instances skip them (no step fires twice). */
    dueTimers: (now: Date, limit: number) =>
      db
        .select()
        .from(alarmTimers)
        .where(and(isNull(alarmTimers.firedAt), lte(alarmTimers.dueAt, now)))
        .orderBy(alarmTimers.dueAt)
        .limit(limit)
        .for('update', { skipLocked: true }),
    async markFired(id: string, at: Date, result: string): Promise<void> {
      await db.update(alarmTimers).set({ firedAt: at, result }).where(eq(alarmTimers.id, id));
    },
  };
}

/** The duty rota (值班表). */
export function dutyRepo(db: Executor) {
  return {
    /** Shifts current at `at` of these roles, with the person's name. */
    onDuty(at: Date, roles: readonly AlarmDutyRole[]) {
      return db
        .select({
          id: alarmDutyShifts.id,
          userId: alarmDutyShifts.userId,
          role: alarmDutyShifts.role,
          regionCode: alarmDutyShifts.regionCode,
          startsAt: alarmDutyShifts.startsAt,
          endsAt: alarmDutyShifts.endsAt,
          name: users.displayName,
        })
        .from(alarmDutyShifts)
        .innerJoin(users, eq(users.id, alarmDutyShifts.userId))
        .where(
          and(
            inArray(alarmDutyShifts.role, [...roles]),
            lte(alarmDutyShifts.startsAt, at),
            or(isNull(alarmDutyShifts.endsAt), gt(alarmDutyShifts.endsAt, at)),
          ),
        )
        .orderBy(alarmDutyShifts.startsAt);
    },
    async addShift(s: typeof alarmDutyShifts.$inferInsert): Promise<DutyShiftRow> {
      const [row] = await db.insert(alarmDutyShifts).values(s).returning();
      return row!;
    },
    /** Ends the user's open-ended or current shifts at `at`; returns how many ended. */
    async endShifts(userId: string, at: Date): Promise<number> {
      const rows = await db
        .update(alarmDutyShifts)
        .set({ endsAt: at })
        .where(
          and(
            eq(alarmDutyShifts.userId, userId),
            lte(alarmDutyShifts.startsAt, at),
            or(isNull(alarmDutyShifts.endsAt), gt(alarmDutyShifts.endsAt, at)),
          ),
        )
        .returning({ id: alarmDutyShifts.id });
      return rows.length;
    },
  };
}

/** Responders and their bases. */
export function responderRepo(db: Executor) {
  return {
    /** Registered, available responders whose area lies under `prefix`, with names. */
    respondersUnder(prefix: string) {
      return db
        .select({
          userId: alarmResponders.userId,
          regionCode: alarmResponders.regionCode,
          lat: alarmResponders.lat,
          lng: alarmResponders.lng,
          name: users.displayName,
        })
        .from(alarmResponders)
        .innerJoin(users, eq(users.id, alarmResponders.userId))
        .where(
          and(
            eq(alarmResponders.available, true),
            eq(users.status, 'active'),
            sql`${alarmResponders.regionCode} LIKE ${`${prefix}%`}`,
          ),
        );
    },
    /** Responders busy with another open alarm. */
    async busyResponders(exceptAlarmId: string): Promise<Set<string>> {
      const rows = await db
        .select({ id: alarms.responderId })
        .from(alarms)
        .where(
          and(
            inArray(alarms.status, ['dispatched', 'accepted', 'arrived']),
            ne(alarms.id, exceptAlarmId),
            sql`${alarms.responderId} IS NOT NULL`,
          ),
        );
      return new Set(rows.map((r) => r.id!));
    },
    async upsertResponder(r: typeof alarmResponders.$inferInsert): Promise<void> {
      await db
        .insert(alarmResponders)
        .values(r)
        .onConflictDoUpdate({
          target: alarmResponders.userId,
          set: {
            regionCode: r.regionCode,
            lat: r.lat,
            lng: r.lng,
            available: r.available,
            updatedAt: new Date(),
          },
        });
    },
  };
}
