/**
 * Staff (issue 14 item 1, PRODUCT.md §4.3–4.4): the certificates, training records, availability and
 * work base of assessors and of providers' caregivers, and the workforce indicators 持证上岗率 and
 * 岗前培训率 (`001_…` 附表 indicators 11–12). Stable codes and the request/response bodies of
 * `/api/v1/staff/…`; the server's zod schemas (staff.schema.ts) are checked against these types.
 */

/** Staff certificate kinds (staff_certificates.kind); `assessor` qualifies for assessments. */
export const CERTIFICATE_KINDS = [
  'assessor',
  // 养老护理员 (职业技能等级证书), with its level 1–5 (CAREGIVER_LEVELS).
  'caregiver',
  'nurse',
  'physician',
  'social_worker',
  'psychological_counselor',
  // 健康证: required of anyone serving elders in person; not a qualification (not counted by 持证上岗率).
  'health_certificate',
  'other',
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, { zh: string; en: string }> = {
  assessor: { zh: '老年人能力评估师', en: 'Assessor' },
  caregiver: { zh: '养老护理员', en: 'Elder caregiver' },
  nurse: { zh: '护士', en: 'Nurse' },
  physician: { zh: '医师', en: 'Physician' },
  social_worker: { zh: '社会工作者', en: 'Social worker' },
  psychological_counselor: { zh: '心理咨询师', en: 'Psychological counsellor' },
  health_certificate: { zh: '健康证', en: 'Health certificate' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Certificates that count as "持证" for 持证上岗率 (附表 indicator 12): a caregiver-relevant professional
 * qualification. The 健康证 and `other` do not count; `assessor` is not a caregiving qualification.
 */
export const QUALIFYING_CERTIFICATE_KINDS: readonly CertificateKind[] = [
  'caregiver',
  'nurse',
  'physician',
  'social_worker',
  'psychological_counselor',
];

/** 养老护理员职业技能等级: 1 = 一级/高级技师 … 5 = 五级/初级工. Only `caregiver` certificates carry a level. */
export const CAREGIVER_LEVELS = [1, 2, 3, 4, 5] as const;
export type CaregiverLevel = (typeof CAREGIVER_LEVELS)[number];
export const CAREGIVER_LEVEL_LABELS: Record<CaregiverLevel, { zh: string; en: string }> = {
  1: { zh: '一级/高级技师', en: 'Level 1 (senior technician)' },
  2: { zh: '二级/技师', en: 'Level 2 (technician)' },
  3: { zh: '三级/高级工', en: 'Level 3 (senior worker)' },
  4: { zh: '四级/中级工', en: 'Level 4 (intermediate worker)' },
  5: { zh: '五级/初级工', en: 'Level 5 (entry worker)' },
};

/** Training records: 岗前培训 (before first serving) and 在岗培训 (continuing). */
export const TRAINING_KINDS = ['pre_job', 'in_service'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, { zh: string; en: string }> = {
  pre_job: { zh: '岗前培训', en: 'Pre-job training' },
  in_service: { zh: '在岗培训', en: 'In-service training' },
};

/** ISO weekdays of a weekly shift: 1 = Monday … 7 = Sunday (China Standard Time). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A caregiver's work base is stored rounded to this many decimal places (3 ≈ 110 m): enough for distance
 * in dispatch, too coarse to be a home address (it is the work base, never the caregiver's home).
 */
export const BASE_POSITION_DECIMALS = 3;

// ---- wire shapes ----

export interface StaffCertificate {
  id: string;
  userId: string;
  organisationId: string | null;
  kind: CertificateKind;
  /** 职业技能等级 1–5 of a `caregiver` certificate; null otherwise. */
  level: number | null;
  number: string;
  issuer: string | null;
  issuedOn: string;
  expiresOn: string | null;
  validToday: boolean;
  createdAt: string;
}

export interface StaffCertificateList {
  items: StaffCertificate[];
}

export interface StaffCertificateCreateBody {
  kind: CertificateKind;
  level?: number | null;
  number: string;
  issuer?: string;
  issuedOn: string;
  expiresOn?: string | null;
}

export interface StaffTraining {
  id: string;
  userId: string;
  kind: TrainingKind;
  topic: string;
  provider: string | null;
  startedOn: string;
  endedOn: string;
  hours: number;
  createdAt: string;
}

export interface StaffTrainingCreateBody {
  kind: TrainingKind;
  topic: string;
  provider?: string;
  startedOn: string;
  endedOn: string;
  hours: number;
}

export interface StaffShift {
  id: string;
  userId: string;
  weekday: number;
  /** Local time (China Standard Time), HH:MM; `end` after `start` (no shift across midnight). */
  start: string;
  end: string;
}

export interface StaffShiftCreateBody {
  weekday: number;
  start: string;
  end: string;
}

export interface StaffLeave {
  id: string;
  userId: string;
  /** Calendar dates, both inclusive (China Standard Time). */
  from: string;
  to: string;
  reason: string;
  createdAt: string;
}

export interface StaffLeaveCreateBody {
  from: string;
  to: string;
  reason: string;
}

export interface StaffBase {
  lat: number;
  lng: number;
}

export interface StaffBaseBody {
  lat: number;
  lng: number;
}

/** One caregiver in the provider admin's list. */
export interface Caregiver {
  userId: string;
  username: string;
  displayName: string;
  status: string;
  organisationId: string | null;
  organisationName: string | null;
  base: StaffBase | null;
  /** Certificate kinds valid today, and kinds held only expired (or not yet valid). */
  validKinds: CertificateKind[];
  expiredKinds: CertificateKind[];
  /** The best valid 养老护理员 level (1 highest), null without a valid caregiver certificate. */
  caregiverLevel: number | null;
  /** Holds a valid qualifying certificate (QUALIFYING_CERTIFICATE_KINDS). */
  certified: boolean;
  preJobTrained: boolean;
  trainingHours: number;
  shifts: StaffShift[];
  /** Leave that has not ended yet. */
  leaves: StaffLeave[];
}

export interface CaregiverList {
  items: Caregiver[];
}

export interface CaregiverDetail extends Caregiver {
  certificates: StaffCertificate[];
  trainings: StaffTraining[];
}

/** 持证上岗率 and 岗前培训率 of one provider or one region (rates are null without active caregivers). */
export interface StaffIndicatorRow {
  activeCaregivers: number;
  certified: number;
  preJobTrained: number;
  /** 持证上岗率, 0–1. */
  certifiedRate: number | null;
  /** 岗前培训率, 0–1. */
  preJobTrainingRate: number | null;
}

export interface StaffProviderIndicators extends StaffIndicatorRow {
  organisationId: string;
  name: string;
  regionCode: string | null;
}

export interface StaffIndicators {
  /** The date certificates were checked on. */
  asOf: string;
  regionCode: string | null;
  providers: StaffProviderIndicators[];
  /** All providers in the caller's scope (within `regionCode` when given). */
  total: StaffIndicatorRow;
}
