import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page, Role, UserCreateInput, UserPatchInput, UserRow } from '../../api/types.ts';

export const createUser = (body: UserCreateInput) => api.post<UserRow>('/users', body);
export const updateUser = (id: string, body: UserPatchInput) =>
  api.patch<UserRow>(`/users/${encodeURIComponent(id)}`, body);
export const revokeSessions = (id: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/revoke-sessions`);
export const resetPassword = (id: string, password: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password });

/** Role list with names already localised by the server (keyed by locale). */
export function useRoles(locale: string) {
  return useQuery({
    queryKey: ['roles', locale],
    queryFn: ({ signal }) => api.get<Page<Role> | { items: Role[] }>('/roles', undefined, { signal }),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}
