import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { elders } from '../elder/elder.table.ts';
import { deviceWelfareCalls } from './device.table.ts';

/** The elders an area event affects: those bound to its devices when their tasks opened (decision 029). */
const affected = (eventId: string) =>
  sql`${elders.id} IN (SELECT unnest(elder_ids) FROM device_tasks WHERE area_event_id = ${eventId})`;

export function welfareRepo(db: Executor) {
  return {
    /** 关怀回访名单: living alone (独居) first, then by ability level (失能, higher first), then the oldest. */
    list(eventId: string) {
      return db
        .select({
          elderId: elders.id,
          nameMasked: elders.nameMasked,
          phoneMasked: elders.phoneMasked,
          addressMasked: elders.addressMasked,
          birthDate: elders.birthDate,
          livingSituation: elders.livingSituation,
          ability: elders.ability,
          outcome: deviceWelfareCalls.outcome,
          attempts: deviceWelfareCalls.attempts,
          calledAt: deviceWelfareCalls.calledAt,
          calledByName: deviceWelfareCalls.calledByName,
          callNote: deviceWelfareCalls.note,
          alarmId: deviceWelfareCalls.alarmId,
        })
        .from(elders)
        .leftJoin(
          deviceWelfareCalls,
          and(eq(deviceWelfareCalls.areaEventId, eventId), eq(deviceWelfareCalls.elderId, elders.id)),
        )
        .where(affected(eventId))
        .orderBy(
          sql`(${elders.livingSituation} = 'alone') IS TRUE DESC`,
          sql`COALESCE((${elders.ability}->>'level')::int, -1) DESC`,
          elders.birthDate,
          elders.id,
        );
    },
    /** The elder, if the event affects them. */
    async affectedElder(eventId: string, elderId: string) {
      const [e] = await db
        .select({ id: elders.id, regionCode: elders.regionCode, lat: elders.lat, lng: elders.lng })
        .from(elders)
        .where(and(eq(elders.id, elderId), affected(eventId)));
      return e;
    },
  };
}
