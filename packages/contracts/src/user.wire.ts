/** Wire shapes of `/api/v1/users…` and `/api/v1/roles` (PRODUCT.md §4.1). */
import { z } from 'zod';
import { USER_STATUSES, type RoleCode, type UserStatus } from './access.ts';

export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  roles: z.array(z.string()),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  isServiceAccount: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

/** A role with its name already in the request's language. */
export const roleView = z.object({ code: z.string(), name: z.string(), permissions: z.array(z.string()) });
export type RoleView = z.infer<typeof roleView>;

// ---- request bodies (validated by the server's user.schema.ts, which checks these types against its schemas) ----

export interface UserCreateBody {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  roles: RoleCode[];
  regionCode?: string;
  organisationId?: string;
}

export interface UserUpdateBody {
  displayName?: string;
  phone?: string;
  roles?: RoleCode[];
  regionCode?: string | null;
  organisationId?: string | null;
  status?: UserStatus;
}
