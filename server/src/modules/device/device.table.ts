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
    // Device health (decision 029): who maintains it (null: the installing provider, organisation_id); when it
    // counts as offline (last message + 2 × heartbeat + 60 s, written by the ingest); since when an offline task
    // is open (null: online, the sweeper's index covers only these); the last mains-failure report (null: on mains).
    maintainerId: uuid('maintainer_id').references(() => organisations.id),
    offlineAt: ts('offline_at'),
    offlineSince: ts('offline_since'),
    mainsFailAt: ts('mains_fail_at'),
    messageCount: bigint('message_count', { mode: 'number' }).notNull().default(0),
    malformedCount: bigint('malformed_count', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('devices_vendor_serial_uq').on(t.vendor, t.serial),
    index('devices_region_idx').on(t.regionCode),
    index('devices_org_idx').on(t.organisationId),
    // The health sweeper's reads (decision 029): due and not yet flagged offline; low battery; mains failure.
    index('devices_offline_due_idx')
      .on(t.offlineAt)
      .where(sql`offline_since IS NULL AND status = 'active'`),
    index('devices_battery_idx')
      .on(t.battery)
      .where(sql`battery IS NOT NULL AND status = 'active'`),
    index('devices_mains_fail_idx')
      .on(t.mainsFailAt)
      .where(sql`mains_fail_at IS NOT NULL`),
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

/**
 * Device health tasks (设备任务, decision 029): offline (离线), low battery (低电量), mains failure (市电中断), for
 * the device's maintainer. At most one open task per device and kind. A task folded into an area event keeps
 * its row (`area_event_id`) but leaves the maintainer's queue.
 */
export const deviceTasks = pgTable(
  'device_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(), // DEVICE_TASK_KINDS
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    elderIds: uuid('elder_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    regionCode: text('region_code'),
    maintainerId: uuid('maintainer_id'),
    // When it happened by the rule (offline deadline, mains-failure report, battery reading); opened when found.
    signalAt: ts('signal_at').notNull(),
    openedAt: ts('opened_at').notNull(),
    areaEventId: uuid('area_event_id'),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by'), // DEVICE_TASK_CLOSERS
    closedByUser: uuid('closed_by_user'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('device_tasks_open_uq')
      .on(t.deviceId, t.kind)
      .where(sql`closed_at IS NULL`),
    index('device_tasks_region_open_idx')
      .on(t.regionCode, t.signalAt)
      .where(sql`closed_at IS NULL`),
    index('device_tasks_area_idx').on(t.areaEventId),
    index('device_tasks_device_idx').on(t.deviceId, t.openedAt),
  ],
);

/**
 * Area events (区域事件, decision 029): 10 or more devices of one community offline or on mains failure within
 * 5 minutes, one event (a power or network cut) instead of a task each.
 */
export const deviceAreaEvents = pgTable(
  'device_area_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    cause: text('cause').notNull(), // AREA_EVENT_CAUSES
    openedAt: ts('opened_at').notNull(),
    firstSignalAt: ts('first_signal_at').notNull(),
    deviceCount: integer('device_count').notNull(),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by'), // 'recovered' | 'manual'
    note: text('note'),
  },
  (t) => [
    uniqueIndex('device_area_events_open_uq')
      .on(t.regionCode)
      .where(sql`closed_at IS NULL`),
    index('device_area_events_region_idx').on(t.regionCode, t.openedAt),
  ],
);

/** The welfare calls (关怀回访) of an area event: one row per elder called, the last outcome. */
export const deviceWelfareCalls = pgTable(
  'device_welfare_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    areaEventId: uuid('area_event_id')
      .notNull()
      .references(() => deviceAreaEvents.id),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    outcome: text('outcome').notNull(), // WELFARE_OUTCOMES
    note: text('note'),
    attempts: integer('attempts').notNull().default(1),
    calledAt: ts('called_at').notNull(),
    calledBy: uuid('called_by'),
    calledByName: text('called_by_name'),
    alarmId: uuid('alarm_id'),
  },
  (t) => [uniqueIndex('device_welfare_calls_uq').on(t.areaEventId, t.elderId)],
);
