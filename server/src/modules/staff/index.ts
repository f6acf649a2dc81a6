/** The staff module's public surface (docs/modules.md, "Public surfaces"). */
import type { Executor } from '../../platform/db.ts';
import type { CaregiverFacts } from './staff.dispatch.ts';
import { staffPeopleRepo } from './staff.people.repo.ts';
import { staffRepo } from './staff.repo.ts';
import { availableFor, byUser, validKindsOn } from './staff.rules.ts';

export type { CertificateRow } from './staff.repo.ts';
export { dispatchFactsOf, type CaregiverFacts } from './staff.dispatch.ts';
export { bestCertificate, certificateValidOn } from './staff.rules.ts';

/** The certificates held by these users (of one kind when given). */
export const certificatesOf = (db: Executor, userIds: string[], kind?: string) =>
  staffRepo(db).certificatesOf(userIds, kind);
/** Certificates by id. */
export const findCertificates = (db: Executor, ids: string[]) => staffRepo(db).findMany(ids);

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
