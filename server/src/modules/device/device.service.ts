import { randomBytes } from 'node:crypto';
import type { DeviceHealthState, DeviceStatus, DeviceTaskKind, DeviceType } from '@yiyang/contracts';
import { and, inArray, isNull } from 'drizzle-orm';
import { assertCovers, covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import {
  conflict,
  DomainError,
  hasPgCode,
  invalidField,
  isUniqueViolation,
  notFound,
} from '../../platform/errors.ts';
import { maskAddress } from '../../platform/masking.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { findElderInScope } from '../elder/index.ts';
import { PAYLOAD_CONTEXT } from './device.ingest.ts';
import type { DeviceIngest } from './device.mqtt.ts';
import { deviceRepo, type DeviceRow } from './device.repo.ts';
import { deviceTasks } from './device.table.ts';
import type { DeviceCreate, DeviceListQuery, DeviceUpdate } from './device.schema.ts';

export const ADDRESS_CONTEXT = 'device.address';
export type DeviceDeps = TransactDeps & { db: Db; cipher: FieldCipher; ingest: DeviceIngest };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const place = (d: DeviceRow) => ({
  entityType: 'device',
  entityId: d.id,
  regionCode: d.regionCode,
  organisationId: d.organisationId,
});

/** A maintainer that is no organisation: 422 on the field; anything else as it was. */
const maintainerError = (err: unknown) =>
  hasPgCode(err, '23503') ? invalidField('/body/maintainerId', 'device.maintainer_not_found') : err;

/** The device registry (issue 16 item 1): registration, binding to elders, credentials. */
export class DeviceService {
  constructor(private readonly deps: DeviceDeps) {}

  private async views(rows: DeviceRow[]) {
    const ids = rows.map((r) => r.id);
    const bindings = await deviceRepo(this.deps.db).bindingsOf(ids);
    const tasks = ids.length
      ? await this.deps.db
          .select()
          .from(deviceTasks)
          .where(and(inArray(deviceTasks.deviceId, ids), isNull(deviceTasks.closedAt)))
          .orderBy(deviceTasks.openedAt)
      : [];
    const now = Date.now();
    return rows.map((d) => ({
      id: d.id,
      type: d.type as DeviceType,
      vendor: d.vendor,
      serial: d.serial,
      model: d.model,
      regionCode: d.regionCode,
      organisationId: d.organisationId,
      addressMasked: d.addressMasked,
      lat: d.lat,
      lng: d.lng,
      installedOn: d.installedOn,
      installer: d.installer,
      installNote: d.installNote,
      heartbeatSeconds: d.heartbeatSeconds,
      battery: d.battery,
      status: d.status as DeviceStatus,
      lastSeenAt: iso(d.lastSeenAt),
      maintainerId: d.maintainerId ?? d.organisationId,
      // Online until the offline deadline (last seen + 2 × heartbeat + 60 s) passes; unknown if never heard.
      health: (!d.offlineAt
        ? 'unknown'
        : d.offlineSince || d.offlineAt.getTime() < now
          ? 'offline'
          : 'online') as DeviceHealthState,
      mainsFailAt: iso(d.mainsFailAt),
      openTasks: tasks
        .filter((t) => t.deviceId === d.id)
        .map((t) => ({
          id: t.id,
          kind: t.kind as DeviceTaskKind,
          openedAt: t.openedAt.toISOString(),
          areaEventId: t.areaEventId,
        })),
      messageCount: d.messageCount,
      malformedCount: d.malformedCount,
      hasCredentials: d.secretHash !== null,
      bindings: bindings
        .filter((b) => b.deviceId === d.id)
        .map((b) => ({
          elderId: b.elderId,
          elderNameMasked: b.elderNameMasked,
          boundAt: b.boundAt.toISOString(),
        })),
      createdAt: d.createdAt.toISOString(),
    }));
  }

  async list(auth: AuthContext, q: DeviceListQuery) {
    const rows = await deviceRepo(this.deps.db).list(auth, q, decodeCursor(q.cursor), q.limit);
    const p = page(rows, q.limit, (r) => ({ createdAt: r.createdAt, id: r.id }));
    return { items: await this.views(p.items), nextCursor: p.nextCursor };
  }

  private async load(auth: AuthContext, id: string): Promise<DeviceRow> {
    const d = await deviceRepo(this.deps.db).findInScope(auth, id);
    if (!d) throw notFound('device.not_found');
    return d;
  }

  /** The device page: the registry row, its elders and its last 50 messages (payloads decrypted). */
  async get(auth: AuthContext, id: string) {
    const d = await this.load(auth, id);
    const [view] = await this.views([d]);
    const messages = await deviceRepo(this.deps.db).recentMessages(id, 50);
    return {
      ...view!,
      recentMessages: messages.map((m) => ({
        id: m.id,
        receivedAt: m.receivedAt.toISOString(),
        deviceTime: iso(m.deviceTime),
        channel: m.channel,
        transport: m.transport,
        outcome: m.outcome,
        error: m.error,
        alarmId: m.alarmId,
        payload: this.deps.cipher.decrypt(m.payloadEnc, PAYLOAD_CONTEXT),
      })),
    };
  }

  /** The devices bound to an elder (the elder's record shows them). */
  async ofElder(auth: AuthContext, elderId: string) {
    const elder = await findElderInScope(this.deps.db, auth.scope, elderId);
    if (!elder) throw notFound('elder.not_found');
    return { items: await this.views(await deviceRepo(this.deps.db).ofElder(auth, elderId)) };
  }

  private async checkElder(auth: AuthContext, elderId: string, pointer: string) {
    const e = await findElderInScope(this.deps.db, auth.scope, elderId);
    if (!e)
      throw new DomainError('device.elder_out_of_scope', {
        status: 422,
        errors: [{ pointer, code: 'device.elder_out_of_scope' }],
      });
    return e.elder;
  }

  private placeOf(auth: AuthContext, input: { regionCode?: string | null; organisationId?: string | null }) {
    // A provider registers what it installs: its own organisation. The installation community must be in
    // the caller's own region scope (a provider's devices get theirs from the street).
    const organisationId = auth.scope.organisationId ?? input.organisationId ?? null;
    const regionCode = input.regionCode ?? null;
    if (regionCode) {
      if (!covers({ regionPrefix: auth.scope.regionPrefix, organisationId: null }, { regionCode }))
        assertCovers(auth, { regionCode }, '/body/regionCode');
    } else assertCovers(auth, { organisationId }, '/body/regionCode');
    return { regionCode, organisationId };
  }

  private addressFields(address: string | null | undefined) {
    if (address === undefined) return {};
    return {
      addressEnc: address ? this.deps.cipher.encrypt(address, ADDRESS_CONTEXT) : null,
      addressMasked: address ? maskAddress(address) : null,
    };
  }

  async create(auth: AuthContext, actor: Actor, input: DeviceCreate) {
    const where = this.placeOf(auth, input);
    for (const [i, elderId] of (input.elderIds ?? []).entries())
      await this.checkElder(auth, elderId, `/body/elderIds/${i}`);
    const d = await transact(this.deps, actor, async (tx, uow) => {
      let row: DeviceRow;
      try {
        row = await deviceRepo(tx).insert({
          type: input.type,
          vendor: input.vendor,
          serial: input.serial,
          model: input.model ?? null,
          ...where,
          ...this.addressFields(input.address),
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          installedOn: input.installedOn ?? null,
          installer: input.installer ?? null,
          installNote: input.installNote ?? null,
          heartbeatSeconds: input.heartbeatSeconds ?? 3600,
          maintainerId: input.maintainerId ?? null,
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw conflict('device.serial_taken', { serial: input.serial }, '/body/serial');
        throw maintainerError(err);
      }
      for (const elderId of input.elderIds ?? []) await deviceRepo(tx).bind(row.id, elderId, actor.userId);
      uow.audit({
        action: 'device.create',
        ...place(row),
        summary: `登记设备 ${input.vendor}/${input.serial}`,
        detail: { type: input.type, elderIds: input.elderIds ?? [] },
      });
      return row;
    });
    return this.get(auth, d.id);
  }

  async update(auth: AuthContext, actor: Actor, id: string, input: DeviceUpdate) {
    const d = await this.load(auth, id);
    const moved = input.regionCode !== undefined || input.organisationId !== undefined;
    const where = moved
      ? this.placeOf(auth, {
          regionCode: input.regionCode === undefined ? d.regionCode : input.regionCode,
          organisationId: input.organisationId === undefined ? d.organisationId : input.organisationId,
        })
      : {};
    const { address, ...rest } = input;
    await transact(this.deps, actor, async (tx, uow) => {
      const row = await deviceRepo(tx)
        .update(id, {
          ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
          ...where,
          ...this.addressFields(address),
        })
        .catch((err: unknown) => {
          throw maintainerError(err);
        });
      uow.audit({
        action: 'device.update',
        ...place(row),
        summary: `修改设备 ${row.vendor}/${row.serial}`,
        detail: { fields: Object.keys(input) },
      });
    });
    return this.get(auth, id);
  }

  async bind(auth: AuthContext, actor: Actor, id: string, elderId: string) {
    const d = await this.load(auth, id);
    await this.checkElder(auth, elderId, '/body/elderId');
    await transact(this.deps, actor, async (tx, uow) => {
      if (!(await deviceRepo(tx).bind(id, elderId, actor.userId))) return;
      uow.audit({
        action: 'device.bind',
        ...place(d),
        summary: `设备 ${d.serial} 绑定老人`,
        detail: { elderId },
      });
    });
    return this.get(auth, id);
  }

  async unbind(auth: AuthContext, actor: Actor, id: string, elderId: string) {
    const d = await this.load(auth, id);
    await transact(this.deps, actor, async (tx, uow) => {
      if (!(await deviceRepo(tx).unbind(id, elderId, new Date()))) throw notFound('device.not_bound');
      uow.audit({
        action: 'device.unbind',
        ...place(d),
        summary: `设备 ${d.serial} 解除绑定`,
        detail: { elderId },
      });
    });
    return this.get(auth, id);
  }

  /**
   * New MQTT credentials: username = the device id, password = 32 random bytes (base64url), shown once; the
   * registry keeps only its keyed hash. Replaces earlier credentials.
   */
  async credentials(auth: AuthContext | null, actor: Actor, id: string) {
    const d = auth ? await this.load(auth, id) : await deviceRepo(this.deps.db).findById(id);
    if (!d) throw notFound('device.not_found');
    const password = randomBytes(32).toString('base64url');
    await transact(this.deps, actor, async (tx, uow) => {
      await deviceRepo(tx).update(id, { secretHash: this.deps.ingest.secretHash(password) });
      uow.audit({ action: 'device.credentials', ...place(d), summary: `生成设备 ${d.serial} 的接入凭据` });
    });
    return { deviceId: id, username: id, password };
  }
}
