import { api } from '../../api/client.ts';
import type { Organisation, OrganisationInput, OrganisationPatch } from '../../api/types.ts';

export const createOrganisation = (body: OrganisationInput) => api.post<Organisation>('/organisations', body);
export const updateOrganisation = (id: string, body: OrganisationPatch) =>
  api.patch<Organisation>(`/organisations/${encodeURIComponent(id)}`, body);
