/** Wire shapes of `/api/v1/organisations…` (PRODUCT.md §4.1). */
import { z } from 'zod';
import {
  OPERATING_MODES,
  ORGANISATION_STATUSES,
  ORGANISATION_TYPES,
  type OperatingMode,
  type OrganisationStatus,
  type OrganisationType,
} from './organisation.ts';

export const organisationView = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  creditCode: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  operatingMode: z.enum(OPERATING_MODES).nullable(),
  contactName: z.string().nullable(),
  /** The phone is only ever sent masked. */
  contactPhoneMasked: z.string().nullable(),
  status: z.enum(ORGANISATION_STATUSES),
  createdAt: z.string(),
});
export type OrganisationView = z.infer<typeof organisationView>;

// ---- request bodies (validated by the server's organisation.schema.ts, which checks these types against its schemas) ----

export interface OrganisationCreateBody {
  name: string;
  type: OrganisationType;
  creditCode: string | null;
  regionCode: string;
  operatingMode: OperatingMode | null;
  contactName: string | null;
  /** Omitted to keep the stored number (it is only shown masked). */
  contactPhone?: string | null;
}
export type OrganisationUpdateBody = Partial<OrganisationCreateBody> & { status?: OrganisationStatus };
