import { z } from 'zod';
import {
  elderDetail,
  elderHistoryView as historyView,
  elderListItem,
  elderStatsView as statsView,
  familyView,
  revealView,
  validateIdView,
  type ElderCreateBody,
  type ElderDetail,
  type ElderHealthBody,
  type ElderListItem,
  type ElderRevealBody,
  type ElderStatusBody,
  type ElderTagsBody,
  type ElderUpdateBody,
  type FamilyMember as FamilyView,
  type FamilyMemberBody,
  type RevealView,
  type ValidateIdBody,
} from '@yiyang/contracts/wire';
import { pageQuery } from '../../platform/pagination.ts';
import { reasonText, text } from '../../platform/text.ts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { ID_TYPES } from './idNumber.ts';
import {
  CONSENT_SCOPES,
  ECONOMIC_SOURCES,
  EDUCATION_LEVELS,
  ELDER_STATUSES,
  FAMILY_RELATIONSHIPS,
  LIVING_SITUATIONS,
  MARITAL_STATUSES,
} from './elder.vocab.ts';

const isoDate = z.iso.date();
const sex = z.enum(['male', 'female']);
// Elders often have only a landline: 11-digit mobile, or area code + number, or a local number.
export const elderPhone = text().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/, {
  message: 'elder.invalid_phone',
});
const reason = reasonText(2);
// PRODUCT.md §4.15: a full read of sensitive fields states why, in words.
const revealReason = reasonText(4, 'elder.reveal_reason_too_short');

export const healthBody = z
  .object({
    chronicDiseases: z.array(text().min(1).max(50)).max(50).default([]),
    allergies: z.array(text().min(1).max(100)).max(50).default([]),
    medications: z.array(text().min(1).max(100)).max(100).default([]),
    familyDoctor: z
      .object({
        signed: z.boolean(),
        doctorName: text().max(50).nullish(),
        institution: text().max(100).nullish(),
        signedOn: isoDate.nullish(),
      })
      .strict()
      .nullish(),
  })
  .strict();

const consentBody = z
  .object({
    consentedAt: z.iso.datetime({ offset: true }),
    scope: z.array(z.enum(CONSENT_SCOPES)).min(1),
    version: text().min(1).max(40),
    documentRef: text().max(200).nullish(),
  })
  .strict();

// `?tags=a,b`: any of the listed categories.
const tagList = text()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9_]+$/)).max(30));

export const elderListQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    tags: tagList.optional(),
    ageMin: z.coerce.number().int().min(0).max(150).optional(),
    ageMax: z.coerce.number().int().min(0).max(150).optional(),
    status: z.enum(ELDER_STATUSES).optional(),
    livingSituation: z.enum(LIVING_SITUATIONS).optional(),
    q: text().min(1).max(50).optional(),
    idNumber: text().min(2).max(40).optional(),
    phone: text().min(7).max(20).optional(),
    ...pageQuery,
  })
  .strict();
export type ElderListQuery = z.infer<typeof elderListQuery>;
/** The list's filters without search and paging: what `GET /elders/count` counts. */
export const elderCountQuery = elderListQuery.omit({ q: true, cursor: true, limit: true });
export const elderCountView = z.object({ count: z.number().int(), capped: z.boolean() });

const manualTag = z
  .object({
    code: text().min(1).max(40),
    validFrom: isoDate,
    validTo: isoDate.nullish(),
    note: text({ multiline: true }).max(200).nullish(),
  })
  .strict();

const elderFields = {
  name: text().min(1).max(50),
  idType: z.enum(ID_TYPES).default('resident_id'),
  idNumber: text().min(1).max(40),
  birthDate: isoDate.nullish(),
  sex: sex.nullish(),
  phone: elderPhone.nullish(),
  regionCode: regionCodeSchema,
  address: text().max(200).nullish(),
  householdLocal: z.boolean().default(true),
  householdAddress: text().max(200).nullish(),
  residenceSince: isoDate.nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  livingSituation: z.enum(LIVING_SITUATIONS).nullish(),
  ethnicity: text().max(20).nullish(),
  education: z.enum(EDUCATION_LEVELS).nullish(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullish(),
  economicSources: z.array(z.enum(ECONOMIC_SOURCES)).max(ECONOMIC_SOURCES.length).nullish(),
  health: healthBody.nullish(),
};

export const elderCreateBody = z
  .object({
    ...elderFields,
    tags: z.array(manualTag).max(30).optional(),
    /** 《老年人权益保障法》 Art. 2 sets 60; registering someone younger needs a recorded reason. */
    ageOverride: z
      .object({ reason: reasonText(4) })
      .strict()
      .optional(),
  })
  .strict();
export type ElderCreate = z.infer<typeof elderCreateBody>;

export const elderUpdateBody = z
  .object(elderFields)
  .partial()
  .extend({
    idType: z.enum(ID_TYPES).optional(),
    householdLocal: z.boolean().optional(),
    version: z.number().int().min(1),
    reason,
    ageOverride: z
      .object({ reason: reasonText(4) })
      .strict()
      .optional(),
  })
  .strict();
export type ElderUpdate = z.infer<typeof elderUpdateBody>;

export const REVEAL_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'address',
  'householdAddress',
  'health',
  'family',
] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

export const revealBody = z
  .object({
    reason: revealReason,
    fields: z.array(z.enum(REVEAL_FIELDS)).min(1).max(REVEAL_FIELDS.length),
  })
  .strict();

export const statusBody = z.object({ status: z.enum(ELDER_STATUSES), date: isoDate, reason }).strict();

export const tagsBody = z.object({ tags: z.array(manualTag).max(30), reason: reason.optional() }).strict();

export const familyCreateBody = z
  .object({
    name: text().min(1).max(50),
    relationship: z.enum(FAMILY_RELATIONSHIPS),
    phone: elderPhone.nullish(),
    mayActFor: z.boolean().default(false),
    isGuardian: z.boolean().default(false),
    consent: consentBody.nullish(),
  })
  .strict();
export type FamilyCreate = z.infer<typeof familyCreateBody>;
export const familyUpdateBody = z
  .object({
    name: text().min(1).max(50).optional(),
    relationship: z.enum(FAMILY_RELATIONSHIPS).optional(),
    phone: elderPhone.nullish(),
    mayActFor: z.boolean().optional(),
    isGuardian: z.boolean().optional(),
    consent: consentBody.nullish(),
  })
  .strict();
export type FamilyUpdate = z.infer<typeof familyUpdateBody>;

export const validateIdBody = z
  .object({
    idType: z.enum(ID_TYPES).default('resident_id'),
    idNumber: text().max(40),
    birthDate: isoDate.nullish(),
    sex: sex.nullish(),
  })
  .strict();

export const statsQuery = z.object({ regionCode: regionCodeSchema.optional() }).strict();

// Responses are contracts' schemas (one wire shape for server and web).
export { elderDetail, elderListItem, familyView, historyView, revealView, statsView, validateIdView };
export type { ElderDetail, ElderListItem, FamilyView, RevealView };

// The web's request bodies (contracts) must be accepted by these schemas: checked by tsc.
type Accepts<S extends z.ZodType, T extends z.input<S>> = T;
/** @public Checked by tsc, not imported (knip). */
export type ElderBodiesAccepted = [
  Accepts<typeof elderCreateBody, ElderCreateBody>,
  Accepts<typeof elderUpdateBody, ElderUpdateBody>,
  Accepts<typeof healthBody, ElderHealthBody>,
  Accepts<typeof revealBody, ElderRevealBody>,
  Accepts<typeof statusBody, ElderStatusBody>,
  Accepts<typeof tagsBody, ElderTagsBody>,
  Accepts<typeof familyCreateBody, FamilyMemberBody>,
  Accepts<typeof familyUpdateBody, Partial<FamilyMemberBody>>,
  Accepts<typeof validateIdBody, ValidateIdBody>,
];
