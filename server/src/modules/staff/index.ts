/** The staff module's public surface (docs/modules.md, "Public surfaces"). */
import type { Executor } from '../../platform/db.ts';
import { dispatchFactsRows } from './staff.dispatch.repo.ts';
import { staffPeopleRepo } from './staff.people.repo.ts';
import { staffRepo } from './staff.repo.ts';
import { availableFor, byUser, localDayParts, validKindsOn } from './staff.rules.ts';

export type { CertificateRow } from './staff.repo.ts';
export { bestCertificate, certificateValidOn } from './staff.rules.ts';

/** The certificates held by these users (of one kind when given). */
export const certificatesOf = (db: Executor, userIds: string[], kind?: string) =>
  staffRepo(db).certificatesOf(userIds, kind);
/** Certificates by id. */
export const findCertificates = (db: Executor, ids: string[]) => staffRepo(db).findMany(ids);

/** A provider's caregiver as dispatch sees it (issue 14). */
export interface CaregiverFacts {
  userId: string;
  organisationId: string;
  displayName: string;
  /** Work base for distance (rounded to ≈110 m; never the home address), null when not recorded. */
  base: { lat: number; lng: number } | null;
  /** Certificate kinds valid on the date asked (health_certificate included), sorted. */
  validKinds: string[];
}

/** Active caregivers (role caregiver) of these provider organisations, with what is valid on `onDate`. */
export async function caregiversOf(
  db: Executor,
  organisationIds: string[],
  onDate: string,
): Promise<CaregiverFacts[]> {
  const people = await staffPeopleRepo(db).caregiversOf(organisationIds);
  const ids = people.map((p) => p.id);
  const repo = staffRepo(db);
  const [certs, bases] = await Promise.all([repo.certificatesOf(ids), repo.basesOf(ids)]);
  const baseOf = new Map(bases.map((b) => [b.userId, { lat: b.lat, lng: b.lng }]));
  const certsOf = byUser(certs);
  return people.map((p) => ({
    userId: p.id,
    organisationId: p.organisationId!,
    displayName: p.displayName,
    base: baseOf.get(p.id) ?? null,
    validKinds: validKindsOn(certsOf.get(p.id) ?? [], onDate),
  }));
}

/**
 * Dispatch's read (decision 904): the active caregivers of these providers as `caregiversOf` gives them,
 * with kinds valid on `onDate`, and those available for the whole window [start, end) as `availableBetween`
 * decides it — in one statement that reads only these caregivers' rows (the window's weekdays' shifts, the
 * leave touching its days).
 */
export async function dispatchFactsOf(
  db: Executor,
  organisationIds: string[],
  onDate: string,
  start: Date,
  end: Date,
  onlyUserId?: string,
): Promise<{ caregivers: CaregiverFacts[]; available: Set<string> }> {
  const available = new Set<string>();
  if (organisationIds.length === 0) return { caregivers: [], available };
  const parts = end.getTime() > start.getTime() ? localDayParts(start, end) : [];
  const rows = await dispatchFactsRows(db, {
    organisationIds,
    onDate,
    weekdays: [...new Set(parts.map((p) => p.weekday))],
    fromDate: parts[0]?.date ?? onDate,
    toDate: parts.at(-1)?.date ?? onDate,
    userId: onlyUserId,
  });
  const caregivers = rows.map((r): CaregiverFacts => {
    if (parts.length && !r.on_leave) {
      const shifts = r.shifts.map((s) => {
        const [weekday, startTime, endTime] = s.split(' ');
        return { weekday: Number(weekday), startTime: startTime!, endTime: endTime! };
      });
      if (availableFor(shifts, [], start, end)) available.add(r.id);
    }
    return {
      userId: r.id,
      organisationId: r.organisation_id,
      displayName: r.display_name,
      base: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
      validKinds: r.kinds.sort(),
    };
  });
  return { caregivers, available };
}

/** Kinds among `required` that this user lacks or holds only expired/revoked on `onDate` ([] = may serve). */
export async function credentialGaps(
  db: Executor,
  userId: string,
  required: string[],
  onDate: string,
): Promise<string[]> {
  if (required.length === 0) return [];
  const valid = new Set(validKindsOn(await staffRepo(db).certificatesOf([userId]), onDate));
  return [...new Set(required)].filter((k) => !valid.has(k));
}

/** Of these users, those whose weekly shifts cover [start, end) (CST) and who are not on leave then. */
export async function availableBetween(
  db: Executor,
  userIds: string[],
  start: Date,
  end: Date,
): Promise<Set<string>> {
  const out = new Set<string>();
  if (userIds.length === 0 || end.getTime() <= start.getTime()) return out;
  const repo = staffRepo(db);
  const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [shifts, leaves] = await Promise.all([
    repo.shiftsOf(userIds),
    repo.leavesOf(userIds, day(start), day(new Date(end.getTime() - 1))),
  ]);
  const [shiftsOf, leavesOf] = [byUser(shifts), byUser(leaves)];
  for (const id of new Set(userIds))
    if (availableFor(shiftsOf.get(id) ?? [], leavesOf.get(id) ?? [], start, end)) out.add(id);
  return out;
}
