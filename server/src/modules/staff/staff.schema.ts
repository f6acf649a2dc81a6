import { z } from 'zod';
import { CERTIFICATE_KINDS, type StaffCertificate, type StaffCertificateList } from '@yiyang/contracts';
import { text } from '../../platform/text.ts';

export const certificateCreateBody = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS),
    number: text().min(1).max(60),
    issuer: text().max(100).optional(),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date().nullish(),
  })
  .strict();
export type CertificateCreate = z.infer<typeof certificateCreateBody>;

export const certificateView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  organisationId: z.uuid().nullable(),
  kind: z.enum(CERTIFICATE_KINDS),
  number: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  validToday: z.boolean(),
  createdAt: z.string(),
}) satisfies z.ZodType<StaffCertificate>;

export const certificateList = z.object({
  items: z.array(certificateView),
}) satisfies z.ZodType<StaffCertificateList>;
