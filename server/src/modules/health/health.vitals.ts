import {
  DEFAULT_THRESHOLDS,
  THRESHOLD_KINDS,
  VITAL_UNITS,
  type HealthEventKind,
  type ThresholdKind,
  type ThresholdRange,
  type VitalKind,
  type VitalSource,
} from '@yiyang/contracts';
import { inArray, sql } from 'drizzle-orm';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db.ts';
import { healthEvents, healthThresholds, vitalSigns } from './health.table.ts';

export const VITALS_CONTEXT = 'vital_signs.values';

/** A reading's values: `bp` has systolic and diastolic, every other kind `value`. */
export type VitalValues = { systolic: number; diastolic: number } | { value: number };

export type Thresholds = Record<ThresholdKind, ThresholdRange>;

const parsedDefaults = new Map<string, Thresholds>();

/** The defaults: DEFAULT_THRESHOLDS with the configuration's HEALTH_THRESHOLDS (JSON) over them. */
export function defaultThresholds(configured: string | undefined): Thresholds {
  const known = parsedDefaults.get(configured ?? '');
  if (known) return known;
  const out = structuredClone(DEFAULT_THRESHOLDS) as Thresholds;
  if (configured) {
    const parsed = JSON.parse(configured) as Partial<Record<ThresholdKind, Partial<ThresholdRange>>>;
    for (const k of THRESHOLD_KINDS) if (parsed[k]) out[k] = { ...out[k], ...parsed[k] };
  }
  parsedDefaults.set(configured ?? '', out);
  return out;
}

/** Each elder's thresholds: the defaults with their own overrides. */
export async function thresholdsOf(
  db: Executor,
  defaults: Thresholds,
  elderIds: string[],
): Promise<Map<string, Thresholds>> {
  const out = new Map<string, Thresholds>(elderIds.map((id) => [id, structuredClone(defaults)]));
  if (elderIds.length === 0) return out;
  const rows = await db.select().from(healthThresholds).where(inArray(healthThresholds.elderId, elderIds));
  for (const r of rows) {
    const t = out.get(r.elderId);
    if (t && (THRESHOLD_KINDS as readonly string[]).includes(r.kind))
      t[r.kind as ThresholdKind] = { low: r.low, high: r.high };
  }
  return out;
}

const outside = (v: number, r: ThresholdRange): 'high' | 'low' | null =>
  r.high !== null && v > r.high ? 'high' : r.low !== null && v < r.low ? 'low' : null;

/** `high`, `low` or null for a reading against the elder's thresholds (blood pressure: either number). */
export function flagOf(kind: VitalKind, values: VitalValues, t: Thresholds): 'high' | 'low' | null {
  if (kind === 'bp' && 'systolic' in values)
    return outside(values.systolic, t.bp_systolic) ?? outside(values.diastolic, t.bp_diastolic);
  return 'value' in values ? outside(values.value, t[kind as Exclude<VitalKind, 'bp'>]) : null;
}

export interface NewReading {
  elderId: string;
  regionCode: string;
  kind: VitalKind;
  values: VitalValues;
  measuredAt: Date;
  source: VitalSource;
  deviceId?: string | null;
  enteredBy?: { userId: string; name: string } | null;
}

/** Stores readings (values encrypted, flagged against each elder's thresholds) in the caller's transaction. */
export async function insertReadings(
  db: Executor,
  cipher: FieldCipher,
  defaults: Thresholds,
  readings: NewReading[],
): Promise<{ id: string; flag: string | null }[]> {
  if (readings.length === 0) return [];
  const t = await thresholdsOf(db, defaults, [...new Set(readings.map((r) => r.elderId))]);
  return db
    .insert(vitalSigns)
    .values(
      readings.map((r) => ({
        elderId: r.elderId,
        regionCode: r.regionCode,
        kind: r.kind,
        valuesEnc: cipher.encrypt(JSON.stringify(r.values), VITALS_CONTEXT),
        unit: VITAL_UNITS[r.kind],
        flag: flagOf(r.kind, r.values, t.get(r.elderId)!),
        measuredAt: r.measuredAt,
        source: r.source,
        deviceId: r.deviceId ?? null,
        enteredBy: r.enteredBy?.userId ?? null,
        enteredByName: r.enteredBy?.name ?? null,
      })),
    )
    .returning({ id: vitalSigns.id, flag: vitalSigns.flag });
}

/** One committed device message the ingest hands over (telemetry or event of a bound device). */
export interface DeviceSignal {
  channel: 'event' | 'telemetry';
  /** The payload as received (JSON text; already checked to be an object by the ingest). */
  text: string;
  deviceId: string;
  elderIds: string[];
  at: Date;
}

const EVENT_KINDS: Record<string, HealthEventKind> = {
  water_flow: 'water_flow',
  water_use: 'water_flow',
  motion: 'motion',
  movement: 'motion',
  bed_exit: 'bed_exit',
  bed_return: 'bed_return',
  bed_enter: 'bed_return',
};

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Vital fields of a telemetry payload (`heart_rate`, `systolic`+`diastolic`, `temperature`, `spo2`, …). */
export function vitalsOfPayload(o: Record<string, unknown>): { kind: VitalKind; values: VitalValues }[] {
  const out: { kind: VitalKind; values: VitalValues }[] = [];
  const sys = num(o.systolic);
  const dia = num(o.diastolic);
  if (sys !== null && dia !== null) out.push({ kind: 'bp', values: { systolic: sys, diastolic: dia } });
  for (const k of ['heart_rate', 'temperature', 'spo2', 'glucose', 'weight'] as const) {
    const v = num(o[k]);
    if (v !== null) out.push({ kind: k, values: { value: v } });
  }
  return out;
}

/**
 * The device ingest's hook (decision 031): in the ingest's transaction, telemetry with vital fields becomes
 * vital signs and ambient events (water flow, motion, bed exit/return) become health events, one per bound
 * elder. Nothing to do (no query) when the batch carries neither.
 */
export async function recordDeviceSignals(
  db: Executor,
  deps: { cipher: FieldCipher; config?: { HEALTH_THRESHOLDS?: string | undefined } },
  signals: DeviceSignal[],
): Promise<void> {
  const vitals: { s: DeviceSignal; kind: VitalKind; values: VitalValues }[] = [];
  const events: { s: DeviceSignal; kind: HealthEventKind }[] = [];
  for (const s of signals) {
    if (s.elderIds.length === 0) continue;
    const o = JSON.parse(s.text) as Record<string, unknown>;
    if (s.channel === 'telemetry') for (const v of vitalsOfPayload(o)) vitals.push({ s, ...v });
    else if (typeof o.type === 'string' && EVENT_KINDS[o.type])
      events.push({ s, kind: EVENT_KINDS[o.type]! });
  }
  if (vitals.length === 0 && events.length === 0) return;
  const ids = [...new Set([...vitals, ...events].flatMap((x) => x.s.elderIds))];
  const res = await db.execute(
    sql`SELECT id, region_code FROM elders WHERE id = ANY(${sql.param(ids)}::uuid[])`,
  );
  const region = new Map(
    (res as unknown as { rows: { id: string; region_code: string }[] }).rows.map((r) => [
      r.id,
      r.region_code,
    ]),
  );
  const readings: NewReading[] = vitals.flatMap(({ s, kind, values }) =>
    s.elderIds
      .filter((id) => region.has(id))
      .map((elderId) => ({
        elderId,
        regionCode: region.get(elderId)!,
        kind,
        values,
        measuredAt: s.at,
        source: 'device' as const,
        deviceId: s.deviceId,
      })),
  );
  await insertReadings(db, deps.cipher, defaultThresholds(deps.config?.HEALTH_THRESHOLDS), readings);
  const rows = events.flatMap(({ s, kind }) =>
    s.elderIds
      .filter((id) => region.has(id))
      .map((elderId) => ({
        elderId,
        regionCode: region.get(elderId)!,
        kind,
        occurredAt: s.at,
        deviceId: s.deviceId,
      })),
  );
  if (rows.length) await db.insert(healthEvents).values(rows);
}
