import { api } from '../../api/client.ts';
import type { OrganisationView, OrganisationCreateBody, OrganisationUpdateBody } from '@yiyang/contracts';

export const createOrganisation = (body: OrganisationCreateBody) =>
  api.post<OrganisationView>('/organisations', body);
export const updateOrganisation = (id: string, body: OrganisationUpdateBody) =>
  api.patch<OrganisationView>(`/organisations/${encodeURIComponent(id)}`, body);
