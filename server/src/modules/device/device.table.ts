import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The device registry (PRODUCT.md §4.6, decision 025): one row per installed device. Scoped by the
 * community of its installation address (`region_code`, null until installed) and by the provider that
 * installed it (`organisation_id`). The MQTT username of a device is its id; its password is checked
 * against `secret_hash`, a keyed SHA-256 (the blind-index key) of a random 32-byte secret.
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(), // DEVICE_TYPES
    vendor: text('vendor').notNull(),
    serial: text('serial').notNull(),
    model: text('model'),
    regionCode: text('region_code'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    // The installation address, encrypted (personal data); its masked form for lists.
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    installedOn: date('installed_on', { mode: 'string' }),
    installer: text('installer'),
    installNote: text('install_note'),
    heartbeatSeconds: integer('heartbeat_seconds').notNull().default(3600),
    battery: smallint('battery'),
    status: text('status').notNull().default('active'),
    secretHash: text('secret_hash'),
    lastSeenAt: ts('last_seen_at'),
    messageCount: bigint('message_count', { mode: 'number' }).notNull().default(0),
    malformedCount: bigint('malformed_count', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('devices_vendor_serial_uq').on(t.vendor, t.serial),
    index('devices_region_idx').on(t.regionCode),
    index('devices_org_idx').on(t.organisationId),
  ],
);

/** A device's elders (a couple shares one button); an unbinding keeps the row with `unbound_at`. */
export const deviceBindings = pgTable(
  'device_bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    boundAt: ts('bound_at').notNull().defaultNow(),
    boundBy: uuid('bound_by'),
    unboundAt: ts('unbound_at'),
  },
  (t) => [
    uniqueIndex('device_bindings_current_uq')
      .on(t.deviceId, t.elderId)
      .where(sql`unbound_at IS NULL`),
    index('device_bindings_elder_idx').on(t.elderId),
  ],
);

/**
 * Every message received, raw (issue 16: never dropped silently), by MQTT or a vendor's HTTP push.
 * `message_key` makes a redelivery (QoS 1 duplicate, vendor retry) a no-op. The payload is encrypted
 * (vital signs are health data).
 */
export const deviceMessages = pgTable(
  'device_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageKey: text('message_key').notNull(),
    receivedAt: ts('received_at').notNull(),
    deviceTime: ts('device_time'),
    deviceId: uuid('device_id'),
    // What the message called its device (topic segment or vendor serial), kept for unknown devices.
    deviceRef: text('device_ref').notNull(),
    transport: text('transport').notNull(), // 'mqtt' | 'http'
    vendor: text('vendor'),
    topic: text('topic').notNull(),
    channel: text('channel').notNull(), // DEVICE_CHANNELS
    payloadEnc: text('payload_enc').notNull(),
    outcome: text('outcome').notNull(), // DEVICE_MESSAGE_OUTCOMES
    error: text('error'),
    alarmId: uuid('alarm_id'),
  },
  (t) => [
    uniqueIndex('device_messages_key_uq').on(t.messageKey),
    index('device_messages_device_idx').on(t.deviceId, t.receivedAt),
  ],
);

/** Vendor clouds that push events over HTTP: one signing key each, encrypted at rest. */
export const deviceVendors = pgTable('device_vendors', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  secretEnc: text('secret_enc').notNull(),
  active: smallint('active').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});
