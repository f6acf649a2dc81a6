import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ElderAbility } from '@yiyang/contracts';
import { users } from '../user/user.table.ts';

/**
 * The elder registry (PRODUCT.md §4.2). Columns ending in `_enc` hold
 * FieldCipher tokens (AES-256-GCM, with the column as associated data);
 * `_hash` columns are blind indexes for exact lookup and de-duplication
 * (PRODUCT.md §4.15, STANDARDS.md §7). The name stays plain: staff search
 * it by substring and pinyin; views mask it.
 */
/** Rows the start-up backfill (`backfillElderMasks`) still has to fill. */
export const UNMASKED = sql`name_masked IS NULL OR (location_enc IS NULL AND lat IS NOT NULL)`;

export const elders = pgTable(
  'elders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Residence at village level (社区/村), the scope column.
    regionCode: text('region_code').notNull(),
    // Set when an organisation (e.g. an institution) is responsible; null for home-based elders.
    organisationId: uuid('organisation_id'),
    name: text('name').notNull(),
    // List display values (masking.ts), written with the row by elderColumns() so a list page decrypts
    // nothing. Null only on rows written before migration 0004 until `backfillElderMasks` has run.
    nameMasked: text('name_masked'),
    idNumberMasked: text('id_number_masked'),
    phoneMasked: text('phone_masked'),
    /** maskAddress() of the address; the list substitutes the region name when no 社区/小区/村 marker. */
    addressMasked: text('address_masked'),
    nameInitials: text('name_initials').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    // Substrings of the name (pinyin.ts nameGrams), GIN-indexed: "name contains" without a table scan.
    nameGrams: text('name_grams')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    idType: text('id_type').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    householdLocal: boolean('household_local').notNull().default(true),
    householdAddressEnc: text('household_address_enc'),
    addressEnc: text('address_enc'),
    // 002_… §三(一): non-local elders qualify 2 years after this date.
    residenceSince: date('residence_since', { mode: 'string' }),
    // The home position is sensitive (行踪轨迹, STANDARDS.md §7): exact in location_enc; lat/lng hold it
    // rounded to 0.01° (~1 km) for maps and the default view. Null location_enc with lat set: a row
    // written before migration 0005 until `backfillElderMasks` has run.
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    locationEnc: text('location_enc'),
    livingSituation: text('living_situation'),
    // 能力等级 of the current published assessment (written in its publishing transaction, decision 006).
    ability: jsonb('ability').$type<ElderAbility>(),
    ethnicity: text('ethnicity'),
    education: text('education'),
    maritalStatus: text('marital_status'),
    economicSources: text('economic_sources')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Chronic diseases, allergies, medication, family doctor: one encrypted JSON document.
    healthEnc: text('health_enc'),
    // Codes of every stored elder_tags row of this elder, whatever its validity dates (kept in the same
    // transaction by elderRepo's tag writes). A GIN-indexed pre-filter; validity is re-checked on elder_tags.
    tagCodes: text('tag_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status').notNull().default('active'),
    statusDate: date('status_date', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Keyset indexes carrying the list's scope and filter columns (migrations 0004, 0006): lists are ordered
    // by (region_code, created_at, id) — grouped by community — so a page of any region subtree, and of an
    // organisation's elders, is one ordered index-only scan that stops after `limit` matches (decision 007).
    index('elders_region_keyset_idx').on(
      t.regionCode.op('text_pattern_ops'),
      t.createdAt,
      t.id,
      t.organisationId,
      t.status,
      t.birthDate,
      t.livingSituation,
      t.tagCodes,
    ),
    index('elders_organisation_keyset_idx')
      .on(
        t.organisationId,
        t.regionCode.op('text_pattern_ops'),
        t.createdAt,
        t.id,
        t.status,
        t.birthDate,
        t.livingSituation,
        t.tagCodes,
      )
      .where(sql`${t.organisationId} IS NOT NULL`),
    index('elders_tag_codes_idx').using('gin', t.tagCodes),
    index('elders_name_grams_idx').using('gin', t.nameGrams),
    // Rows still waiting for the start-up backfill (masks, 0004; encrypted position, 0005): empty once it
    // has run. `elderRepo.unmasked` uses exactly this predicate (UNMASKED), so start-up never scans the table.
    index('elders_unmasked_idx').on(t.id).where(UNMASKED),
    // One record per person per deployment: de-duplication on the ID number.
    uniqueIndex('elders_id_number_hash_uq').on(t.idNumberHash),
    index('elders_phone_hash_idx').on(t.phoneHash),
    // Name search (decision 009; pinyin since 0006, the name itself since 0008): a prefix range read in
    // (key, list order), with the scope columns, so a page is an index-only scan that stops after `limit`.
    ...(['name', 'initials', 'pinyin'] as const).map((k) =>
      index(k === 'name' ? 'elders_name_idx' : `elders_name_${k}_idx`).on(
        (k === 'name' ? t.name : k === 'initials' ? t.nameInitials : t.namePinyin).op('text_pattern_ops'),
        t.regionCode.op('text_pattern_ops'),
        t.createdAt,
        t.id,
        t.organisationId,
      ),
    ),
  ],
);

/** Dated categories (特困, 低保 …); 高龄/独居/空巢/留守 are derived at read time, not stored. */
export const elderTags = pgTable(
  'elder_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    source: text('source').notNull().default('manual'), // manual | assessment | derived
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('elder_tags_elder_idx').on(t.elderId), index('elder_tags_code_idx').on(t.code, t.elderId)],
);

/** Family members and guardians, with the consent they gave on the elder's behalf (STANDARDS.md §7). */
export const elderFamily = pgTable(
  'elder_family',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    phoneEnc: text('phone_enc'),
    // The family member's own account, if any: with a consent that covers sharing with family, the account
    // may read this elder's record (relationship scope, decision 010); `may_act_for` lets it act for them.
    userId: uuid('user_id').references(() => users.id),
    mayActFor: boolean('may_act_for').notNull().default(false),
    isGuardian: boolean('is_guardian').notNull().default(false),
    consentedAt: timestamp('consented_at', { withTimezone: true, precision: 3 }),
    consentScope: text('consent_scope').array(),
    consentVersion: text('consent_version'),
    consentDocumentRef: text('consent_document_ref'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('elder_family_elder_idx').on(t.elderId),
    index('elder_family_user_idx')
      .on(t.userId)
      .where(sql`${t.userId} IS NOT NULL`),
  ],
);

/**
 * An elder's own sign-in account ↔ their registry record (relationship scope "self", decision 010): at most
 * one account per elder and one elder per account.
 */
export const elderAccounts = pgTable('elder_accounts', {
  elderId: uuid('elder_id')
    .primaryKey()
    .references(() => elders.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id),
  linkedAt: timestamp('linked_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Every change of a record (PRODUCT.md §4.2): who, when, why, before/after — sensitive values masked. */
export const elderVersions = pgTable(
  'elder_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    elderId: uuid('elder_id')
      .notNull()
      .references(() => elders.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: text('kind').notNull(), // create | update | status | tags | family
    changedBy: uuid('changed_by'),
    changedByName: text('changed_by_name').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    reason: text('reason'),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('elder_versions_elder_version_uq').on(t.elderId, t.version)],
);
