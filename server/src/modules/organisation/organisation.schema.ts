import { z } from 'zod';
import { OPERATING_MODES, ORGANISATION_TYPES } from '@yiyang/contracts';
import {
  organisationView,
  type OrganisationCreateBody,
  type OrganisationUpdateBody,
  type OrganisationView,
} from '@yiyang/contracts/wire';
import { pageQuery } from '../../platform/pagination.ts';
import { text } from '../../platform/text.ts';
import { phoneSchema, regionCodeSchema } from '../../platform/schemas.ts';

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 统一社会信用代码: 18 characters, MOD 31 check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(code[i]!) * CREDIT_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_ALPHABET[check] === code[17];
}

const creditCode = text()
  .toUpperCase()
  .refine(isValidCreditCode, { message: 'organisation.invalid_credit_code' });

export const organisationListQuery = z
  .object({
    regionCode: regionCodeSchema.optional(),
    q: text().max(50).optional(),
    type: z.enum(ORGANISATION_TYPES).optional(),
    ...pageQuery,
  })
  .strict();

export const organisationCreateBody = z
  .object({
    name: text().min(2).max(100),
    type: z.enum(ORGANISATION_TYPES),
    creditCode: creditCode.nullish(),
    regionCode: regionCodeSchema,
    operatingMode: z.enum(OPERATING_MODES).nullish(),
    contactName: text().max(50).nullish(),
    contactPhone: phoneSchema.nullish(),
  })
  .strict();
export type OrganisationCreate = z.infer<typeof organisationCreateBody>;

export const organisationUpdateBody = organisationCreateBody
  .partial()
  .extend({ status: z.enum(['active', 'suspended', 'closed']).optional() })
  .strict();
export type OrganisationUpdate = z.infer<typeof organisationUpdateBody>;

// The response is contracts' schema (one wire shape for server and web).
export { organisationView };
export type { OrganisationView };

// The web's request bodies (contracts) must be accepted by these schemas: checked by tsc.
type Accepts<S extends z.ZodType, T extends z.input<S>> = T;
/** @public Checked by tsc, not imported (knip). */
export type OrganisationBodiesAccepted = [
  Accepts<typeof organisationCreateBody, OrganisationCreateBody>,
  Accepts<typeof organisationUpdateBody, OrganisationUpdateBody>,
];
