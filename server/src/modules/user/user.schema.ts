import { z } from 'zod';
import { ROLES } from '@yiyang/contracts';
import {
  roleView,
  userView,
  type UserCreateBody,
  type UserUpdateBody,
  type UserView,
} from '@yiyang/contracts/wire';
import { pageQuery } from '../../platform/pagination.ts';
import { phoneSchema, regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

// Passwords are taken as typed: no trimming.
const passwordSchema = text({ trim: false })
  .min(10, { message: 'auth.weak_password' })
  .max(200)
  .regex(/[A-Za-z]/, { message: 'auth.weak_password' })
  .regex(/\d/, { message: 'auth.weak_password' });

export const userListQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    organisationId: z.uuid().optional(),
    q: text().max(50).optional(),
    ...pageQuery,
  })
  .strict();

export const userCreateBody = z
  .object({
    username: text()
      .min(3)
      .max(40)
      .regex(/^[A-Za-z0-9_.@-]+$/),
    displayName: text().min(1).max(50),
    password: passwordSchema,
    phone: phoneSchema.nullish(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    regionCode: regionCodeSchema.nullish(),
    organisationId: z.uuid().nullish(),
    isServiceAccount: z.boolean().optional(),
  })
  .strict();
export type UserCreate = z.infer<typeof userCreateBody>;

export const userUpdateBody = z
  .object({
    displayName: text().min(1).max(50).optional(),
    phone: phoneSchema.nullish(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
    regionCode: regionCodeSchema.nullish(),
    organisationId: z.uuid().nullish(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof userUpdateBody>;

export const passwordBody = z.object({ password: passwordSchema }).strict();

export const idParams = z.object({ id: z.uuid() }).strict();

export const apiTokenCreateBody = z
  .object({ name: text().min(1).max(80), expiresAt: z.iso.datetime().nullish() })
  .strict();
export const apiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

// Responses are contracts' schemas (one wire shape for server and web).
export { roleView, userView };
export type { UserView };

// The web's request bodies (contracts) must be accepted by these schemas: checked by tsc.
type Accepts<S extends z.ZodType, T extends z.input<S>> = T;
/** @public Checked by tsc, not imported (knip). */
export type UserBodiesAccepted = [
  Accepts<typeof userCreateBody, UserCreateBody>,
  Accepts<typeof userUpdateBody, UserUpdateBody>,
];
