import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from '../organisation/organisation.table.ts';

export interface UserPreferences {
  locale: 'zh-CN' | 'en-US';
  elderMode: boolean;
}

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    // Scope binding (PRODUCT.md §2): a region node and/or an organisation.
    regionCode: text('region_code'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    status: text('status').notNull().default('active'),
    isServiceAccount: boolean('is_service_account').notNull().default(false),
    preferences: jsonb('preferences')
      .$type<UserPreferences>()
      .notNull()
      .default({ locale: 'zh-CN', elderMode: false }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('users_region_idx').on(t.regionCode.op('text_pattern_ops')),
    index('users_org_idx').on(t.organisationId),
  ],
);

export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
});

export const permissions = pgTable('permissions', {
  code: text('code').primaryKey(),
});

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleCode: text('role_code')
      .notNull()
      .references(() => roles.code),
    permissionCode: text('permission_code')
      .notNull()
      .references(() => permissions.code),
  },
  (t) => [primaryKey({ columns: [t.roleCode, t.permissionCode] })],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleCode: text('role_code')
      .notNull()
      .references(() => roles.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleCode] })],
);
