/**
 * Wire shapes of `/api/v1/elders…` (PRODUCT.md §4.2): the zod response
 * schemas the server serialises with (elder.routes.ts) and the types the web
 * reads, inferred from them. Request bodies are validated by the server's own
 * schemas (they need its text rules); the web's request types below are
 * checked against those at compile time (server elder.schema.ts).
 */
import { z } from 'zod';
import {
  ELDER_ID_TYPES,
  ELDER_STATUSES,
  ELDER_TAG_SOURCES,
  SEXES,
  type ElderConsentScope,
  type ElderFamilyRelationship,
  type ElderIdType,
  type ElderLivingSituation,
  type ElderRevealField,
  type ElderStatus,
  type Sex,
} from './elder.ts';

const sex = z.enum(SEXES);

export const elderTagView = z.object({
  code: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.enum(ELDER_TAG_SOURCES),
});
export type ElderTag = z.infer<typeof elderTagView>;

export const elderListItem = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  sex,
  age: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  /** The 街道/乡镇 of the elder's community (the region itself when it is a street or town). */
  streetName: z.string().nullable(),
  /** 能力等级 of the current published assessment, or null. */
  ability: z
    .object({
      standardCode: z.string(),
      level: z.number().int(),
      zh: z.string(),
      en: z.string(),
      assessedOn: z.string(),
    })
    .nullable(),
  addressMasked: z.string().nullable(),
  livingSituation: z.string().nullable(),
  status: z.enum(ELDER_STATUSES),
  tags: z.array(elderTagView),
  derivedTags: z.array(z.string()),
  createdAt: z.string(),
});
export type ElderListItem = z.infer<typeof elderListItem>;

export const familyView = z.object({
  id: z.uuid(),
  name: z.string(), // masked (张*); POST /reveal with fields ['family'] for full names and phones
  relationship: z.string(),
  phoneMasked: z.string().nullable(),
  mayActFor: z.boolean(),
  isGuardian: z.boolean(),
  consent: z
    .object({
      consentedAt: z.string(),
      scope: z.array(z.string()),
      version: z.string(),
      documentRef: z.string().nullable(),
    })
    .nullable(),
});
export type FamilyMember = z.infer<typeof familyView>;
export type FamilyConsent = NonNullable<FamilyMember['consent']>;

export const elderDetail = elderListItem.extend({
  idType: z.enum(ELDER_ID_TYPES),
  birthDate: z.string(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  economicSources: z.array(z.string()),
  householdLocal: z.boolean(),
  residenceSince: z.string().nullable(),
  nonLocalQualifiesOn: z.string().nullable(),
  /** Home position rounded to 0.01° (~1 km); the exact one is revealed with the address. */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  health: z.object({
    chronicDiseaseCount: z.number().int(),
    hasAllergies: z.boolean(),
    familyDoctorSigned: z.boolean(),
  }),
  family: z.array(familyView),
  statusDate: z.string().nullable(),
  /** Every stored tag incl. expired and future ones (`tags` holds those valid today), for the tag editor. */
  tagRecords: z.array(elderTagView.extend({ note: z.string().nullable() })),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ElderDetail = z.infer<typeof elderDetail>;
export type ElderHealthSummary = ElderDetail['health'];

/** Full values from `POST /elders/{id}/reveal`; the web holds them in component state only, never cached. */
export const revealView = z.object({
  id: z.uuid(),
  name: z.string().optional(),
  idNumber: z.string().optional(),
  phone: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  householdAddress: z.string().nullable().optional(),
  /** The exact home position, revealed with the address (the detail shows it rounded to ~1 km). */
  location: z.object({ lat: z.number(), lng: z.number() }).nullable().optional(),
  health: z
    .object({
      chronicDiseases: z.array(z.string()),
      allergies: z.array(z.string()),
      medications: z.array(z.string()),
      familyDoctor: z
        .object({
          signed: z.boolean(),
          doctorName: z.string().nullish(),
          institution: z.string().nullish(),
          signedOn: z.string().nullish(),
        })
        .nullable(),
    })
    .nullable()
    .optional(),
  family: z.array(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() })).optional(),
});
export type RevealView = z.infer<typeof revealView>;

/** One version: whole `before`/`after` snapshots and a `kind`. */
export const elderHistoryView = z.object({
  elderId: z.uuid(),
  items: z.array(
    z.object({
      version: z.number().int(),
      kind: z.string(),
      changedAt: z.string(),
      changedBy: z.object({ id: z.string().nullable(), name: z.string() }),
      reason: z.string().nullable(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type ElderHistory = z.infer<typeof elderHistoryView>;
export type ElderHistoryEntry = ElderHistory['items'][number];

export const validateIdView = z.object({
  idType: z.enum(ELDER_ID_TYPES),
  normalizedIdNumber: z.string(),
  birthDate: z.string().nullable(),
  sex: sex.nullable(),
  age: z.number().int().nullable(),
  /** Age ≥ 60 (《老年人权益保障法》 Art. 2); null when the document does not encode a birth date. */
  isElderAge: z.boolean().nullable(),
  convertedFrom15: z.boolean(),
});
export type ValidateIdResult = z.infer<typeof validateIdView>;

const counts = z.record(z.string(), z.number());
/** `GET /elders/stats/by-region`. */
export const elderStatsView = z.object({
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  /** Elders in the registry and served: every status except moved_out and deceased. */
  total: z.number(),
  byStatus: counts,
  byAgeBand: counts,
  byTag: counts,
  children: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      kind: z.string(),
      total: z.number(),
      /** Mean position of the region's elders (rounded to ~100 m), null without coordinates. */
      lat: z.number().nullable(),
      lng: z.number().nullable(),
    }),
  ),
});
export type ElderStatsByRegion = z.infer<typeof elderStatsView>;

// ---- request bodies (validated by the server's elder.schema.ts, which checks these types against its schemas) ----

export interface ElderRevealBody {
  reason: string;
  fields: ElderRevealField[];
}

export interface ElderHealthBody {
  chronicDiseases: string[];
  allergies: string[];
  medications: string[];
  familyDoctor: { signed: boolean } | null;
}

export interface FamilyMemberBody {
  name: string;
  relationship: ElderFamilyRelationship;
  phone?: string;
  mayActFor: boolean;
  isGuardian: boolean;
  consent: {
    consentedAt: string;
    scope: ElderConsentScope[];
    version: string;
    documentRef?: string | null;
  } | null;
}

export interface ElderTagBody {
  code: string;
  validFrom: string;
  validTo: string | null;
  note?: string | null;
}

export interface ElderCreateBody {
  name: string;
  idType: ElderIdType;
  idNumber: string;
  birthDate?: string;
  sex?: Sex;
  phone?: string;
  regionCode: string;
  address: string;
  livingSituation: ElderLivingSituation;
  householdLocal: boolean;
  residenceSince?: string;
  lat?: number;
  lng?: number;
  tags: ElderTagBody[];
  health: ElderHealthBody;
}

export type ElderUpdateBody = Partial<Omit<ElderCreateBody, 'tags'>> & {
  version: number;
  reason: string;
};

export interface ElderStatusBody {
  status: ElderStatus;
  date: string;
  reason: string;
}

export interface ElderTagsBody {
  tags: ElderTagBody[];
  reason?: string;
}

export interface ValidateIdBody {
  idType: ElderIdType;
  idNumber: string;
  birthDate?: string;
  sex?: Sex;
}
