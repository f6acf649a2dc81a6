import type { FacilityStatus, FacilityTier, OperatingMode } from '@yiyang/contracts';

/** `GET /facilities` items (server facility.schema.ts facilityView). */
export interface FacilityView {
  id: string;
  tier: FacilityTier;
  name: string;
  regionCode: string;
  regionName: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  floorAreaM2: number | null;
  beds: number;
  nursingBeds: number;
  zones: string[];
  services: string[];
  operatorOrgId: string | null;
  operatorName: string | null;
  operatingMode: OperatingMode | null;
  status: FacilityStatus;
  plannedYear: number | null;
  openedOn: string | null;
  closedOn: string | null;
  openingHours: string | null;
  parentCentreId: string | null;
  note: string | null;
  version: number;
}

/** `GET /facilities/:id` (facilityDetail). */
export interface FacilityDetail extends FacilityView {
  coverage: { regionCode: string; regionName: string | null; validFrom: string; validTo: string | null }[];
  stations: { id: string; tier: FacilityTier; name: string; regionCode: string; status: FacilityStatus }[];
  parentCentreName: string | null;
  standards: {
    elders: number | null;
    fewElders: boolean;
    items: { code: string; ok: boolean; required: number | null; actual: number | null; advisory: boolean }[];
  };
}

export interface PlanCells {
  existing: number;
  planned: number[];
}

/** `GET /facilities/plan-tables` (planTable). */
export interface PlanTable {
  table: '2' | '3';
  title: string;
  years: number[];
  rows: { seq: number; code: string; name: string; centres: PlanCells; units: number; points: PlanCells }[];
  total: { centres: PlanCells; units: number; points: PlanCells };
}
