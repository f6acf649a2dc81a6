import { HEALTH_RULE_KINDS, type HealthRuleKind, type VitalKind } from '@yiyang/contracts';
import { sql } from 'drizzle-orm';
import type { Platform } from '../../platform/context.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { someEldersOf } from '../elder/index.ts';
import { countyAuth } from '../order/index.ts';
import { RULE_PARAMS } from './health.params.ts';
import { HealthService } from './health.service.ts';
import { healthEvents, healthRules } from './health.table.ts';
import { insertReadings, type NewReading, type VitalValues } from './health.vitals.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const NAMES: Record<HealthRuleKind, string> = {
  no_water: '12小时未用水',
  no_movement: '早上10点前无活动',
  night_bed_exit: '夜间离床20分钟未返回',
  heart_rate_sustained: '心率持续异常5分钟',
  vital_threshold: '体征超出阈值',
  visit_observation: '上门服务发现异常',
};

/**
 * Demo health monitoring: the county's six rules with their default parameters, two weeks of readings for
 * three elders of the demo community (a few out of range), a silent water sensor, a morning without
 * movement and a night-time bed exit; the evaluator runs once and the 12349 seat verifies one alert as false, so the queue and the false-alert rates are not empty.
 */
export async function seedHealth(p: Platform, demo: DemoDistrict): Promise<void> {
  const now = new Date();
  const health = new HealthService({
    db: p.db,
    bus: p.bus,
    cipher: p.cipher,
    config: p.config,
    now: () => now,
  });
  await p.db.insert(healthRules).values(
    HEALTH_RULE_KINDS.map((kind) => ({
      kind,
      name: NAMES[kind],
      regionCode: demo.countyCode,
      params: RULE_PARAMS[kind].parse({}) as Record<string, unknown>,
    })),
  );
  const elders = await someEldersOf(p.db, demo.communityCode, 3);
  const readings: NewReading[] = [];
  const add = (e: (typeof elders)[number], kind: VitalKind, values: VitalValues, at: number) =>
    readings.push({
      elderId: e.id,
      regionCode: e.regionCode,
      kind,
      values,
      measuredAt: new Date(at),
      source: 'device',
    });
  elders.forEach((e, n) => {
    for (let d = 14; d >= 1; d--) {
      const at = now.getTime() - d * DAY;
      const wave = ((d * 7 + n * 3) % 11) - 5;
      add(e, 'bp', { systolic: 132 + wave * 4 + (d === 3 && n === 0 ? 40 : 0), diastolic: 82 + wave }, at);
      add(e, 'heart_rate', { value: 74 + wave * 2 }, at + HOUR);
      add(e, 'spo2', { value: 97 - (Math.abs(wave) > 4 ? 2 : 0) }, at + 2 * HOUR);
      if (d % 7 === 0) add(e, 'weight', { value: 58 + n * 6 - d / 14 }, at + 3 * HOUR);
      if (n === 1) add(e, 'glucose', { value: 6.2 + wave * 0.4 }, at + 4 * HOUR);
    }
  });
  // This morning's high blood pressure of the first elder: a threshold alert in the queue.
  if (elders[0]) add(elders[0], 'bp', { systolic: 168, diastolic: 96 }, now.getTime() - 2 * HOUR);
  await insertReadings(p.db, p.cipher, health.defaults, readings);
  const [a, b, c] = elders;
  const ev = (
    e: (typeof elders)[number] | undefined,
    kind: 'water_flow' | 'motion' | 'bed_exit',
    agoMs: number,
  ) =>
    e ? [{ elderId: e.id, regionCode: e.regionCode, kind, occurredAt: new Date(now.getTime() - agoMs) }] : [];
  const events = [
    ...ev(a, 'motion', 30 * HOUR),
    ...ev(a, 'water_flow', 2 * HOUR),
    ...ev(b, 'water_flow', 20 * HOUR),
    ...ev(b, 'motion', HOUR),
    ...ev(c, 'bed_exit', 3 * HOUR),
  ];
  // A seed without elders (the test fixtures' smaller demo) has nothing to record.
  if (events.length) await p.db.insert(healthEvents).values(events);
  await health.evaluate(now);
  const res = await p.db.execute(sql`SELECT id, display_name FROM users WHERE username = 'hotline'`);
  const seat = (res as unknown as { rows: { id: string; display_name: string }[] }).rows[0];
  if (!seat) return;
  const auth = countyAuth(demo.countyCode, seat.id, seat.display_name);
  const actor = { userId: seat.id, name: seat.display_name };
  const pending = (await health.queue.alerts(auth, { status: 'pending', limit: 10 })).items;
  if (pending[0]) {
    await health.queue.claim(auth, actor, pending[0].id);
    await health.queue.resolve(auth, actor, pending[0].id, {
      outcome: 'false_alarm',
      method: 'called_elder',
      note: '老人在家，外出刚回',
    });
  }
}
