/**
 * The elder module's public surface (docs/modules.md, "Public surfaces"). Other modules read elders
 * through these functions: the module keeps its repository, tables and cipher contexts.
 */
import type { Scope } from '../../platform/access.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db.ts';
import { maskIdNumber } from '../../platform/masking.ts';
import { elderRepo, type ElderRow } from './elder.repo.ts';
import { isTagCurrent } from './elder.rules.ts';
import { ELDER_CIPHER_CONTEXT } from './elder.service.ts';
import { decryptOrNull, locationOf } from './elder.codec.ts';
import { elderFamily } from './elder.table.ts';
import { inArray } from 'drizzle-orm';

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
): Promise<{ tags: string[]; birthDate: string; status: string; regionCode: string } | null> {
  const repo = elderRepo(db);
  const elder = await repo.findById(elderId);
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

/** The exact home position (decrypted), for the distance of a responder's arrival. Never for lists. */
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
