import { z } from 'zod';
import {
  AGREEMENT_SIGNERS,
  AGREEMENT_STATUSES,
  SERVICE_CATEGORIES,
  SERVICE_CREDENTIAL_KINDS,
  SERVICE_SUB_ITEM_CODES,
  SERVICE_UNITS,
  type ServiceSubItem,
} from '@yiyang/contracts';
import {
  payRulesSchema,
  type ProviderContractCreateBody,
  type ProviderContractTerminateBody,
  type ProviderContractUpdateBody,
  type ServiceAgreementCreateBody,
  type ServiceAgreementEndBody,
  type ServiceAgreementSignBody,
  type ServiceAgreementUpdateBody,
  type ServiceItemCreateBody,
  type ServiceItemUpdateBody,
} from '@yiyang/contracts/wire';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { reasonText, text } from '../../platform/text.ts';

const date = z.iso.date();
const itemCode = text()
  .min(2)
  .max(20)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, { message: 'common.invalid_format' });
const subItem = z.enum(SERVICE_SUB_ITEM_CODES as [ServiceSubItem, ...ServiceSubItem[]]);
const credentials = z.array(z.enum(SERVICE_CREDENTIAL_KINDS)).max(6);
const price = z.number().int().min(0).max(100_000_000);
const version = z.number().int().min(1);

export const serviceItemQuery = z
  .object({
    district: regionCodeSchema.optional(),
    category: z.enum(SERVICE_CATEGORIES).optional(),
    onDate: date.optional(),
    /** Every version, past and future, instead of those valid on a day. */
    history: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type ServiceItemQuery = z.infer<typeof serviceItemQuery>;

export const publicServiceItemQuery = z
  .object({
    district: regionCodeSchema,
    category: z.enum(SERVICE_CATEGORIES).optional(),
    onDate: date.optional(),
  })
  .strict();

export const elderPriceQuery = z.object({ elderId: z.uuid(), onDate: date.optional() }).strict();

export const serviceItemCreateBody = z
  .object({
    districtCode: regionCodeSchema,
    code: itemCode,
    category: z.enum(SERVICE_CATEGORIES),
    subItem,
    name: text().min(1).max(60),
    nameEn: text().min(1).max(120),
    description: text({ multiline: true }).max(500).nullish(),
    unit: z.enum(SERVICE_UNITS),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    priceCents: price,
    requiredCredentials: credentials,
    photosAllowed: z.boolean(),
    payRules: payRulesSchema,
    validFrom: date,
    validTo: date.nullish(),
  })
  .strict();
export type ServiceItemCreate = z.infer<typeof serviceItemCreateBody>;

export const serviceItemUpdateBody = z
  .object({
    version,
    name: text().min(1).max(60).optional(),
    nameEn: text().min(1).max(120).optional(),
    description: text({ multiline: true }).max(500).nullish(),
    requiredCredentials: credentials.optional(),
    photosAllowed: z.boolean().optional(),
    validTo: date.nullish(),
    unit: z.enum(SERVICE_UNITS).optional(),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    priceCents: price.optional(),
    payRules: payRulesSchema.optional(),
    effectiveFrom: date.optional(),
  })
  .strict();
export type ServiceItemUpdate = z.infer<typeof serviceItemUpdateBody>;

export const idParams = z.object({ id: z.uuid() }).strict();

export const contractListQuery = z
  .object({ organisationId: z.uuid().optional(), onDate: date.optional(), itemCode: itemCode.optional() })
  .strict();

const regionCodes = z.array(regionCodeSchema).min(1).max(50);
const itemCodes = z.array(itemCode).min(1).max(100);

export const contractCreateBody = z
  .object({
    organisationId: z.uuid(),
    number: text().min(1).max(40).optional(),
    regionCodes,
    itemCodes,
    validFrom: date,
    validTo: date,
  })
  .strict();
export type ContractCreate = z.infer<typeof contractCreateBody>;

export const contractUpdateBody = z
  .object({
    version,
    regionCodes: regionCodes.optional(),
    itemCodes: itemCodes.optional(),
    validFrom: date.optional(),
    validTo: date.optional(),
  })
  .strict();
export type ContractUpdate = z.infer<typeof contractUpdateBody>;

export const contractTerminateBody = z.object({ version, effectiveOn: date, reason: reasonText(4) }).strict();
export type ContractTerminate = z.infer<typeof contractTerminateBody>;

export const agreementListQuery = z
  .object({
    elderId: z.uuid().optional(),
    organisationId: z.uuid().optional(),
    status: z.enum(AGREEMENT_STATUSES).optional(),
  })
  .strict();

export const agreementCreateBody = z
  .object({
    elderId: z.uuid(),
    organisationId: z.uuid(),
    itemCodes,
    validFrom: date,
    validTo: date.nullish(),
    notes: text({ multiline: true }).max(1000).nullish(),
  })
  .strict();
export type AgreementCreate = z.infer<typeof agreementCreateBody>;

export const agreementUpdateBody = z
  .object({
    version,
    itemCodes: itemCodes.optional(),
    validFrom: date.optional(),
    validTo: date.nullish(),
    notes: text({ multiline: true }).max(1000).nullish(),
  })
  .strict();
export type AgreementUpdate = z.infer<typeof agreementUpdateBody>;

export const agreementSignBody = z
  .object({
    version,
    signerKind: z.enum(AGREEMENT_SIGNERS),
    signerName: text().max(50).nullish(),
    signerRelationship: text().max(30).nullish(),
  })
  .strict();
export type AgreementSign = z.infer<typeof agreementSignBody>;

export const agreementEndBody = z
  .object({ version, reason: reasonText(4), endedOn: date.optional() })
  .strict();
export type AgreementEnd = z.infer<typeof agreementEndBody>;

// The web's request bodies (contracts) must be accepted by these schemas: checked by tsc.
type Accepts<S extends z.ZodType, T extends z.input<S>> = T;
/** @public Checked by tsc, not imported (knip). */
export type ServiceBodiesAccepted = [
  Accepts<typeof serviceItemCreateBody, ServiceItemCreateBody>,
  Accepts<typeof serviceItemUpdateBody, ServiceItemUpdateBody>,
  Accepts<typeof contractCreateBody, ProviderContractCreateBody>,
  Accepts<typeof contractUpdateBody, ProviderContractUpdateBody>,
  Accepts<typeof contractTerminateBody, ProviderContractTerminateBody>,
  Accepts<typeof agreementCreateBody, ServiceAgreementCreateBody>,
  Accepts<typeof agreementUpdateBody, ServiceAgreementUpdateBody>,
  Accepts<typeof agreementSignBody, ServiceAgreementSignBody>,
  Accepts<typeof agreementEndBody, ServiceAgreementEndBody>,
];
