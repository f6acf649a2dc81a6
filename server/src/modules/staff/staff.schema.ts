import { z } from 'zod';
import {
  CERTIFICATE_KINDS,
  TRAINING_KINDS,
  type CaregiverDetail,
  type CaregiverList,
  type StaffBase,
  type StaffCertificate,
  type StaffCertificateCreateBody,
  type StaffCertificateList,
  type StaffIndicators,
  type StaffLeave,
  type StaffLeaveCreateBody,
  type StaffShift,
  type StaffShiftCreateBody,
  type StaffTraining,
  type StaffTrainingCreateBody,
} from '@yiyang/contracts';
import { regionCodeSchema } from '../../platform/schemas.ts';
import { text } from '../../platform/text.ts';

export const certificateCreateBody = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS),
    level: z.number().int().min(1).max(5).nullish(),
    number: text().min(1).max(60),
    issuer: text().max(100).optional(),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date().nullish(),
  })
  .strict() satisfies z.ZodType<StaffCertificateCreateBody>;
export type CertificateCreate = z.infer<typeof certificateCreateBody>;

export const certificateView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  organisationId: z.uuid().nullable(),
  kind: z.enum(CERTIFICATE_KINDS),
  level: z.number().int().nullable(),
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

export const trainingCreateBody = z
  .object({
    kind: z.enum(TRAINING_KINDS),
    topic: text().min(1).max(100),
    provider: text().max(100).optional(),
    startedOn: z.iso.date(),
    endedOn: z.iso.date(),
    hours: z.number().positive().max(2000),
  })
  .strict() satisfies z.ZodType<StaffTrainingCreateBody>;
export type TrainingCreate = z.infer<typeof trainingCreateBody>;

export const trainingView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  kind: z.enum(TRAINING_KINDS),
  topic: z.string(),
  provider: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string(),
  hours: z.number(),
  createdAt: z.string(),
}) satisfies z.ZodType<StaffTraining>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const shiftCreateBody = z
  .object({
    weekday: z.number().int().min(1).max(7),
    start: z.string().regex(HHMM, { message: 'staff.shift_times' }),
    // A shift may end at midnight (24:00).
    end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'staff.shift_times' }),
  })
  .strict() satisfies z.ZodType<StaffShiftCreateBody>;
export type ShiftCreate = z.infer<typeof shiftCreateBody>;

export const shiftView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  weekday: z.number().int(),
  start: z.string(),
  end: z.string(),
}) satisfies z.ZodType<StaffShift>;

export const leaveCreateBody = z
  .object({ from: z.iso.date(), to: z.iso.date(), reason: text().min(1).max(200) })
  .strict() satisfies z.ZodType<StaffLeaveCreateBody>;
export type LeaveCreate = z.infer<typeof leaveCreateBody>;

export const leaveView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<StaffLeave>;

const position = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
export const baseBody = position.strict();
export const baseView = position satisfies z.ZodType<StaffBase>;

const caregiverFields = {
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  status: z.string(),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  base: baseView.nullable(),
  validKinds: z.array(z.enum(CERTIFICATE_KINDS)),
  expiredKinds: z.array(z.enum(CERTIFICATE_KINDS)),
  caregiverLevel: z.number().int().nullable(),
  certified: z.boolean(),
  preJobTrained: z.boolean(),
  trainingHours: z.number(),
  shifts: z.array(shiftView),
  leaves: z.array(leaveView),
};
export const caregiverList = z.object({
  items: z.array(z.object(caregiverFields)),
}) satisfies z.ZodType<CaregiverList>;
export const caregiverDetail = z.object({
  ...caregiverFields,
  certificates: z.array(certificateView),
  trainings: z.array(trainingView),
}) satisfies z.ZodType<CaregiverDetail>;

export const caregiverQuery = z
  .object({ organisationId: z.uuid().optional(), regionCode: regionCodeSchema.optional() })
  .strict();
export const indicatorQuery = z.object({ regionCode: regionCodeSchema.optional() }).strict();

const indicatorRow = {
  activeCaregivers: z.number().int(),
  certified: z.number().int(),
  preJobTrained: z.number().int(),
  certifiedRate: z.number().nullable(),
  preJobTrainingRate: z.number().nullable(),
};
export const indicatorsView = z.object({
  asOf: z.string(),
  regionCode: z.string().nullable(),
  providers: z.array(
    z.object({
      organisationId: z.uuid(),
      name: z.string(),
      regionCode: z.string().nullable(),
      ...indicatorRow,
    }),
  ),
  total: z.object(indicatorRow),
}) satisfies z.ZodType<StaffIndicators>;
