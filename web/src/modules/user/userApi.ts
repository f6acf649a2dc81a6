import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { RoleView, UserCreateBody, UserUpdateBody, UserView } from '@yiyang/contracts';

export const createUser = (body: UserCreateBody) => api.post<UserView>('/users', body);
export const updateUser = (id: string, body: UserUpdateBody) =>
  api.patch<UserView>(`/users/${encodeURIComponent(id)}`, body);
export const revokeSessions = (id: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/revoke-sessions`);
export const resetPassword = (id: string, password: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password });

/** Role list with names already localised by the server (keyed by locale). */
export function useRoles(locale: string) {
  return useQuery({
    queryKey: ['roles', locale],
    queryFn: ({ signal }) => api.get<{ items: RoleView[] }>('/roles', undefined, { signal }),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}
