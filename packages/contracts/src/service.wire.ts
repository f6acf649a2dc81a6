/**
 * Wire shapes of `/api/v1/service-items…`, `/api/v1/public/service-items`, `/api/v1/provider-contracts…`
 * and `/api/v1/service-agreements…` (PRODUCT.md §4.5). Request bodies are validated by the server's
 * service.schema.ts, whose inferred types are checked against the body types below.
 */
import { z } from 'zod';
import {
  AGREEMENT_SIGNERS,
  AGREEMENT_STATUSES,
  ELDER_PAY_CATEGORIES,
  FUNDING_SOURCES,
  SERVICE_CATEGORIES,
  SERVICE_SUB_ITEM_CODES,
  SERVICE_UNITS,
  type AgreementSigner,
  type ElderPayCategory,
  type PayRule,
  type ServiceCategory,
  type ServiceCredentialKind,
  type ServiceSubItem,
  type ServiceUnit,
} from './service.ts';

export const payRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }).strict(),
  z.object({ kind: z.literal('subsidy'), amountCents: z.number().int().min(0).max(100_000_000) }).strict(),
  z.object({ kind: z.literal('share'), percent: z.number().int().min(0).max(100) }).strict(),
  z.object({ kind: z.literal('full') }).strict(),
]);
/** One optional rule per elder category (an object, not a record: unknown categories are refused at their key). */
export const payRulesSchema = z
  .object(
    Object.fromEntries(ELDER_PAY_CATEGORIES.map((c) => [c, payRuleSchema.optional()])) as Record<
      ElderPayCategory,
      z.ZodOptional<typeof payRuleSchema>
    >,
  )
  .strict();

/** What one elder category pays for an item under its rule (`general` when it has none). */
export const categoryPayView = z.object({
  category: z.enum(ELDER_PAY_CATEGORIES),
  rule: payRuleSchema,
  elderShareCents: z.number().int(),
});
export type CategoryPay = z.infer<typeof categoryPayView>;

export const serviceItemView = z.object({
  id: z.uuid(),
  districtCode: z.string(),
  code: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  subItem: z.enum(SERVICE_SUB_ITEM_CODES as [ServiceSubItem, ...ServiceSubItem[]]),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  unit: z.enum(SERVICE_UNITS),
  durationMinutes: z.number().int(),
  priceCents: z.number().int(),
  requiredCredentials: z.array(z.string()),
  photosAllowed: z.boolean(),
  payRules: payRulesSchema,
  /** Every elder category with what it pays (the rule it falls under and the amount). */
  pays: z.array(categoryPayView),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  previousId: z.uuid().nullable(),
  version: z.number().int(),
});
export type ServiceItemView = z.infer<typeof serviceItemView>;

export const serviceItemList = z.object({
  districtCode: z.string(),
  districtName: z.string().nullable(),
  /** The day the list is valid on; null when every version is listed (`history`). */
  onDate: z.string().nullable(),
  items: z.array(serviceItemView),
});
export type ServiceItemList = z.infer<typeof serviceItemList>;

export const serviceItemDetail = serviceItemView.extend({
  /** Every version of this item's code in the district, oldest first. */
  versions: z.array(
    z.object({
      id: z.uuid(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      priceCents: z.number().int(),
    }),
  ),
});
export type ServiceItemDetail = z.infer<typeof serviceItemDetail>;

/** An item priced for one elder on a day (what they will pay before ordering). */
export const elderPriceList = z.object({
  elderId: z.uuid(),
  districtCode: z.string(),
  onDate: z.string(),
  /** The elder's pricing categories that day (`general` always included). */
  categories: z.array(z.enum(ELDER_PAY_CATEGORIES)),
  items: z.array(
    z.object({
      item: serviceItemView,
      priceCents: z.number().int(),
      elderShareCents: z.number().int(),
      fundingSource: z.enum(FUNDING_SOURCES),
      payCategory: z.enum(ELDER_PAY_CATEGORIES),
    }),
  ),
});
export type ElderPriceList = z.infer<typeof elderPriceList>;

export const providerContractView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  districtCode: z.string(),
  number: z.string(),
  regionCodes: z.array(z.string()),
  regionNames: z.array(z.string()),
  itemCodes: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  terminatedAt: z.string().nullable(),
  terminationReason: z.string().nullable(),
  /** Inside its dates today. */
  current: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ProviderContractView = z.infer<typeof providerContractView>;
export const providerContractList = z.object({ items: z.array(providerContractView) });
export type ProviderContractList = z.infer<typeof providerContractList>;

export const serviceAgreementView = z.object({
  id: z.uuid(),
  number: z.string(),
  elderId: z.uuid(),
  elderNameMasked: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  status: z.enum(AGREEMENT_STATUSES),
  items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  notes: z.string().nullable(),
  signerKind: z.enum(AGREEMENT_SIGNERS).nullable(),
  /** The guardian's or agent's name, masked (张*). */
  signerNameMasked: z.string().nullable(),
  signerRelationship: z.string().nullable(),
  signedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ServiceAgreementView = z.infer<typeof serviceAgreementView>;
export const serviceAgreementList = z.object({ items: z.array(serviceAgreementView) });
export type ServiceAgreementList = z.infer<typeof serviceAgreementList>;

// ---- request bodies (validated by the server's service.schema.ts) ----

export interface ServiceItemCreateBody {
  districtCode: string;
  code: string;
  category: ServiceCategory;
  subItem: ServiceSubItem;
  name: string;
  nameEn: string;
  description?: string | null;
  unit: ServiceUnit;
  durationMinutes: number;
  priceCents: number;
  requiredCredentials: ServiceCredentialKind[];
  photosAllowed: boolean;
  payRules: Partial<Record<ElderPayCategory, PayRule>>;
  validFrom: string;
  validTo?: string | null;
}

/** Money fields (price, pay rules, unit, duration) make a new version from `effectiveFrom`. */
export interface ServiceItemUpdateBody {
  version: number;
  name?: string;
  nameEn?: string;
  description?: string | null;
  requiredCredentials?: ServiceCredentialKind[];
  photosAllowed?: boolean;
  validTo?: string | null;
  unit?: ServiceUnit;
  durationMinutes?: number;
  priceCents?: number;
  payRules?: Partial<Record<ElderPayCategory, PayRule>>;
  effectiveFrom?: string;
}

export interface ProviderContractCreateBody {
  organisationId: string;
  number?: string;
  regionCodes: string[];
  itemCodes: string[];
  validFrom: string;
  validTo: string;
}
export interface ProviderContractUpdateBody {
  version: number;
  regionCodes?: string[];
  itemCodes?: string[];
  validFrom?: string;
  validTo?: string;
}
export interface ProviderContractTerminateBody {
  version: number;
  effectiveOn: string;
  reason: string;
}

export interface ServiceAgreementCreateBody {
  elderId: string;
  organisationId: string;
  itemCodes: string[];
  validFrom: string;
  validTo?: string | null;
  notes?: string | null;
}
export interface ServiceAgreementUpdateBody {
  version: number;
  itemCodes?: string[];
  validFrom?: string;
  validTo?: string | null;
  notes?: string | null;
}
export interface ServiceAgreementSignBody {
  version: number;
  signerKind: AgreementSigner;
  signerName?: string | null;
  signerRelationship?: string | null;
}
export interface ServiceAgreementEndBody {
  version: number;
  reason: string;
  endedOn?: string;
}
