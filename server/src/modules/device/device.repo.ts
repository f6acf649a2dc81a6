import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { inScopeAndRegion, type AuthContext } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import type { Keyset } from '../../platform/pagination.ts';
import { elders } from '../elder/elder.table.ts';
import { deviceBindings, deviceMessages, devices, deviceVendors } from './device.table.ts';

export type DeviceRow = typeof devices.$inferSelect;
export type DeviceInsert = typeof devices.$inferInsert;
export type DeviceMessageRow = typeof deviceMessages.$inferSelect;
export type VendorRow = typeof deviceVendors.$inferSelect;

/** Scope of every device read: the installation community's subtree, or the installing provider. */
export const deviceInScope = (auth: AuthContext, regionCode?: string): SQL =>
  inScopeAndRegion(
    auth.scope,
    { region: devices.regionCode, organisation: devices.organisationId },
    regionCode,
  );

export interface DeviceFilter {
  regionCode?: string | undefined;
  type?: string | undefined;
  vendor?: string | undefined;
  serial?: string | undefined;
  status?: string | undefined;
}

export function deviceRepo(db: Executor) {
  return {
    async list(auth: AuthContext, f: DeviceFilter, after: Keyset | null, limit: number) {
      const conds: SQL[] = [deviceInScope(auth, f.regionCode)];
      if (f.type) conds.push(eq(devices.type, f.type));
      if (f.vendor) conds.push(eq(devices.vendor, f.vendor));
      if (f.serial) conds.push(eq(devices.serial, f.serial));
      if (f.status) conds.push(eq(devices.status, f.status));
      if (after)
        conds.push(
          or(
            lt(devices.createdAt, after.createdAt),
            and(eq(devices.createdAt, after.createdAt), lt(devices.id, after.id)),
          )!,
        );
      return db
        .select()
        .from(devices)
        .where(and(...conds))
        .orderBy(desc(devices.createdAt), desc(devices.id))
        .limit(limit + 1);
    },
    async findInScope(auth: AuthContext, id: string): Promise<DeviceRow | undefined> {
      const [r] = await db
        .select()
        .from(devices)
        .where(and(eq(devices.id, id), deviceInScope(auth)));
      return r;
    },
    async findById(id: string): Promise<DeviceRow | undefined> {
      const [r] = await db.select().from(devices).where(eq(devices.id, id));
      return r;
    },
    async withoutCredentials(): Promise<DeviceRow[]> {
      return db
        .select()
        .from(devices)
        .where(and(isNull(devices.secretHash), sql`${devices.status} <> 'retired'`));
    },
    async findBySerial(vendor: string, serial: string): Promise<DeviceRow | undefined> {
      const [r] = await db
        .select()
        .from(devices)
        .where(and(eq(devices.vendor, vendor), eq(devices.serial, serial)));
      return r;
    },
    async insert(values: DeviceInsert): Promise<DeviceRow> {
      const [r] = await db.insert(devices).values(values).returning();
      return r!;
    },
    async update(id: string, values: Partial<DeviceInsert>): Promise<DeviceRow> {
      const [r] = await db
        .update(devices)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(devices.id, id))
        .returning();
      return r!;
    },
    ...bindingRepo(db),
  };
}

/** Bindings, messages and vendors (part of `deviceRepo`). */
function bindingRepo(db: Executor) {
  return {
    /** Current bindings of these devices, with the elders' masked names. */
    async bindingsOf(deviceIds: string[]) {
      if (deviceIds.length === 0) return [];
      return db
        .select({
          deviceId: deviceBindings.deviceId,
          elderId: deviceBindings.elderId,
          boundAt: deviceBindings.boundAt,
          elderNameMasked: elders.nameMasked,
        })
        .from(deviceBindings)
        .innerJoin(elders, eq(elders.id, deviceBindings.elderId))
        .where(
          and(
            sql`${deviceBindings.deviceId} = ANY(${sql.param(deviceIds)}::uuid[])`,
            isNull(deviceBindings.unboundAt),
          ),
        );
    },
    async bind(deviceId: string, elderId: string, by: string | null): Promise<boolean> {
      const r = await db
        .insert(deviceBindings)
        .values({ deviceId, elderId, boundBy: by })
        .onConflictDoNothing()
        .returning({ id: deviceBindings.id });
      return r.length > 0;
    },
    async unbind(deviceId: string, elderId: string, at: Date): Promise<boolean> {
      const r = await db
        .update(deviceBindings)
        .set({ unboundAt: at })
        .where(
          and(
            eq(deviceBindings.deviceId, deviceId),
            eq(deviceBindings.elderId, elderId),
            isNull(deviceBindings.unboundAt),
          ),
        )
        .returning({ id: deviceBindings.id });
      return r.length > 0;
    },
    /** The devices currently bound to an elder, in the caller's scope. */
    async ofElder(auth: AuthContext, elderId: string): Promise<DeviceRow[]> {
      const rows = await db
        .select({ d: devices })
        .from(devices)
        .innerJoin(deviceBindings, eq(deviceBindings.deviceId, devices.id))
        .where(
          and(eq(deviceBindings.elderId, elderId), isNull(deviceBindings.unboundAt), deviceInScope(auth)),
        )
        .orderBy(desc(devices.createdAt));
      return rows.map((r) => r.d);
    },
    async recentMessages(deviceId: string, limit: number): Promise<DeviceMessageRow[]> {
      return db
        .select()
        .from(deviceMessages)
        .where(eq(deviceMessages.deviceId, deviceId))
        .orderBy(desc(deviceMessages.receivedAt))
        .limit(limit);
    },
    async vendor(code: string): Promise<VendorRow | undefined> {
      const [r] = await db.select().from(deviceVendors).where(eq(deviceVendors.code, code));
      return r;
    },
    async upsertVendor(code: string, name: string, secretEnc: string): Promise<void> {
      await db
        .insert(deviceVendors)
        .values({ code, name, secretEnc })
        .onConflictDoUpdate({ target: deviceVendors.code, set: { name, secretEnc } });
    },
  };
}
