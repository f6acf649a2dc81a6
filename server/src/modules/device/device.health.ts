import type { AreaEventCause, DomainEvent } from '@yiyang/contracts';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { transact, type TransactDeps, type UnitOfWork } from '../../platform/uow.ts';
import { isVerifiedVisit } from '../visit/index.ts';

/** The health rules of a deployment (decision 029). */
export interface HealthRules {
  /** A battery below this (%) opens a low-battery task; above this + 5 closes it. */
  lowBattery: number;
  /** This many devices of one community offline or on mains failure… */
  areaMin: number;
  /** …within this window fold into one area event. */
  areaWindowMs: number;
  /** Devices handled per kind and sweep (the rest wait for the next sweep). */
  batch: number;
}

export const healthRulesOf = (config: Pick<Config, 'DEVICE_LOW_BATTERY'>): HealthRules => ({
  lowBattery: config.DEVICE_LOW_BATTERY,
  areaMin: 10,
  areaWindowMs: 5 * 60_000,
  batch: 500,
});

export type HealthDeps = TransactDeps & {
  db: Db;
  config: Pick<Config, 'DEVICE_LOW_BATTERY'>;
  now?: () => Date;
};

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Executor, q: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(q)) as unknown as Rows<T>).rows;

/**
 * Tasks just opened (offline and mains failure: the ones that may fold into an area event). A task's signal
 * time is when the trouble began: for offline the last time the device was heard (it went silent after), for a
 * mains failure the report, for low battery the sweep that saw it.
 */
type Opened = { id: string; region_code: string | null };
type Candidate = { id: string; device_id: string; kind: string; signal_at: Date | string };

/** The open task rows of one statement: the device's current elders, maintainer and community. */
const taskColumns = (kind: string, signal: ReturnType<typeof sql>, now: Date) => sql`
  SELECT ${kind}, d.id,
    COALESCE((SELECT array_agg(b.elder_id ORDER BY b.elder_id) FROM device_bindings b
      WHERE b.device_id = d.id AND b.unbound_at IS NULL), '{}'::uuid[]),
    d.region_code, COALESCE(d.maintainer_id, d.organisation_id), ${signal}, ${now.toISOString()}::timestamptz`;

const INSERT_TASK = sql`INSERT INTO device_tasks
  (kind, device_id, elder_ids, region_code, maintainer_id, signal_at, opened_at)`;

/**
 * The device-health sweeper (decision 029), a durable poller like the alarm ladder: each run takes due devices
 * with `FOR UPDATE SKIP LOCKED` (instances split them; the open-task unique index makes a second opening a
 * no-op), opens offline, mains-failure and low-battery tasks, folds a community's burst into one area event,
 * closes recovered low-battery tasks and area events whose devices are all back. The clock is injected.
 */
export class DeviceHealth {
  readonly rules: HealthRules;
  constructor(
    private readonly deps: HealthDeps,
    rules?: Partial<HealthRules>,
  ) {
    this.rules = { ...healthRulesOf(deps.config), ...rules };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async sweep(): Promise<{ opened: number; closed: number; areaEvents: number; areaEventsEnded: number }> {
    const now = this.now();
    const { batch, lowBattery } = this.rules;
    return transact(this.deps, SYSTEM_ACTOR, async (tx, uow) => {
      // Offline: the ingest keeps offline_at = last seen + 2 × heartbeat + 60 s; the partial index holds only
      // devices not yet flagged, so this reads the due ones and no others.
      const offline = await rowsOf<Opened>(
        tx,
        sql`WITH s AS (
            SELECT id FROM devices
            WHERE offline_since IS NULL AND status = 'active' AND offline_at < ${now.toISOString()}::timestamptz
            ORDER BY offline_at LIMIT ${batch} FOR UPDATE SKIP LOCKED
          ), d AS (
            UPDATE devices SET offline_since = devices.offline_at FROM s WHERE devices.id = s.id
            RETURNING devices.*
          )
          ${INSERT_TASK} ${taskColumns('offline', sql`d.last_seen_at`, now)} FROM d
          ON CONFLICT DO NOTHING RETURNING id, region_code`,
      );
      // A task a person (or the battery) closed is not reopened from the same facts: mains failure only for a
      // failure that began after the close, low battery only from a reading after it.
      const mains = await rowsOf<Opened>(
        tx,
        sql`WITH d AS (
            SELECT * FROM devices d
            WHERE mains_fail_at IS NOT NULL AND status = 'active' AND NOT EXISTS (
              SELECT 1 FROM device_tasks t WHERE t.device_id = d.id AND t.kind = 'mains_fail'
                AND (t.closed_at IS NULL OR t.closed_at >= d.mains_fail_at))
            ORDER BY mains_fail_at LIMIT ${batch} FOR UPDATE SKIP LOCKED
          )
          ${INSERT_TASK} ${taskColumns('mains_fail', sql`d.mains_fail_at`, now)} FROM d
          ON CONFLICT DO NOTHING RETURNING id, region_code`,
      );
      const low = await rowsOf<Opened>(
        tx,
        sql`WITH d AS (
            SELECT * FROM devices d
            WHERE battery IS NOT NULL AND status = 'active' AND battery < ${lowBattery} AND NOT EXISTS (
              SELECT 1 FROM device_tasks t WHERE t.device_id = d.id AND t.kind = 'low_battery'
                AND (t.closed_at IS NULL OR t.closed_at >= d.last_seen_at))
            ORDER BY battery LIMIT ${batch} FOR UPDATE SKIP LOCKED
          )
          ${INSERT_TASK} ${taskColumns('low_battery', sql`${now.toISOString()}::timestamptz`, now)} FROM d
          ON CONFLICT DO NOTHING RETURNING id, region_code`,
      );
      // Recovered: a battery back above the threshold + 5; a mains report whose "back" raced an opening.
      const closed = await rowsOf<{ id: string }>(
        tx,
        sql`UPDATE device_tasks t SET closed_at = ${now.toISOString()}::timestamptz,
            closed_by = CASE t.kind WHEN 'low_battery' THEN 'battery' ELSE 'mains' END
          FROM devices d
          WHERE t.closed_at IS NULL AND d.id = t.device_id AND (
            (t.kind = 'low_battery' AND d.battery > ${lowBattery + 5}) OR
            (t.kind = 'mains_fail' AND d.mains_fail_at IS NULL))
          RETURNING t.id`,
      );
      const regions = new Set(
        [...offline, ...mains].map((r) => r.region_code).filter((r): r is string => r !== null),
      );
      let areaEvents = 0;
      for (const region of [...regions].sort()) areaEvents += await this.fold(tx, uow, region, now);
      const ended = await this.closeRecovered(tx, uow, now);
      return {
        opened: offline.length + mains.length + low.length,
        closed: closed.length,
        areaEvents,
        areaEventsEnded: ended,
      };
    });
  }

  /**
   * A community's open offline and mains-failure tasks not yet in an area event: into the open event of the
   * community, or into a new one when `areaMin` distinct devices fall within `areaWindowMs`. Returns 1 when
   * an event opened.
   */
  private async fold(tx: Tx, uow: UnitOfWork, region: string, now: Date): Promise<number> {
    const candidates = await rowsOf<Candidate>(
      tx,
      sql`SELECT id, device_id, kind, signal_at FROM device_tasks
        WHERE region_code = ${region} AND closed_at IS NULL AND area_event_id IS NULL
          AND kind IN ('offline', 'mains_fail')
        ORDER BY signal_at, id`,
    );
    if (candidates.length === 0) return 0;
    const [open] = await rowsOf<{ id: string; cause: AreaEventCause }>(
      tx,
      sql`SELECT id, cause FROM device_area_events WHERE region_code = ${region} AND closed_at IS NULL FOR UPDATE`,
    );
    if (open) {
      await this.attach(tx, uow, open.id, candidates, 'updated');
      return 0;
    }
    const times = candidates.map((c) => new Date(c.signal_at).getTime());
    for (let i = 0; i < candidates.length; i++) {
      const inWindow = candidates.filter(
        (_, j) => j >= i && times[j]! - times[i]! <= this.rules.areaWindowMs,
      );
      if (new Set(inWindow.map((c) => c.device_id)).size < this.rules.areaMin) continue;
      const members = candidates.slice(i);
      const [ev] = await rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO device_area_events (region_code, cause, opened_at, first_signal_at, device_count)
          VALUES (${region}, 'unknown', ${now.toISOString()}::timestamptz, ${new Date(times[i]!).toISOString()}::timestamptz, 0)
          ON CONFLICT DO NOTHING RETURNING id`,
      );
      if (!ev) return 0; // another instance opened it this moment: its next sweep attaches these
      await this.attach(tx, uow, ev.id, members, 'opened');
      uow.audit({
        action: 'device.area_event',
        entityType: 'device_area_event',
        entityId: ev.id,
        regionCode: region,
        summary: `区域事件：${new Set(members.map((m) => m.device_id)).size} 台设备离线或市电中断`,
      });
      return 1;
    }
    return 0;
  }

  /** Attaches tasks to an area event, recounts its devices, and names the cause: power if any reported it. */
  private async attach(
    tx: Tx,
    uow: UnitOfWork,
    eventId: string,
    tasks: Candidate[],
    status: 'opened' | 'updated',
  ) {
    const [ev] = await rowsOf<{ region_code: string; cause: AreaEventCause; device_count: number }>(
      tx,
      sql`WITH a AS (
          UPDATE device_tasks SET area_event_id = ${eventId}
          WHERE id = ANY(${sql.param(tasks.map((t) => t.id))}::uuid[]) RETURNING device_id, kind
        ), all_tasks AS (
          SELECT device_id, kind FROM device_tasks WHERE area_event_id = ${eventId}
          UNION ALL SELECT device_id, kind FROM a
        )
        UPDATE device_area_events e SET
          device_count = (SELECT count(DISTINCT device_id) FROM all_tasks),
          cause = CASE WHEN e.cause = 'unknown' AND EXISTS (SELECT 1 FROM all_tasks WHERE kind = 'mains_fail')
            THEN 'power' ELSE e.cause END
        WHERE e.id = ${eventId}
        RETURNING region_code, cause, device_count`,
    );
    uow.emit(
      'device.area_event',
      { id: eventId, status, cause: ev!.cause, deviceCount: ev!.device_count },
      { regionCode: ev!.region_code },
    );
  }

  /** Area events whose every device is back (all their tasks closed) end. */
  private async closeRecovered(tx: Tx, uow: UnitOfWork, now: Date): Promise<number> {
    const ended = await rowsOf<{
      id: string;
      region_code: string;
      cause: AreaEventCause;
      device_count: number;
    }>(
      tx,
      sql`UPDATE device_area_events e SET closed_at = ${now.toISOString()}::timestamptz, closed_by = 'recovered'
        WHERE e.closed_at IS NULL AND NOT EXISTS (
          SELECT 1 FROM device_tasks t WHERE t.area_event_id = e.id AND t.closed_at IS NULL)
        RETURNING id, region_code, cause, device_count`,
    );
    for (const e of ended)
      uow.emit(
        'device.area_event',
        { id: e.id, status: 'closed', cause: e.cause, deviceCount: e.device_count },
        { regionCode: e.region_code },
      );
    return ended.length;
  }

  /**
   * A visit confirmed: if it is verified (decision 024's seam), the elder's devices' open offline tasks close
   * (the caregiver saw the home; the device's own return still closes it otherwise). Idempotent.
   */
  async onEvent(e: DomainEvent): Promise<void> {
    if (e.topic !== 'order.confirmed') return;
    const { id, elderId } = e.payload as { id: string; elderId: string };
    if (!(await isVerifiedVisit(this.deps.db, id))) return;
    await this.closeByVisit(elderId, id);
  }

  async closeByVisit(elderId: string, orderId: string): Promise<number> {
    const now = this.now();
    return transact(this.deps, SYSTEM_ACTOR, async (tx, uow) => {
      const closed = await rowsOf<{ id: string; region_code: string | null; maintainer_id: string | null }>(
        tx,
        sql`UPDATE device_tasks t SET closed_at = ${now.toISOString()}::timestamptz, closed_by = 'visit',
            note = ${`order ${orderId}`}
          WHERE t.closed_at IS NULL AND t.kind = 'offline' AND t.device_id IN (
            SELECT device_id FROM device_bindings WHERE elder_id = ${elderId} AND unbound_at IS NULL)
          RETURNING t.id, t.region_code, t.maintainer_id`,
      );
      for (const t of closed)
        uow.audit({
          action: 'device.task_close',
          entityType: 'device_task',
          entityId: t.id,
          regionCode: t.region_code,
          organisationId: t.maintainer_id,
          summary: '上门探访已核实，关闭设备离线任务',
          detail: { orderId, elderId },
        });
      return closed.length;
    });
  }
}
