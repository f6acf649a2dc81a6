import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ElderPayCategory, PayRule } from '@yiyang/contracts';
import { elders } from '../elder/elder.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { regions } from '../region/region.table.ts';

/**
 * The district catalogue (服务清单, PRODUCT.md §4.5): one row per item VERSION. An item is its `code` in its
 * district; a price change is a new row from a date (the previous one gets `valid_to` the day before), so
 * orders keep the version they were priced by. Published to everyone (no personal data).
 */
export const serviceItems = pgTable(
  'service_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The county (区县) whose bureau publishes the catalogue. */
    districtCode: text('district_code')
      .notNull()
      .references(() => regions.code),
    code: text('code').notNull(),
    category: text('category').notNull(), // SERVICE_CATEGORIES
    subItem: text('sub_item').notNull(), // SERVICE_SUB_ITEMS[category]
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    unit: text('unit').notNull(), // SERVICE_UNITS
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull(),
    /** Certificate kinds the caregiver must hold, valid on the day of the visit. */
    requiredCredentials: text('required_credentials').array().notNull().default([]),
    photosAllowed: boolean('photos_allowed').notNull().default(false),
    /** What each elder category pays; a category not named pays the `general` rule (default full). */
    payRules: jsonb('pay_rules').$type<Partial<Record<ElderPayCategory, PayRule>>>().notNull().default({}),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /** The version this one follows (a price change). */
    previousId: uuid('previous_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('service_items_version_uq').on(t.districtCode, t.code, t.validFrom),
    index('service_items_district_idx').on(t.districtCode, t.category, t.code),
  ],
);

/**
 * A provider organisation's contract with the district (服务协议/购买服务合同): the catalogue items (by
 * code, so price versions do not break it) it delivers, in which regions, between which dates.
 */
export const providerContracts = pgTable(
  'provider_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    districtCode: text('district_code')
      .notNull()
      .references(() => regions.code),
    number: text('number').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    terminatedAt: timestamp('terminated_at', { withTimezone: true, precision: 3 }),
    terminationReason: text('termination_reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('provider_contracts_org_idx').on(t.organisationId),
    index('provider_contracts_district_idx').on(t.districtCode, t.validFrom),
  ],
);

/** The regions a contract serves; a street serves its communities (`region_prefix`). */
export const providerContractRegions = pgTable(
  'provider_contract_regions',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => providerContracts.id, { onDelete: 'cascade' }),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    regionPrefix: text('region_prefix').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.regionCode] }),
    index('provider_contract_regions_region_idx').on(t.regionCode.op('text_pattern_ops')),
  ],
);

/** The catalogue item codes a contract covers. */
export const providerContractItems = pgTable(
  'provider_contract_items',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => providerContracts.id, { onDelete: 'cascade' }),
    itemCode: text('item_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.itemCode] }),
    index('provider_contract_items_code_idx').on(t.itemCode),
  ],
);

/**
 * A service agreement (服务协议) between an elder (or guardian) and a provider, signed before funded
 * services (GB/T 43153: 咨询接待 → 评估 → 签订协议 → 服务). Scoped by the elder's community and the provider.
 */
export const serviceAgreements = pgTable(
  'service_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The elder's community when drafted (scope). */
    regionCode: text('region_code').notNull(),
    status: text('status').notNull().default('draft'), // AGREEMENT_STATUSES
    itemCodes: text('item_codes').array().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    notes: text('notes'),
    signerKind: text('signer_kind'), // AGREEMENT_SIGNERS
    signerName: text('signer_name'),
    signerRelationship: text('signer_relationship'),
    signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }),
    /** The staff member who recorded the signature. */
    signedBy: uuid('signed_by'),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
    endReason: text('end_reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('service_agreements_number_uq').on(t.number),
    index('service_agreements_elder_idx').on(t.elderId, t.organisationId),
    index('service_agreements_region_idx').on(t.regionCode.op('text_pattern_ops'), t.createdAt),
    index('service_agreements_org_idx').on(t.organisationId, t.createdAt),
  ],
);
