import {
  QUALIFYING_CERTIFICATE_KINDS,
  type Caregiver,
  type CertificateKind,
  type StaffCertificate,
  type StaffLeave,
  type StaffShift,
  type StaffTraining,
  type TrainingKind,
} from '@yiyang/contracts';
import type { Holder } from './staff.people.repo.ts';
import type { BaseRow, CertificateRow, LeaveRow, ShiftRow, TrainingRow } from './staff.repo.ts';
import { certificateValidOn, validKindsOn } from './staff.rules.ts';

export function certificateView(c: CertificateRow, today: string): StaffCertificate {
  return {
    id: c.id,
    userId: c.userId,
    organisationId: c.organisationId,
    kind: c.kind as CertificateKind,
    level: c.level,
    number: c.number,
    issuer: c.issuer,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    validToday: certificateValidOn(c, today),
    createdAt: c.createdAt.toISOString(),
  };
}

export const trainingView = (t: TrainingRow): StaffTraining => ({
  id: t.id,
  userId: t.userId,
  kind: t.kind as TrainingKind,
  topic: t.topic,
  provider: t.provider,
  startedOn: t.startedOn,
  endedOn: t.endedOn,
  hours: t.hours,
  createdAt: t.createdAt.toISOString(),
});

export const shiftView = (s: ShiftRow): StaffShift => ({
  id: s.id,
  userId: s.userId,
  weekday: s.weekday,
  start: s.startTime,
  end: s.endTime,
});

export const leaveView = (l: LeaveRow): StaffLeave => ({
  id: l.id,
  userId: l.userId,
  from: l.fromDate,
  to: l.toDate,
  reason: l.reason,
  createdAt: l.createdAt.toISOString(),
});

/** Does someone holding these valid kinds count as 持证 (附表 indicator 12)? */
export const isCertified = (validKinds: readonly string[]) =>
  validKinds.some((k) => (QUALIFYING_CERTIFICATE_KINDS as readonly string[]).includes(k));
/** Has someone with these training records had 岗前培训 (附表 indicator 11)? */
export const isPreJobTrained = (trainings: readonly Pick<TrainingRow, 'kind'>[]) =>
  trainings.some((t) => t.kind === 'pre_job');

/** One caregiver's summary for the provider admin's list. */
export function caregiverView(
  h: Holder,
  rows: {
    certs: CertificateRow[];
    trainings: TrainingRow[];
    shifts: ShiftRow[];
    leaves: LeaveRow[];
    base?: BaseRow;
  },
  today: string,
): Caregiver {
  const validKinds = validKindsOn(rows.certs, today) as CertificateKind[];
  const expiredKinds = [...new Set(rows.certs.map((c) => c.kind as CertificateKind))]
    .filter((k) => !validKinds.includes(k))
    .sort();
  const levels = rows.certs
    .filter((c) => c.kind === 'caregiver' && c.level !== null && certificateValidOn(c, today))
    .map((c) => c.level!);
  return {
    userId: h.id,
    username: h.username,
    displayName: h.displayName,
    status: h.status,
    organisationId: h.organisationId,
    organisationName: h.organisationName,
    base: rows.base ? { lat: rows.base.lat, lng: rows.base.lng } : null,
    validKinds,
    expiredKinds,
    caregiverLevel: levels.length ? Math.min(...levels) : null,
    certified: isCertified(validKinds),
    preJobTrained: isPreJobTrained(rows.trainings),
    trainingHours: Math.round(rows.trainings.reduce((n, t) => n + t.hours, 0) * 10) / 10,
    shifts: rows.shifts.map(shiftView),
    leaves: rows.leaves.filter((l) => l.toDate >= today).map(leaveView),
  };
}
