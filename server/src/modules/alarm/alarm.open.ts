import { toRegionCode, type AlarmKind, type AlarmSource } from '@yiyang/contracts';
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db.ts';
import type { UnitOfWork } from '../../platform/uow.ts';
import { alarms, alarmSignals, alarmTimers } from './alarm.table.ts';

/** What opens an alarm, whoever received it: the device ingest (MQTT, vendor HTTP), the phone, a seat. */
export interface OpenAlarmInput {
  source: AlarmSource;
  kind: AlarmKind;
  /** devices.id when the device is registered. */
  deviceId: string | null;
  /** What the device called itself, for an unknown device. */
  deviceSerial: string | null;
  /** The device's bound elders ([] for an unknown or unbound device: the seat resolves). */
  elderIds: string[];
  /** The address's community code, for scoping; null → the deployment root (the region tree's top). */
  regionCode: string | null;
  position: { lat: number; lng: number } | null;
  /** Device/phone time; the server stores its own receipt time too. */
  occurredAt: Date;
  /** Unique per source message: a redelivered message opens (and folds) nothing new. */
  messageId: string;
  /** The person who raised it (phone SOS, a seat's hotline call); null for a device. */
  openedBy?: { userId: string | null; name: string } | null;
}

/** The key repeats fold by: one open alarm per device, per unknown serial, per elder's phone. */
function foldKeyOf(input: OpenAlarmInput): string | null {
  if (input.deviceId) return `d:${input.deviceId}`;
  if (input.deviceSerial) return `s:${input.source}:${input.deviceSerial}`;
  if (input.source === 'phone_sos' && input.elderIds[0]) return `p:${input.elderIds[0]}`;
  return null;
}

/** The deployment root: the deepest region whose subtree holds every imported region. */
async function deploymentRoot(db: Executor): Promise<string> {
  const res = await db.execute(sql`SELECT min(code) AS lo, max(code) AS hi FROM regions`);
  const row = (res as unknown as { rows: { lo: string | null; hi: string | null }[] }).rows[0];
  const lo = row?.lo ?? '';
  const hi = row?.hi ?? '';
  let n = 0;
  while (n < lo.length && lo[n] === hi[n]) n++;
  // Cut back to a level boundary (province 2, prefecture 4, county 6, town 9, community or village 12).
  const cut = [12, 9, 6, 4, 2].find((l) => l <= n) ?? 0;
  return toRegionCode(lo.slice(0, cut));
}

const REGION_CODE = /^\d{12}$/;

type Opened = {
  id: string;
  inserted: boolean;
  repeat_count: number;
  last_seen_at: unknown;
  dup: string | null;
};

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Opens an alarm, or folds a repeat into the open alarm of the same device, inside the caller's
 * transaction (the device ingest commits its raw message and the alarm together, then acknowledges).
 * One statement: the idempotency check on (source, messageId), the insert-or-fold on the open alarm's
 * fold key (a partial unique index; a fold takes one row lock), the signal row and, for a new alarm, the
 * ladder's first timer. Then the audit entry and the `alarm.opened` event (or `alarm.repeated`) join the
 * caller's unit of work. A redelivered message returns the alarm it opened or folded into and changes
 * nothing; two deliveries of one message racing in two transactions end with a unique violation in the
 * second (its caller rolls back and, on redelivery, finds the first).
 */
export async function openAlarm(
  tx: Tx,
  uow: UnitOfWork,
  input: OpenAlarmInput,
): Promise<{ alarmId: string; folded: boolean }> {
  const regionCode =
    input.regionCode && REGION_CODE.test(input.regionCode) ? input.regionCode : await deploymentRoot(tx);
  const foldKey = foldKeyOf(input);
  const occurredAt = input.occurredAt.toISOString();
  const lat = input.position?.lat ?? null;
  const lng = input.position?.lng ?? null;
  const insertAlarm = sql`INSERT INTO ${alarms} (region_code, source, kind, device_id, device_serial, elder_ids,
      fold_key, lat, lng, occurred_at, opened_by, opened_by_name)
    SELECT ${regionCode}, ${input.source}, ${input.kind}, ${input.deviceId}, ${input.deviceSerial},
      ${uuidArray(input.elderIds)}::uuid[], ${foldKey}, ${lat}::float8, ${lng}::float8, ${occurredAt}::timestamptz,
      ${input.openedBy?.userId ?? null}::uuid, ${input.openedBy?.name ?? null}
    WHERE NOT EXISTS (SELECT 1 FROM dup)`;
  const upsert =
    foldKey === null
      ? insertAlarm
      : sql`${insertAlarm} ON CONFLICT (fold_key) WHERE status <> 'closed' AND fold_key IS NOT NULL
        DO UPDATE SET repeat_count = alarms.repeat_count + 1, last_seen_at = now(),
          lat = coalesce(excluded.lat, alarms.lat), lng = coalesce(excluded.lng, alarms.lng)`;
  const res = await tx.execute(sql`
    WITH dup AS (
      SELECT alarm_id FROM ${alarmSignals} WHERE source = ${input.source} AND message_id = ${input.messageId}
    ), a AS (
      ${upsert}
      RETURNING id, (xmax = 0) AS inserted, repeat_count, last_seen_at
    ), s AS (
      INSERT INTO ${alarmSignals} (source, message_id, alarm_id, occurred_at)
      SELECT ${input.source}, ${input.messageId}, a.id, ${occurredAt}::timestamptz FROM a
    ), t AS (
      INSERT INTO ${alarmTimers} (alarm_id, step, due_at) SELECT a.id, 'opened', now() FROM a WHERE a.inserted
    )
    SELECT a.id, a.inserted, a.repeat_count, a.last_seen_at, NULL AS dup FROM a
    UNION ALL SELECT NULL, false, 0, NULL, alarm_id FROM dup`);
  const row = (res as unknown as { rows: Opened[] }).rows[0]!;
  if (row.dup) return { alarmId: row.dup, folded: true };
  if (!row.inserted) {
    uow.emit(
      'alarm.repeated',
      {
        id: row.id,
        repeatCount: Number(row.repeat_count),
        lastSeenAt: new Date(String(row.last_seen_at)).toISOString(),
      },
      { regionCode },
    );
    return { alarmId: row.id, folded: true };
  }
  uow.audit({
    action: 'alarm.open',
    entityType: 'alarm',
    entityId: row.id,
    regionCode,
    summary: `alarm opened: ${input.kind} from ${input.source}`,
    detail: {
      source: input.source,
      kind: input.kind,
      deviceId: input.deviceId,
      deviceSerial: input.deviceSerial,
      elderIds: input.elderIds,
      messageId: input.messageId,
    },
  });
  uow.emit(
    'alarm.opened',
    {
      id: row.id,
      source: input.source,
      kind: input.kind,
      deviceId: input.deviceId,
      elderIds: input.elderIds,
      occurredAt,
    },
    { regionCode },
  );
  return { alarmId: row.id, folded: false };
}
