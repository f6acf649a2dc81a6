import type { FacilityInsert } from './facility.repo.ts';
import type { FacilityCreate } from './facility.schema.ts';

/** Row values of a create (also the import's). */
export function insertOf(input: FacilityCreate, createdBy: string | null): FacilityInsert {
  return {
    tier: input.tier,
    name: input.name,
    regionCode: input.regionCode,
    address: input.address ?? null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    floorAreaM2: input.floorAreaM2 ?? null,
    beds: input.beds ?? 0,
    nursingBeds: input.nursingBeds ?? 0,
    zones: input.zones ?? [],
    services: input.services ?? [],
    operatorOrgId: input.operatorOrgId ?? null,
    operatingMode: input.operatingMode ?? null,
    status: input.status ?? 'operating',
    plannedYear: input.plannedYear ?? null,
    openedOn: input.openedOn ?? null,
    openingHours: input.openingHours ?? null,
    photos: input.photos ?? [],
    parentCentreId: input.parentCentreId ?? null,
    note: input.note ?? null,
    createdBy,
  };
}

/** Default coverage: a station or point serves its own community or village. */
export function servesOf(input: { regionCode: string; serves?: string[] | undefined }): string[] {
  if (input.serves) return [...new Set(input.serves)];
  return input.regionCode.endsWith('000') ? [] : [input.regionCode];
}
