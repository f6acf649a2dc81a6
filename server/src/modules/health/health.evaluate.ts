import { regionPrefix, type HealthRuleKind } from '@yiyang/contracts';
import { eq, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { INACTIVE_STATUSES } from '../elder/index.ts';
import { riskObservationsSince } from '../visit/index.ts';
import { parseParams, type RuleParams } from './health.params.ts';
import { healthRules, type HealthRuleRow } from './health.table.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** An ambient sensor counts as installed and live when it reported within this long. */
const LIVE = 7 * DAY;

/** What a rule found for one elder: the fact's time (one alert per rule, elder and trigger) and codes. */
export interface Finding {
  elderId: string;
  regionCode: string;
  triggerAt: Date;
  evidence: Record<string, unknown>;
}

type Rows = Record<string, unknown>[];
const rowsOf = (res: unknown) => (res as { rows: Rows }).rows;
const at = (v: unknown) => new Date(v as string);

/** The hour of the day in China (UTC+8, no daylight saving). */
const chinaHour = (d: Date) => new Date(d.getTime() + 8 * HOUR).getUTCHours();
/** Today's `hour`:00 in China, as an instant. */
function chinaToday(now: Date, hour: number): Date {
  const day = new Date(now.getTime() + 8 * HOUR).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}
const inNight = (h: number, from: number, to: number) =>
  from <= to ? h >= from && h < to : h >= from || h < to;

/** The elders' latest alert of the rule opened at: evidence before it has been judged already. */
const CUTOFF = (ruleId: string) =>
  sql`coalesce((SELECT max(a.opened_at) FROM health_alerts a WHERE a.rule_id = ${ruleId} AND a.elder_id = x.elder_id), '-infinity'::timestamptz)`;

const ACTIVE = sql`NOT (e.status = ANY(${sql.param([...INACTIVE_STATUSES])}::text[]))`;

async function noWater(db: Executor, r: HealthRuleRow, p: RuleParams<'no_water'>, now: Date) {
  const res = await db.execute(sql`SELECT x.elder_id, e.region_code, max(x.occurred_at) AS last
    FROM health_events x JOIN elders e ON e.id = x.elder_id
    WHERE x.kind = 'water_flow' AND x.occurred_at > ${new Date(now.getTime() - LIVE).toISOString()}::timestamptz
      AND x.occurred_at <= ${now.toISOString()}::timestamptz
      AND e.region_code LIKE ${`${regionPrefix(r.regionCode)}%`} AND ${ACTIVE}
    GROUP BY x.elder_id, e.region_code
    HAVING max(x.occurred_at) <= ${new Date(now.getTime() - p.hours * HOUR).toISOString()}::timestamptz`);
  return rowsOf(res).map((x) => ({
    elderId: String(x.elder_id),
    regionCode: String(x.region_code),
    triggerAt: new Date(at(x.last).getTime() + p.hours * HOUR),
    evidence: { lastWaterAt: at(x.last).toISOString(), hours: p.hours },
  }));
}

async function noMovement(db: Executor, r: HealthRuleRow, p: RuleParams<'no_movement'>, now: Date) {
  const deadline = chinaToday(now, p.byHour);
  if (now < deadline) return [];
  const morning = chinaToday(now, p.fromHour);
  const res = await db.execute(sql`SELECT x.elder_id, e.region_code, max(x.occurred_at) AS last
    FROM health_events x JOIN elders e ON e.id = x.elder_id
    WHERE x.kind = 'motion' AND x.occurred_at > ${new Date(now.getTime() - LIVE).toISOString()}::timestamptz
      AND x.occurred_at <= ${now.toISOString()}::timestamptz
      AND e.region_code LIKE ${`${regionPrefix(r.regionCode)}%`} AND ${ACTIVE}
    GROUP BY x.elder_id, e.region_code
    HAVING max(x.occurred_at) < ${morning.toISOString()}::timestamptz`);
  return rowsOf(res).map((x) => ({
    elderId: String(x.elder_id),
    regionCode: String(x.region_code),
    triggerAt: deadline,
    evidence: {
      since: morning.toISOString(),
      by: deadline.toISOString(),
      lastMotionAt: at(x.last).toISOString(),
    },
  }));
}

async function nightBedExit(db: Executor, r: HealthRuleRow, p: RuleParams<'night_bed_exit'>, now: Date) {
  const due = new Date(now.getTime() - p.minutes * MIN);
  const res = await db.execute(sql`SELECT x.elder_id, e.region_code, x.occurred_at
    FROM health_events x JOIN elders e ON e.id = x.elder_id
    WHERE x.kind = 'bed_exit' AND x.occurred_at > ${new Date(now.getTime() - DAY).toISOString()}::timestamptz
      AND x.occurred_at <= ${due.toISOString()}::timestamptz AND x.occurred_at > ${CUTOFF(r.id)}
      AND e.region_code LIKE ${`${regionPrefix(r.regionCode)}%`} AND ${ACTIVE}
      AND NOT EXISTS (SELECT 1 FROM health_events b WHERE b.elder_id = x.elder_id AND b.kind = 'bed_return'
        AND b.occurred_at > x.occurred_at AND b.occurred_at <= x.occurred_at + ${`${p.minutes} minutes`}::interval)
    ORDER BY x.occurred_at`);
  return rowsOf(res)
    .filter((x) => inNight(chinaHour(at(x.occurred_at)), p.fromHour, p.toHour))
    .map((x) => ({
      elderId: String(x.elder_id),
      regionCode: String(x.region_code),
      triggerAt: at(x.occurred_at),
      evidence: { bedExitAt: at(x.occurred_at).toISOString(), minutes: p.minutes },
    }));
}

async function heartRateSustained(
  db: Executor,
  r: HealthRuleRow,
  p: RuleParams<'heart_rate_sustained'>,
  now: Date,
) {
  const from = new Date(now.getTime() - Math.max(2 * HOUR, 2 * p.minutes * MIN)).toISOString();
  const res = await db.execute(sql`SELECT x.elder_id, x.region_code, x.measured_at, x.flag
    FROM vital_signs x
    WHERE x.kind = 'heart_rate' AND x.measured_at > ${from}::timestamptz AND x.measured_at <= ${now.toISOString()}::timestamptz
      AND x.measured_at > ${CUTOFF(r.id)} AND x.region_code LIKE ${`${regionPrefix(r.regionCode)}%`}
      AND x.elder_id IN (SELECT elder_id FROM vital_signs WHERE kind = 'heart_rate' AND flag IS NOT NULL
        AND measured_at > ${from}::timestamptz AND region_code LIKE ${`${regionPrefix(r.regionCode)}%`})
    ORDER BY x.elder_id, x.measured_at`);
  const out: Finding[] = [];
  let elder = '';
  let start: { at: Date; flag: string } | null = null;
  let done = false;
  for (const x of rowsOf(res)) {
    const id = String(x.elder_id);
    if (id !== elder) [elder, start, done] = [id, null, false];
    if (done) continue;
    const t = at(x.measured_at);
    if (!x.flag) {
      start = null;
      continue;
    }
    start ??= { at: t, flag: String(x.flag) };
    if (t.getTime() - start.at.getTime() >= p.minutes * MIN) {
      done = true;
      out.push({
        elderId: id,
        regionCode: String(x.region_code),
        triggerAt: start.at,
        evidence: { from: start.at.toISOString(), to: t.toISOString(), flag: start.flag, minutes: p.minutes },
      });
    }
  }
  return out;
}

async function vitalThreshold(db: Executor, r: HealthRuleRow, p: RuleParams<'vital_threshold'>, now: Date) {
  const res =
    await db.execute(sql`SELECT DISTINCT ON (x.elder_id) x.id, x.elder_id, x.region_code, x.kind, x.flag, x.measured_at
    FROM vital_signs x
    WHERE x.flag IS NOT NULL AND x.kind = ANY(${sql.param(p.kinds)}::text[])
      AND x.measured_at > ${new Date(now.getTime() - DAY).toISOString()}::timestamptz
      AND x.measured_at <= ${now.toISOString()}::timestamptz AND x.measured_at > ${CUTOFF(r.id)}
      AND x.region_code ~>=~ ${regionPrefix(r.regionCode)} AND x.region_code ~<~ ${`${regionPrefix(r.regionCode)}:`}
    ORDER BY x.elder_id, x.measured_at`);
  return rowsOf(res).map((x) => ({
    elderId: String(x.elder_id),
    regionCode: String(x.region_code),
    triggerAt: at(x.measured_at),
    evidence: {
      vitalId: String(x.id),
      kind: String(x.kind),
      flag: String(x.flag),
      measuredAt: at(x.measured_at).toISOString(),
    },
  }));
}

async function visitObservation(
  db: Executor,
  r: HealthRuleRow,
  p: RuleParams<'visit_observation'>,
  now: Date,
) {
  const found = await riskObservationsSince(
    db,
    new Date(now.getTime() - 2 * DAY),
    p.risks,
    regionPrefix(r.regionCode),
  );
  const last = await db.execute(
    sql`SELECT elder_id, max(opened_at) AS cutoff FROM health_alerts WHERE rule_id = ${r.id} GROUP BY elder_id`,
  );
  const cutoff = new Map(rowsOf(last).map((x) => [String(x.elder_id), at(x.cutoff).getTime()]));
  const seen = new Set<string>();
  return found
    .filter((o) => o.at <= now && o.at.getTime() > (cutoff.get(o.elderId) ?? -Infinity))
    .filter((o) => !seen.has(o.elderId) && !!seen.add(o.elderId))
    .map((o) => ({
      elderId: o.elderId,
      regionCode: o.regionCode,
      triggerAt: o.at,
      evidence: {
        visitId: o.visitId,
        risks: o.risks.filter((k) => p.risks.includes(k as never)),
        at: o.at.toISOString(),
      },
    }));
}

type Finder = (db: Executor, r: HealthRuleRow, p: never, now: Date) => Promise<Finding[]>;
const FINDERS: Record<HealthRuleKind, Finder> = {
  no_water: noWater,
  no_movement: noMovement,
  night_bed_exit: nightBedExit,
  heart_rate_sustained: heartRateSustained,
  vital_threshold: vitalThreshold,
  visit_observation: visitObservation,
};

/**
 * The durable evaluator (decision 031): every enabled rule is run against what is stored, at `now` (the
 * injected clock); each finding opens an alert unless one of the same rule, elder and trigger exists or
 * one of the rule and elder is unfinished (two unique indexes: idempotent, and safe on every instance at
 * once). Nothing is kept in memory: a restart re-evaluates. Returns how many alerts it opened.
 */
export async function evaluateRules(deps: TransactDeps, now: Date): Promise<number> {
  const rules = await deps.db.select().from(healthRules).where(eq(healthRules.enabled, true));
  let opened = 0;
  for (const r of rules) {
    const p = parseParams(r.kind as HealthRuleKind, r.params);
    if (!p.success || !FINDERS[r.kind as HealthRuleKind]) continue;
    const found = await FINDERS[r.kind as HealthRuleKind](deps.db, r, p.data as never, now);
    if (found.length === 0) continue;
    opened += await transact(deps, SYSTEM_ACTOR, async (tx, uow) => {
      let n = 0;
      for (const f of found) {
        const res =
          await tx.execute(sql`INSERT INTO health_alerts (rule_id, rule_kind, elder_id, region_code, trigger_at, opened_at, evidence)
          VALUES (${r.id}, ${r.kind}, ${f.elderId}, ${f.regionCode}, ${f.triggerAt.toISOString()}::timestamptz,
            ${now.toISOString()}::timestamptz, ${JSON.stringify(f.evidence)}::jsonb)
          ON CONFLICT DO NOTHING RETURNING id`);
        const id = rowsOf(res)[0]?.id;
        if (!id) continue;
        n += 1;
        uow.audit({
          action: 'health.alert_open',
          entityType: 'health_alert',
          entityId: String(id),
          regionCode: f.regionCode,
          summary: `health alert opened: ${r.kind}`,
          detail: { ruleId: r.id, elderId: f.elderId, triggerAt: f.triggerAt.toISOString() },
        });
      }
      return n;
    });
  }
  return opened;
}
