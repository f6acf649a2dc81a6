import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import {
  DEVICE_ALARM_KINDS,
  DEVICE_POWER_EVENTS,
  type DeviceAlarmKind,
  type DeviceChannel,
} from '@yiyang/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db.ts';
import { detached } from '../../platform/requestTx.ts';
import { transact, type TransactDeps, type UnitOfWork } from '../../platform/uow.ts';
import { recordDeviceSignals, type DeviceSignal } from '../health/index.ts';
import { openDeviceAlarm } from './device.alarm.ts';
import { deviceBindings, deviceMessages, devices } from './device.table.ts';

export const PAYLOAD_CONTEXT = 'device_message.payload';
const TOPIC = /^yiyang\/v1\/devices\/([^/]{1,64})\/(event|telemetry|heartbeat)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `yiyang/v1/devices/{deviceId}/{channel}` → its parts; null for any other topic. */
export function parseTopic(topic: string): { deviceRef: string; channel: DeviceChannel } | null {
  const m = TOPIC.exec(topic);
  return m ? { deviceRef: m[1]!, channel: m[2] as DeviceChannel } : null;
}

/** One message as received, before it is committed. */
export interface RawMessage {
  transport: 'mqtt' | 'http';
  topic: string;
  /** The topic's device segment (MQTT: the device id) or the vendor's serial (HTTP). */
  deviceRef: string;
  channel: DeviceChannel;
  payload: Buffer | string;
  receivedAt: Date;
  /** HTTP: the vendor (the serial is looked up within it) and the vendor's message id. */
  vendor?: string;
  vendorMessageId?: string;
}

/** What a committed message became. */
export interface IngestResult {
  messageId: string;
  duplicate: boolean;
  outcome: 'stored' | 'alarm' | 'malformed';
  error: string | null;
  alarmId: string | null;
}

interface Parsed {
  kind: DeviceAlarmKind | null;
  deviceTime: Date | null;
  battery: number | null;
  position: { lat: number; lng: number } | null;
  id: string | null;
  /** A power event (decision 029): mains failed or came back. */
  power: 'fail' | 'ok' | null;
  error: string | null;
}

const isKind = (v: unknown): v is DeviceAlarmKind =>
  typeof v === 'string' && (DEVICE_ALARM_KINDS as readonly string[]).includes(v);

/**
 * The payload, checked: JSON object; `id` (string/number, optional: the device's message id), `ts` (ISO
 * time or epoch ms), `type` (events: an alarm kind or another event name), `battery` 0–100, `lat`/`lng`.
 */
export function parsePayload(channel: DeviceChannel, text: string): Parsed {
  const out: Parsed = {
    kind: null,
    deviceTime: null,
    battery: null,
    position: null,
    id: null,
    power: null,
    error: null,
  };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ...out, error: 'not JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ...out, error: 'not a JSON object' };
  const o = v as Record<string, unknown>;
  if (typeof o.id === 'string' || typeof o.id === 'number') out.id = String(o.id).slice(0, 100);
  if (o.ts !== undefined) {
    const d = new Date(typeof o.ts === 'number' || typeof o.ts === 'string' ? o.ts : Number.NaN);
    if (Number.isNaN(d.getTime())) return { ...out, error: '/ts is not a time' };
    out.deviceTime = d;
  }
  if (o.battery !== undefined) {
    if (typeof o.battery !== 'number' || !(o.battery >= 0 && o.battery <= 100))
      return { ...out, error: '/battery is not 0–100' };
    out.battery = Math.round(o.battery);
  }
  if (o.lat !== undefined || o.lng !== undefined) {
    const { lat, lng } = o;
    if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180)
      return { ...out, error: '/lat,/lng are not a position' };
    out.position = { lat, lng };
  }
  if (channel === 'event') {
    if (typeof o.type !== 'string' || o.type.length === 0) return { ...out, error: '/type is missing' };
    out.kind = isKind(o.type) ? o.type : null;
    out.power = Object.hasOwn(DEVICE_POWER_EVENTS, o.type)
      ? DEVICE_POWER_EVENTS[o.type as keyof typeof DEVICE_POWER_EVENTS]
      : null;
  }
  return out;
}

const sha = (s: string) => createHash('sha256').update(s).digest('base64url');

/** The message's idempotency key: the device's (or vendor's) message id, else a digest of its bytes. */
function keyOf(m: RawMessage, text: string, p: Parsed): string {
  if (m.transport === 'http') return `h:${m.vendor}:${m.vendorMessageId}`;
  return p.id ? `m:${m.deviceRef}:${p.id}` : `m:${sha(`${m.topic}\n${text}`)}`;
}

interface DeviceFacts {
  id: string;
  serial: string;
  regionCode: string | null;
  lat: number | null;
  lng: number | null;
  elderIds: string[];
}

async function devicesOf(tx: Tx, batch: RawMessage[]): Promise<Map<string, DeviceFacts>> {
  const ids = [
    ...new Set(batch.filter((m) => m.transport === 'mqtt' && UUID.test(m.deviceRef)).map((m) => m.deviceRef)),
  ];
  const serials = batch.filter((m) => m.transport === 'http').map((m) => `${m.vendor}\u001f${m.deviceRef}`);
  if (ids.length === 0 && serials.length === 0) return new Map();
  const rows = await tx
    .select({
      id: devices.id,
      vendor: devices.vendor,
      serial: devices.serial,
      regionCode: devices.regionCode,
      lat: devices.lat,
      lng: devices.lng,
    })
    .from(devices)
    .where(
      sql`${devices.id} = ANY(${sql.param(ids)}::uuid[]) OR (${devices.vendor} || chr(31) || ${devices.serial}) = ANY(${sql.param(serials)}::text[])`,
    );
  const bound = rows.length
    ? await tx
        .select({ deviceId: deviceBindings.deviceId, elderId: deviceBindings.elderId })
        .from(deviceBindings)
        .where(
          sql`${deviceBindings.deviceId} = ANY(${sql.param(rows.map((r) => r.id))}::uuid[]) AND ${deviceBindings.unboundAt} IS NULL`,
        )
    : [];
  const out = new Map<string, DeviceFacts>();
  for (const r of rows) {
    const facts = {
      ...r,
      elderIds: bound
        .filter((b) => b.deviceId === r.id)
        .map((b) => b.elderId)
        .sort(),
    };
    out.set(r.id, facts);
    out.set(`${r.vendor}\u001f${r.serial}`, facts);
  }
  return out;
}

/**
 * Commits a batch of messages in one transaction (group commit): every message stored raw (encrypted),
 * duplicates (same key) skipped, alarm events handed to the alarm module, the devices' counters, last
 * seen and battery updated in one statement. Returns one result per message, in order.
 */
export async function commitBatch(
  deps: TransactDeps & { cipher: FieldCipher; config?: { HEALTH_THRESHOLDS?: string } },
  batch: RawMessage[],
): Promise<IngestResult[]> {
  return transact(deps, SYSTEM_ACTOR, async (tx, uow) => {
    const known = await devicesOf(tx, batch);
    const prepared = batch.map((m) => {
      const text = typeof m.payload === 'string' ? m.payload : m.payload.toString('utf8');
      const p = parsePayload(m.channel, text);
      const device =
        known.get(m.transport === 'http' ? `${m.vendor}\u001f${m.deviceRef}` : m.deviceRef) ?? null;
      return { m, text, p, device, key: keyOf(m, text, p) };
    });
    // A well-formed heartbeat of a known device is counted (last seen, battery), not stored (decision 029).
    const countedOnly = (x: Prepared) => x.m.channel === 'heartbeat' && x.device !== null && !x.p.error;
    const inserted = await storeRaw(
      tx,
      deps.cipher,
      prepared.filter((x) => !countedOnly(x)),
    );
    const results: IngestResult[] = [];
    const alarmIds: { key: string; alarmId: string }[] = [];
    for (const x of prepared) {
      const fresh = countedOnly(x) || inserted.delete(x.key);
      const r: IngestResult = {
        messageId: x.key,
        duplicate: !fresh,
        outcome: x.p.error ? 'malformed' : x.p.kind ? 'alarm' : 'stored',
        error: x.p.error,
        alarmId: null,
      };
      if (fresh && x.p.kind && !x.p.error) {
        const opened = await openAlarmOf(tx, uow, x.m, x.p, x.p.kind, x.device, x.key);
        if (opened) {
          r.alarmId = opened.alarmId;
          alarmIds.push({ key: x.key, alarmId: opened.alarmId });
        }
      }
      results.push(r);
    }
    if (alarmIds.length)
      await tx.execute(sql`UPDATE device_messages m SET alarm_id = v.alarm_id
        FROM unnest(${sql.param(alarmIds.map((a) => a.key))}::text[], ${sql.param(alarmIds.map((a) => a.alarmId))}::uuid[]) AS v(key, alarm_id)
        WHERE m.message_key = v.key`);
    await updateCounters(tx, prepared, results);
    // Vital signs and ambient events of bound devices for the health module (decision 031), same transaction.
    await recordDeviceSignals(tx, deps, healthSignals(prepared, results));
    return results;
  });
}

type Prepared = { m: RawMessage; text: string; p: Parsed; device: DeviceFacts | null; key: string };

/** Stores messages raw (payload encrypted); returns the keys inserted (a redelivery's key is not). */
async function storeRaw(tx: Tx, cipher: FieldCipher, rows: Prepared[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx
    .insert(deviceMessages)
    .values(
      rows.map(({ m, text, p, device, key }) => ({
        messageKey: key,
        receivedAt: m.receivedAt,
        deviceTime: p.deviceTime,
        deviceId: device?.id ?? null,
        deviceRef: m.deviceRef,
        transport: m.transport,
        vendor: m.vendor ?? null,
        topic: m.topic,
        channel: m.channel,
        payloadEnc: cipher.encrypt(text, PAYLOAD_CONTEXT),
        outcome: p.error ? 'malformed' : p.kind ? 'alarm' : 'stored',
        error: p.error,
      })),
    )
    .onConflictDoNothing({ target: deviceMessages.messageKey })
    .returning({ key: deviceMessages.messageKey });
  return new Set(inserted.map((r) => r.key));
}

/** The batch's new, well-formed telemetry and events of bound devices, for the health module's hook. */
const healthSignals = (prepared: Prepared[], results: IngestResult[]): DeviceSignal[] =>
  prepared.flatMap((x, i) =>
    x.device?.elderIds.length && !results[i]!.duplicate && !x.p.error && x.m.channel !== 'heartbeat'
      ? [
          {
            channel: x.m.channel,
            text: x.text,
            deviceId: x.device.id,
            elderIds: x.device.elderIds,
            at: x.p.deviceTime ?? x.m.receivedAt,
          },
        ]
      : [],
  );

function openAlarmOf(
  tx: Tx,
  uow: UnitOfWork,
  m: RawMessage,
  p: Parsed,
  kind: DeviceAlarmKind,
  device: DeviceFacts | null,
  key: string,
) {
  const home = device?.lat != null && device.lng != null ? { lat: device.lat, lng: device.lng } : null;
  return openDeviceAlarm(tx, uow, {
    source: m.transport === 'http' ? 'vendor_http' : 'device',
    kind,
    deviceId: device?.id ?? null,
    deviceSerial: device?.serial ?? m.deviceRef,
    elderIds: device?.elderIds ?? [],
    regionCode: device?.regionCode ?? null,
    position: p.position ?? home,
    occurredAt: p.deviceTime ?? m.receivedAt,
    messageId: key,
  });
}

type Counter = { n: number; bad: number; seen: Date; battery: number | null; power: 'fail' | 'ok' | null };

/**
 * message/malformed counts, last seen, battery, mains state and the offline deadline per device, and the
 * device's open offline task closed (a message is a sign of life) — one statement, rows locked in id order.
 * The offline deadline is last seen + 2 × heartbeat + 60 s (decision 029); `offline_since` null puts the
 * device back under the sweeper's index. A mains-failure task closes when the device reports mains back.
 */
async function updateCounters(
  tx: Tx,
  prepared: { m: RawMessage; p: Parsed; device: DeviceFacts | null }[],
  results: IngestResult[],
) {
  const per = new Map<string, Counter>();
  prepared.forEach((x, i) => {
    if (!x.device || results[i]!.duplicate) return;
    const c = per.get(x.device.id) ?? { n: 0, bad: 0, seen: x.m.receivedAt, battery: null, power: null };
    c.n += 1;
    if (x.p.error) c.bad += 1;
    if (x.m.receivedAt > c.seen) c.seen = x.m.receivedAt;
    if (x.p.battery !== null) c.battery = x.p.battery;
    if (x.p.power !== null && !x.p.error) c.power = x.p.power;
    per.set(x.device.id, c);
  });
  if (per.size === 0) return;
  const ids = [...per.keys()].sort();
  const col = <T>(f: (c: Counter) => T) => ids.map((id) => f(per.get(id)!));
  await tx.execute(sql`WITH u AS (UPDATE devices d SET
      message_count = d.message_count + v.n,
      malformed_count = d.malformed_count + v.bad,
      last_seen_at = GREATEST(d.last_seen_at, v.seen),
      offline_at = GREATEST(d.last_seen_at, v.seen) + (2 * d.heartbeat_seconds + 60) * interval '1 second',
      offline_since = NULL,
      battery = COALESCE(v.battery, d.battery),
      mains_fail_at = CASE v.power WHEN 'fail' THEN COALESCE(d.mains_fail_at, v.seen) WHEN 'ok' THEN NULL
        ELSE d.mains_fail_at END
    FROM unnest(${sql.param(ids)}::uuid[], ${sql.param(col((c) => c.n))}::int[], ${sql.param(col((c) => c.bad))}::int[],
      ${sql.param(col((c) => c.seen.toISOString()))}::timestamptz[], ${sql.param(col((c) => c.battery))}::int[],
      ${sql.param(col((c) => c.power))}::text[])
      AS v(id, n, bad, seen, battery, power)
    WHERE d.id = v.id
    RETURNING d.id, v.seen, d.mains_fail_at)
    UPDATE device_tasks t SET closed_at = u.seen,
      closed_by = CASE t.kind WHEN 'offline' THEN 'heartbeat' ELSE 'mains' END
    FROM u
    WHERE t.device_id = u.id AND t.closed_at IS NULL
      AND (t.kind = 'offline' OR (t.kind = 'mains_fail' AND u.mains_fail_at IS NULL))`);
}

/** A connection-level failure (the database restarted, a backend was terminated): worth retrying. */
function transient(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown };
  const code = e?.code ?? '';
  if (/^(08|57P|53)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))
    return true;
  if (
    /Connection terminated|terminating connection|connection is closed|Client has encountered a connection error/i.test(
      e?.message ?? '',
    )
  )
    return true;
  return e?.cause ? transient(e.cause) : false;
}

interface Pending {
  m: RawMessage;
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit (decision 025): messages are collected for at most `windowMs` or `max` messages and
 * committed in one transaction; each caller's promise resolves only after the commit, and the broker's
 * acknowledgement (PUBACK) waits on it. A connection failure retries the batch with backoff (the messages
 * stay unacknowledged meanwhile); any other failure retries each message alone and rejects the one that
 * fails (its sender gets no acknowledgement).
 */
export class IngestBatcher {
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | null = null;
  #inflight = 0;
  #closed = false;
  #idle: (() => void)[] = [];

  constructor(
    private readonly commit: (batch: RawMessage[]) => Promise<IngestResult[]>,
    private readonly log: Logger,
    private readonly opts: { windowMs: number; max: number; concurrency: number } = {
      windowMs: 5,
      max: 200,
      concurrency: 4,
    },
  ) {}

  submit(m: RawMessage): Promise<IngestResult> {
    if (this.#closed) return Promise.reject(new Error('ingest stopped'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ m, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#queue.length >= this.opts.max && this.#inflight < this.opts.concurrency) this.#flush();
    if (this.#queue.length > 0 && !this.#timer && this.#inflight < this.opts.concurrency)
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (this.#inflight < this.opts.concurrency) this.#flush();
        this.#pump();
      }, this.opts.windowMs);
  }

  #flush(): void {
    const batch = this.#queue.splice(0, this.opts.max);
    if (batch.length === 0) return;
    this.#inflight += 1;
    void detached(() => this.#run(batch)).finally(() => {
      this.#inflight -= 1;
      this.#pump();
      if (this.#inflight === 0 && this.#queue.length === 0) for (const f of this.#idle.splice(0)) f();
    });
  }

  async #run(batch: Pending[], attempt = 0): Promise<void> {
    try {
      const results = await this.commit(batch.map((p) => p.m));
      this.log.debug({ messages: batch.length }, 'device ingest batch committed');
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (this.#closed) return batch.forEach((p) => p.reject(err));
      if (transient(err)) {
        this.log.warn(
          { err, messages: batch.length, attempt },
          'device ingest: database unavailable, retrying',
        );
        await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** Math.min(attempt, 6))));
        return this.#run(batch, attempt + 1);
      }
      if (batch.length > 1) {
        for (const p of batch) await this.#run([p], 0);
        return;
      }
      this.log.error({ err, topic: batch[0]!.m.topic }, 'device ingest: message refused');
      batch[0]!.reject(err);
    }
  }

  /** Waits for what is queued and in flight; later submissions are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#queue.length) this.#flush();
    if (this.#inflight > 0) await new Promise<void>((r) => this.#idle.push(r));
  }
}
