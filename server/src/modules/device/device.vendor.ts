import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import type { IngestResult } from './device.ingest.ts';
import type { DeviceIngest } from './device.mqtt.ts';
import { deviceRepo } from './device.repo.ts';
import { ingestBody } from './device.schema.ts';

const VENDOR_CONTEXT = 'device_vendor.secret';
/** The replay window: a request signed more than this long before or after now is refused. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** `sha256=<hex HMAC-SHA256 of timestamp + "." + raw body>` with the vendor's key. */
export function signVendorBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const unauthorized = (code: string, pointer: string) =>
  new DomainError(code, { status: 401, errors: [{ pointer, code }] });

/**
 * HTTP ingest for vendor clouds (issue 16 item 2): `POST /api/v1/ingest/{vendor}/events`, signed with the
 * vendor's key (`X-Yiyang-Signature`, `X-Yiyang-Timestamp` within 5 minutes), idempotent on the vendor's
 * message id. A body that is signed but malformed is stored (outcome `malformed`) and answered 400.
 */
export class VendorIngest {
  // Per-vendor token bucket: 200 requests/s sustained, bursts of 2,000.
  #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly deps: TransactDeps & { db: Db; cipher: FieldCipher; ingest: DeviceIngest }) {}

  /** Registers a vendor (or replaces its key); returns the new key, shown once. */
  async issueKey(code: string, name: string): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await transact(this.deps, SYSTEM_ACTOR, async (tx, uow) => {
      await deviceRepo(tx).upsertVendor(code, name, this.deps.cipher.encrypt(secret, VENDOR_CONTEXT));
      uow.audit({
        action: 'device.vendor_key',
        entityType: 'device_vendor',
        entityId: null,
        summary: `厂商 ${code} 接入密钥`,
      });
    });
    return secret;
  }

  #allow(vendor: string): boolean {
    const now = Date.now();
    const b = this.#buckets.get(vendor) ?? { tokens: 2000, at: now };
    b.tokens = Math.min(2000, b.tokens + ((now - b.at) / 1000) * 200);
    b.at = now;
    this.#buckets.set(vendor, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  async receive(
    vendor: string,
    raw: string,
    headers: { signature?: string | undefined; timestamp?: string | undefined },
    now = Date.now(),
  ): Promise<IngestResult> {
    const v = await deviceRepo(this.deps.db).vendor(vendor);
    if (!v || !v.active) throw unauthorized('device.vendor_not_found', '/params/vendor');
    if (!this.#allow(vendor)) throw new DomainError('device.rate_limited', { status: 429 });
    const ts = headers.timestamp ?? '';
    const expected = signVendorBody(this.deps.cipher.decrypt(v.secretEnc, VENDOR_CONTEXT), ts, raw);
    const given = headers.signature ?? '';
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
      throw unauthorized('device.bad_signature', '/headers/x-yiyang-signature');
    const at = /^\d{10,13}$/.test(ts) ? Number(ts.length <= 10 ? Number(ts) * 1000 : ts) : Date.parse(ts);
    if (!Number.isFinite(at) || Math.abs(now - at) > REPLAY_WINDOW_MS)
      throw unauthorized('device.stale_timestamp', '/headers/x-yiyang-timestamp');
    let json: unknown;
    let problem: { pointer: string; reason: string } | null = null;
    try {
      json = JSON.parse(raw);
    } catch {
      problem = { pointer: '/body', reason: 'not JSON' };
    }
    const parsed = problem ? null : ingestBody.safeParse(json);
    if (parsed && !parsed.success) {
      const issue = parsed.error.issues[0]!;
      problem = { pointer: `/body/${issue.path.join('/')}`, reason: issue.message };
    }
    if (problem || !parsed?.success) {
      // Stored and counted all the same (never dropped silently); a retry of the same bytes is one row.
      const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
      const serial = typeof o.serial === 'string' ? o.serial.slice(0, 64) : 'unknown';
      await this.deps.ingest.submit({
        transport: 'http',
        vendor,
        vendorMessageId: `malformed:${createHash('sha256').update(raw).digest('base64url')}`,
        topic: `ingest/${vendor}/events`,
        deviceRef: serial,
        channel: 'event',
        payload: raw.length ? raw : '""',
        receivedAt: new Date(now),
      });
      const p = problem ?? { pointer: '/body', reason: 'invalid' };
      throw new DomainError('device.malformed_payload', {
        status: 400,
        params: { reason: p.reason },
        errors: [{ pointer: p.pointer, code: 'device.malformed_payload', params: { reason: p.reason } }],
      });
    }
    const b = parsed.data;
    const r = await this.deps.ingest.submit({
      transport: 'http',
      vendor,
      vendorMessageId: b.messageId,
      topic: `ingest/${vendor}/events`,
      deviceRef: b.serial,
      channel: b.channel,
      payload: JSON.stringify(b.payload),
      receivedAt: new Date(now),
    });
    if (r.outcome === 'malformed')
      throw new DomainError('device.malformed_payload', {
        status: 400,
        params: { reason: r.error },
        errors: [{ pointer: '/body/payload', code: 'device.malformed_payload', params: { reason: r.error } }],
      });
    return r;
  }
}
