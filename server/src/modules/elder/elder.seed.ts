import { asc, desc, eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { TransactDeps } from '../../platform/uow.ts';
import { transact } from '../../platform/uow.ts';
import { elderFamily, elders, elderVersions } from './elder.table.ts';
import { linkElderAccount } from './elder.scope.ts';
import { generateElders, type SyntheticElder } from './elder.generator.ts';
import { elderRepo } from './elder.repo.ts';
import { maskedSnapshot, type ElderPlain } from './elder.rules.ts';
import { ELDER_CIPHER_CONTEXT, elderColumns } from './elder.codec.ts';

const BATCH = 500;

/**
 * Synthetic elders for the demo (PRODUCT.md §9): `generateElders` records,
 * encrypted with the platform cipher and inserted in batches, each with its
 * first history version. `regionCodes` may repeat a code to weight it.
 */
export async function seedElders(
  deps: TransactDeps & { cipher: FieldCipher },
  opts: { count: number; regionCodes: readonly string[]; today: Date; seed?: number },
): Promise<number> {
  if (opts.count === 0) return 0;
  const year = opts.today.getUTCFullYear();
  return transact(deps, SYSTEM_ACTOR, async (tx, uow) => {
    const repo = elderRepo(tx);
    let batch: { plain: ElderPlain; tags: string[]; seq: number }[] = [];
    let inserted = 0;
    const flush = async () => {
      const ids = await repo.insertMany(batch.map((b) => elderColumns(deps.cipher, b.plain)));
      const tags = batch.flatMap((b, i) =>
        b.tags.map((code) => ({
          elderId: ids[i]!.id,
          code,
          validFrom: `${year - (b.seq % 4)}-01-01`,
          source: 'manual',
        })),
      );
      if (tags.length) await repo.insertTags(tags);
      await tx.insert(elderVersions).values(
        batch.map((b, i) => ({
          elderId: ids[i]!.id,
          version: 1,
          kind: 'create',
          changedByName: SYSTEM_ACTOR.name,
          reason: '演示数据',
          before: null,
          after: { ...maskedSnapshot(b.plain), tags: b.tags },
        })),
      );
      // A guardian for some of the oldest: the family view has something to show.
      const family = batch.flatMap((b, i) =>
        b.seq % 7 === 0
          ? [
              {
                elderId: ids[i]!.id,
                name: `${b.plain.name.slice(0, 1)}${b.seq % 2 ? '建国' : '丽'}`,
                relationship: b.seq % 2 ? 'son' : 'daughter',
                phoneEnc: deps.cipher.encrypt(
                  `139${String(10_000_000 + ((b.seq * 7919) % 89_999_999)).slice(0, 8)}`,
                  ELDER_CIPHER_CONTEXT.familyPhone,
                ),
                mayActFor: true,
                isGuardian: b.seq % 3 === 0,
              },
            ]
          : [],
      );
      if (family.length) await tx.insert(elderFamily).values(family);
      inserted += batch.length;
      batch = [];
    };
    for (const e of generateElders({
      count: opts.count,
      seed: opts.seed ?? 20260101,
      regionCodes: opts.regionCodes,
      today: opts.today,
    })) {
      batch.push({ seq: e.seq, tags: e.tags, plain: syntheticPlain(e) });
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
    uow.audit({
      action: 'seed.elders',
      entityType: 'deployment',
      summary: `生成演示老人 ${inserted} 名`,
      detail: { count: inserted },
    });
    return inserted;
  });
}

/** A generated elder as the record's plain fields (shared by the demo seed and the benchmark loader). */
export function syntheticPlain(e: SyntheticElder): ElderPlain {
  return {
    name: e.name,
    idType: e.idType,
    idNumber: e.idNumber,
    birthDate: e.birthDate,
    sex: e.sex,
    phone: e.phone,
    regionCode: e.regionCode,
    address: e.address,
    householdLocal: e.householdLocal,
    householdAddress: null,
    residenceSince: e.residenceSince,
    lat: e.lat,
    lng: e.lng,
    livingSituation: e.livingSituation,
    ethnicity: e.ethnicity,
    education: null,
    maritalStatus: e.livingSituation === 'empty_nest' ? 'married' : null,
    economicSources: ['pension'],
    health: {
      chronicDiseases: e.chronicDiseases,
      allergies: [],
      medications: [],
      // ~60 % signed with a family doctor.
      familyDoctor: { signed: e.seq % 10 < 6 },
    },
    status: 'active',
    statusDate: null,
  };
}

/** Residences of the demo elders: every community and village, the demo community and village ~2 % each. */
export function demoElderHomes(
  villageLevel: readonly string[],
  community: string,
  village: string,
): string[] {
  const weight = Math.max(1, Math.round(villageLevel.length * 0.02));
  return [...villageLevel, ...Array<string>(weight).fill(community), ...Array<string>(weight).fill(village)];
}

/**
 * The demo elder and family accounts get real relationships (decision 010): the elder account becomes the
 * first demo elder of the community, and the family account their son, bound with consent to share and
 * may-act-for. Returns the names the accounts should show, or null when there is no elder at all.
 */
export async function linkDemoAccounts(
  deps: TransactDeps,
  opts: { regionCode: string; elderUserId: string; familyUserId: string; today: Date },
): Promise<{ elderName: string; sonName: string } | null> {
  return transact(deps, SYSTEM_ACTOR, async (tx, uow) => {
    const [e] = await tx
      .select({ id: elders.id, name: elders.name })
      .from(elders)
      .where(eq(elders.status, 'active'))
      // The community's first; a small demo (tests) may have none there.
      .orderBy(desc(eq(elders.regionCode, opts.regionCode)), asc(elders.createdAt), asc(elders.id))
      .limit(1);
    if (!e) return null;
    const sonName = `${e.name.slice(0, 1)}伟`;
    await linkElderAccount(tx, e.id, opts.elderUserId);
    await tx.insert(elderFamily).values({
      elderId: e.id,
      userId: opts.familyUserId,
      name: sonName,
      relationship: 'son',
      mayActFor: true,
      consentedAt: opts.today,
      consentScope: ['personal_info', 'services', 'share_with_family'],
      consentVersion: 'demo-2026',
    });
    uow.audit({
      action: 'seed.relations',
      entityType: 'elder',
      entityId: e.id,
      regionCode: opts.regionCode,
      summary: '演示账号关联老人档案（本人、家属）',
    });
    return { elderName: e.name, sonName };
  });
}
