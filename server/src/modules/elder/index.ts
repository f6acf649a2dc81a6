/**
 * The elder module's public surface (docs/modules.md, "Public surfaces"). Other modules read elders
 * through these functions: the module keeps its repository, tables and cipher contexts.
 */
import type { Scope } from '../../platform/access.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { elders } from './elder.table.ts';
import { maskIdNumber } from '../../platform/masking.ts';
import { elderRepo, type ElderRow } from './elder.repo.ts';
import { isTagCurrent } from './elder.rules.ts';
import { ELDER_CIPHER_CONTEXT } from './elder.service.ts';
import { decryptOrNull, locationOf } from './elder.codec.ts';
import { elderFamily } from './elder.table.ts';
import { and, inArray, like, notInArray, sql } from 'drizzle-orm';
import { INACTIVE_STATUSES as INACTIVE } from './elder.vocab.ts';

export { ElderService } from './elder.service.ts';
/** A plausible demo position in a region (demo data only). */
export { syntheticCoordinates } from './elder.generator.ts';
export type { ElderRow } from './elder.repo.ts';
export { INACTIVE_STATUSES } from './elder.vocab.ts';
export { elderPhone } from './elder.schema.ts';
export { elderRelations } from './elder.scope.ts';
export { hasValidCnIdChecksum, normalizeDocumentNumber } from './idNumber.ts';

/** The elder with this id, whoever asks (callers check scope themselves, e.g. through an assessment). */
export const findElder = (db: Executor, id: string) => elderRepo(db).findById(id);
/** The elder's rounded home position (≈1 km, for distance in dispatch), null when unknown or no such elder. */
export async function elderPosition(db: Executor, id: string): Promise<{ lat: number; lng: number } | null> {
  const [r] = await db
    .select({ lat: elders.lat, lng: elders.lng })
    .from(elders)
    .where(eq(elders.id, id))
    .limit(1);
  return r?.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null;
}
/** The elder with this id when they lie in `scope`. */
export const findElderInScope = (db: Executor, scope: Scope, id: string) =>
  elderRepo(db).findInScope(scope, id);
/** The elder's ID number, decrypted and masked (for views of other modules). */
export const elderIdNumberMasked = (cipher: FieldCipher, elder: Pick<ElderRow, 'idNumberEnc'>) =>
  maskIdNumber(cipher.decrypt(elder.idNumberEnc, ELDER_CIPHER_CONTEXT.idNumber));

/**
 * What prices and eligibility read of an elder on a date: the stored categories current that day (manual
 * and assessment tags, e.g. `subsistence_allowance`, `disabled`), birth date, status and community.
 * Null when there is no such elder.
 */
export async function elderFactsOn(
  db: Executor,
  elderId: string,
  onDate: string,
  /** The elder's row when the caller has read it already (one read less). */
  known?: Pick<ElderRow, 'id' | 'birthDate' | 'status' | 'regionCode'>,
): Promise<{ tags: string[]; birthDate: string; status: string; regionCode: string } | null> {
  const repo = elderRepo(db);
  const elder = known?.id === elderId ? known : await repo.findById(elderId);
  if (!elder) return null;
  const tags = (await repo.tagsOf([elderId])).filter((t) => isTagCurrent(t, onDate)).map((t) => t.code);
  return {
    tags: [...new Set(tags)],
    birthDate: elder.birthDate,
    status: elder.status,
    regionCode: elder.regionCode,
  };
}

/**
 * Some active elders, those of `regionCode` (a community) first, oldest record first — the first is the demo
 * elder account's (`linkDemoAccounts`): for other modules' demo data.
 */
export const someEldersOf = (db: Executor, regionCode: string, limit: number) =>
  elderRepo(db).someIn(regionCode, limit);
/**
 * The elder's address and phone, decrypted, for a task that needs them (the caregiver of an open order:
 * the caller checks the assignment). Never for lists.
 */
export const elderContact = (cipher: FieldCipher, elder: Pick<ElderRow, 'addressEnc' | 'phoneEnc'>) => ({
  address: decryptOrNull(cipher, elder.addressEnc, ELDER_CIPHER_CONTEXT.address),
  phone: decryptOrNull(cipher, elder.phoneEnc, ELDER_CIPHER_CONTEXT.phone),
});

/**
 * The elder's exact home position (decrypted): the distance of a responder's arrival (alarms), a caregiver's
 * check-in against the geofence (visits). Never shown or stored elsewhere; nulls when never geocoded.
 */
export const elderHomePosition = (cipher: FieldCipher, elder: ElderRow) => locationOf(cipher, elder);

/**
 * The family members bound to these elders, with their own account (if any) and phone (decrypted): whom to
 * tell when an alarm opens. For a notifier only; never shown.
 */
export async function familyToNotify(
  db: Executor,
  cipher: FieldCipher,
  elderIds: string[],
): Promise<{ elderId: string; memberId: string; userId: string | null; phone: string | null }[]> {
  if (elderIds.length === 0) return [];
  const rows = await db
    .select({
      elderId: elderFamily.elderId,
      memberId: elderFamily.id,
      userId: elderFamily.userId,
      phoneEnc: elderFamily.phoneEnc,
    })
    .from(elderFamily)
    .where(inArray(elderFamily.elderId, elderIds));
  return rows.map((r) => ({
    elderId: r.elderId,
    memberId: r.memberId,
    userId: r.userId,
    phone: decryptOrNull(cipher, r.phoneEnc, ELDER_CIPHER_CONTEXT.familyPhone),
  }));
}

/**
 * Exact home positions of the elders under a region prefix who count (not moved out or deceased), with
 * their community and ROUNDED position too: for a system job that turns them into aggregates (the
 * 15-minute service circle, decision 030). The caller audits the read as ONE entry and never returns or
 * stores an exact position. Nulls: never geocoded.
 */
export async function exactHomePositionsUnder(
  db: Executor,
  cipher: FieldCipher,
  prefix: string,
): Promise<
  {
    id: string;
    regionCode: string;
    lat: number | null;
    lng: number | null;
    roundedLat: number | null;
    roundedLng: number | null;
  }[]
> {
  const rows = await db
    .select({
      id: elders.id,
      regionCode: elders.regionCode,
      lat: elders.lat,
      lng: elders.lng,
      locationEnc: elders.locationEnc,
    })
    .from(elders)
    .where(and(like(elders.regionCode, `${prefix}%`), notInArray(elders.status, [...INACTIVE])))
    .orderBy(elders.id);
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    ...locationOf(cipher, r),
    roundedLat: r.lat,
    roundedLng: r.lng,
  }));
}

/**
 * Served elders (not moved out or deceased) per community/village under a code prefix: `{ regionCode → n }`
 * (the facility standards' "few elders", issue 18 §2). No personal data leaves: counts only.
 */
export async function servedEldersByCommunity(db: Executor, prefix: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ regionCode: elders.regionCode, n: sql<number>`count(*)::int` })
    .from(elders)
    .where(and(like(elders.regionCode, `${prefix}%`), notInArray(elders.status, [...INACTIVE])))
    .groupBy(elders.regionCode);
  return new Map(rows.map((r) => [r.regionCode, r.n]));
}

/** The box around the rounded (≈1 km) home positions of the elders under a prefix; null when none has one. */
export async function elderPositionBounds(
  db: Executor,
  prefix: string,
): Promise<{ minLat: number; maxLat: number; minLng: number; maxLng: number } | null> {
  const [r] = await db
    .select({
      minLat: sql<number | null>`min(${elders.lat})::float8`,
      maxLat: sql<number | null>`max(${elders.lat})::float8`,
      minLng: sql<number | null>`min(${elders.lng})::float8`,
      maxLng: sql<number | null>`max(${elders.lng})::float8`,
    })
    .from(elders)
    .where(like(elders.regionCode, `${prefix}%`));
  if (!r || r.minLat === null || r.maxLat === null || r.minLng === null || r.maxLng === null) return null;
  return { minLat: r.minLat, maxLat: r.maxLat, minLng: r.minLng, maxLng: r.maxLng };
}
