import type { Locale, RegionKind, RegionLevel } from '@yiyang/contracts';

/** Response shapes of `/api/v1` used by the web app (PRODUCT.md §5). */

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  regionCode: string | null;
  regionName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  preferences: { locale: Locale; elderMode: boolean };
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  kind?: RegionKind;
  parentCode?: string | null;
  /** Optional hints; without them a node is a leaf only at village level. */
  hasChildren?: boolean;
  childCount?: number;
}

export interface RegionDetail {
  code: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind;
  parentCode: string | null;
  urbanRuralCode: string | null;
  ancestors: { code: string; name: string; level: RegionLevel }[];
  childCounts: Record<string, number>;
}

export interface StatsOverview {
  regionCode: string;
  regionName: string;
  counts: {
    /** 街道 (the real server splits streets from towns; optional for older shapes). */
    streets?: number;
    towns: number;
    communities: number;
    villages: number;
    organisations: number;
    users: number;
    elders: number;
  };
}

export {
  ORGANISATION_TYPES,
  OPERATING_MODES,
  type OrganisationType,
  type OperatingMode,
} from '@yiyang/contracts';
import type { OrganisationType, OperatingMode } from '@yiyang/contracts';

export interface Organisation {
  id: string;
  name: string;
  type: OrganisationType;
  creditCode: string | null;
  regionCode: string;
  regionName: string;
  operatingMode: OperatingMode | null;
  contactName: string | null;
  /** The server returns the phone masked; `contactPhone` is accepted for older shapes. */
  contactPhoneMasked?: string | null;
  contactPhone?: string | null;
  status: OrganisationStatus;
  createdAt: string;
}

export const ORGANISATION_STATUSES = ['active', 'suspended', 'closed'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export interface OrganisationInput {
  name: string;
  type: OrganisationType;
  creditCode: string | null;
  regionCode: string;
  operatingMode: OperatingMode | null;
  contactName: string | null;
  /** Omitted to keep the stored number (it is only shown masked). */
  contactPhone?: string | null;
}
export type OrganisationPatch = Partial<OrganisationInput> & { status?: OrganisationStatus };

export type UserStatus = 'active' | 'disabled';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  phoneMasked: string | null;
  roles: string[];
  regionCode: string | null;
  regionName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  roles: string[];
  regionCode?: string;
  organisationId?: string;
}

export interface UserPatchInput {
  displayName?: string;
  phone?: string;
  roles?: string[];
  regionCode?: string | null;
  organisationId?: string | null;
  status?: UserStatus;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
}

export interface AuditEvent {
  id: string | number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  summary: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}
