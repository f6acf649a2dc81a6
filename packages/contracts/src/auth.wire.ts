/** Wire shapes of `/api/v1/auth…` and `/api/v1/me…`: the signed-in user and their preferences. */
import { z } from 'zod';
import { LOCALES } from './problem.ts';

export const preferencesView = z.object({ locale: z.enum(LOCALES), elderMode: z.boolean() });
export type Preferences = z.infer<typeof preferencesView>;
export type PreferencesBody = Partial<Preferences>;

export const meView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  preferences: preferencesView,
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meView>;
