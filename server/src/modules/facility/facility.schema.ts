import { z } from 'zod';
import { FACILITY_STATUSES, FACILITY_TIERS, FACILITY_ZONES, OPERATING_MODES } from '@yiyang/contracts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { reasonText, text } from '../../platform/text.ts';

export const idParams = z.object({ id: z.uuid() }).strict();

/** The editable fields of a facility (create; update takes each optionally). */
export const facilityFields = {
  tier: z.enum(FACILITY_TIERS),
  name: text().min(1).max(100),
  regionCode: regionCodeSchema,
  address: text().max(200).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  floorAreaM2: z.number().min(0).max(1_000_000).nullish(),
  beds: z.number().int().min(0).max(100_000).optional(),
  nursingBeds: z.number().int().min(0).max(100_000).optional(),
  zones: z.array(z.enum(FACILITY_ZONES)).max(FACILITY_ZONES.length).optional(),
  services: z.array(text().min(1).max(40)).max(40).optional(),
  operatorOrgId: z.uuid().nullish(),
  operatingMode: z.enum(OPERATING_MODES).nullish(),
  status: z.enum(['planned', 'building', 'operating']).optional(),
  plannedYear: z.number().int().min(2000).max(2100).nullish(),
  openedOn: z.iso.date().nullish(),
  openingHours: text().max(100).nullish(),
  photos: z.array(text().min(1).max(300)).max(20).optional(),
  parentCentreId: z.uuid().nullish(),
  note: text({ multiline: true }).max(500).nullish(),
  // The communities and villages it serves (coverage rows from today); default: its own community/village.
  serves: z.array(regionCodeSchema).max(20).optional(),
};

export const createBody = z.object(facilityFields).strict();
export type FacilityCreate = z.infer<typeof createBody>;

export const updateBody = z
  .object(facilityFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type FacilityUpdate = z.infer<typeof updateBody>;

export const closeBody = z
  .object({ version: z.number().int().min(1), closedOn: z.iso.date(), reason: reasonText(2) })
  .strict();
export type FacilityClose = z.infer<typeof closeBody>;

export const listQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    tier: z.enum(FACILITY_TIERS).optional(),
    status: z.enum(FACILITY_STATUSES).optional(),
    q: text().max(50).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type FacilityListQuery = z.infer<typeof listQuery>;

export const facilityView = z.object({
  id: z.uuid(),
  tier: z.enum(FACILITY_TIERS),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  floorAreaM2: z.number().nullable(),
  beds: z.number(),
  nursingBeds: z.number(),
  zones: z.array(z.string()),
  services: z.array(z.string()),
  operatorOrgId: z.string().nullable(),
  operatorName: z.string().nullable(),
  operatingMode: z.enum(OPERATING_MODES).nullable(),
  status: z.enum(FACILITY_STATUSES),
  plannedYear: z.number().nullable(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  openingHours: z.string().nullable(),
  photos: z.array(z.string()),
  parentCentreId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type FacilityView = z.infer<typeof facilityView>;

export const facilityList = z.object({ items: z.array(facilityView), total: z.number() });

const checkItem = z.object({
  code: z.string(),
  ok: z.boolean(),
  required: z.number().nullable(),
  actual: z.number().nullable(),
});

export const facilityDetail = facilityView.extend({
  coverage: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string().nullable(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
    }),
  ),
  stations: z.array(facilityView.pick({ id: true, tier: true, name: true, regionCode: true, status: true })),
  parentCentreName: z.string().nullable(),
  standards: z.object({ elders: z.number().nullable(), fewElders: z.boolean(), items: z.array(checkItem) }),
});

export const planQuery = z.object({ table: z.enum(['2', '3']) }).strict();

const planCell = z.number();
export const planTable = z.object({
  table: z.enum(['2', '3']),
  title: z.string(),
  years: z.array(z.number()),
  rows: z.array(
    z.object({
      seq: z.number(),
      code: z.string(),
      name: z.string(),
      centres: z.object({ existing: planCell, planned: z.array(planCell) }),
      units: planCell,
      points: z.object({ existing: planCell, planned: z.array(planCell) }),
    }),
  ),
  total: z.object({
    centres: z.object({ existing: planCell, planned: z.array(planCell) }),
    units: planCell,
    points: z.object({ existing: planCell, planned: z.array(planCell) }),
  }),
});
export type PlanTable = z.infer<typeof planTable>;

export const importResult = z.object({ imported: z.number() });
