import type { AlarmStatsCounts } from '@yiyang/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { devices } from '../device/device.table.ts';
import { alarms } from './alarm.table.ts';

/**
 * The aggregates behind the answering statistics (issue 17 §4, decision 026). Every query reads the alarms
 * received in [from, to) under one region prefix; the definitions (what counts towards which share) are in
 * the decision and repeated at each column.
 */
export interface StatsWindow {
  prefix: string;
  from: Date;
  to: Date;
}

/** The counters every grouping shares (decision 026 defines each); alarm.stats.ts adds the shares. */
export type Counts = Omit<AlarmStatsCounts, 'ack60Share' | 'ack180Share' | 'door45Share' | 'falseShare'>;

const COUNTS = sql.raw(`
  count(*)::int AS total,
  count(acknowledged_at)::int AS acknowledged,
  count(*) FILTER (WHERE acknowledged_at - received_at <= interval '60 seconds')::int AS ack60,
  count(*) FILTER (WHERE acknowledged_at - received_at <= interval '180 seconds')::int AS ack180,
  count(*) FILTER (WHERE dispatch_kind = 'responder' AND (arrived_at IS NOT NULL OR closed_at IS NULL))::int AS door_due,
  count(*) FILTER (WHERE dispatch_kind = 'responder' AND arrived_at - received_at <= interval '45 minutes')::int AS door45,
  count(*) FILTER (WHERE outcome IS NOT NULL AND outcome <> 'test')::int AS coded,
  count(*) FILTER (WHERE outcome = 'false_alarm')::int AS false_alarms`);

type Raw = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const counts = (r: Raw): Counts => ({
  total: num(r.total),
  acknowledged: num(r.acknowledged),
  ack60: num(r.ack60),
  ack180: num(r.ack180),
  doorDue: num(r.door_due),
  door45: num(r.door45),
  coded: num(r.coded),
  falseAlarms: num(r.false_alarms),
});
const nullableNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const where = (w: StatsWindow) =>
  sql`${alarms.regionCode} LIKE ${`${w.prefix}%`} AND ${alarms.receivedAt} >= ${w.from.toISOString()}::timestamptz AND ${alarms.receivedAt} < ${w.to.toISOString()}::timestamptz`;
const rowsOf =
  (db: Executor) =>
  async (q: SQL): Promise<Raw[]> =>
    ((await db.execute(q)) as unknown as { rows: Raw[] }).rows;

/** The counters with medians, and grouped by community, seat and device type. */
export function alarmStatsRepo(db: Executor) {
  const rows = rowsOf(db);

  return {
    /** The totals with medians and 90th percentiles (seconds to acknowledge, minutes to the door). */
    async overall(w: StatsWindow) {
      const [r] = await rows(sql`
        SELECT ${COUNTS},
          count(*) FILTER (WHERE status <> 'closed')::int AS open,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - received_at)) AS ack_p50,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - received_at)) AS ack_p90,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM arrived_at - received_at) / 60) AS door_p50,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM arrived_at - received_at) / 60) AS door_p90
        FROM ${alarms} WHERE ${where(w)}`);
      return {
        ...counts(r ?? {}),
        open: num(r?.open),
        ackP50: nullableNum(r?.ack_p50),
        ackP90: nullableNum(r?.ack_p90),
        doorP50: nullableNum(r?.door_p50),
        doorP90: nullableNum(r?.door_p90),
      };
    },
    /** Per community (rolled up to the child regions by the service). */
    async byCommunity(w: StatsWindow) {
      const r = await rows(
        sql`SELECT region_code, ${COUNTS} FROM ${alarms} WHERE ${where(w)} GROUP BY region_code`,
      );
      return r.map((x) => ({ regionCode: String(x.region_code), ...counts(x) }));
    },
    /** Per seat that claimed alarms; unclaimed alarms are not a seat's. */
    async bySeat(w: StatsWindow) {
      const r = await rows(sql`
        SELECT seat_user_id, max(seat_name) AS seat_name, ${COUNTS},
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - received_at)) AS ack_p50
        FROM ${alarms} WHERE ${where(w)} AND seat_user_id IS NOT NULL
        GROUP BY seat_user_id ORDER BY count(*) DESC, max(seat_name)`);
      return r.map((x) => ({
        userId: String(x.seat_user_id),
        seatName: x.seat_name === null ? null : String(x.seat_name),
        ackP50: nullableNum(x.ack_p50),
        ...counts(x),
      }));
    },
    /**
     * Per device type; alarms without a device by their source (`phone_sos`, `hotline`), and a device no
     * longer in the registry as `unknown`.
     */
    async byDeviceType(w: StatsWindow) {
      const r = await rows(sql`
        SELECT CASE WHEN ${alarms.deviceId} IS NULL AND ${alarms.deviceSerial} IS NULL THEN ${alarms.source}
            ELSE coalesce(${devices.type}, 'unknown') END AS type,
          ${COUNTS}
        FROM ${alarms} LEFT JOIN ${devices} ON ${devices.id} = ${alarms.deviceId}
        WHERE ${where(w)} GROUP BY 1 ORDER BY count(*) DESC, 1`);
      return r.map((x) => ({ type: String(x.type), ...counts(x) }));
    },
  };
}

/** Counts by kind and outcome, per day, and the devices online. */
export function alarmStatsExtraRepo(db: Executor) {
  const rows = rowsOf(db);
  return {
    async byKind(w: StatsWindow) {
      const r = await rows(
        sql`SELECT kind, count(*)::int AS n FROM ${alarms} WHERE ${where(w)} GROUP BY kind ORDER BY n DESC, kind`,
      );
      return r.map((x) => ({ kind: String(x.kind), count: num(x.n) }));
    },
    /** Outcomes; `null` for alarms not closed yet. */
    async byOutcome(w: StatsWindow) {
      const r = await rows(
        sql`SELECT outcome, count(*)::int AS n FROM ${alarms} WHERE ${where(w)} GROUP BY outcome ORDER BY outcome`,
      );
      return r.map((x) => ({ outcome: x.outcome === null ? null : String(x.outcome), count: num(x.n) }));
    },
    /** Per day of China time. */
    async daily(w: StatsWindow) {
      const r = await rows(sql`
          SELECT to_char((received_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day, ${COUNTS}
          FROM ${alarms} WHERE ${where(w)} GROUP BY 1 ORDER BY 1`);
      return r.map((x) => ({ date: String(x.day), ...counts(x) }));
    },
    /**
     * Devices in service under the prefix now, and those online: heard from within two heartbeat intervals
     * and 60 s (the offline rule of issue 17 §1).
     */
    async devicesOnline(prefix: string, now: Date) {
      const [r] = await rows(sql`
          SELECT count(*)::int AS total,
            count(*) FILTER (WHERE ${devices.lastSeenAt} >= ${now.toISOString()}::timestamptz - make_interval(secs => 2 * ${devices.heartbeatSeconds} + 60))::int AS online
          FROM ${devices} WHERE ${devices.status} = 'active' AND ${devices.regionCode} LIKE ${`${prefix}%`}`);
      return { total: num(r?.total), online: num(r?.online) };
    },
  };
}
