import type { FieldCipher } from '../../platform/crypto.ts';
import { maskName, maskPhone } from '../../platform/masking.ts';
import {
  decryptOrNull,
  ELDER_CIPHER_CONTEXT,
  healthOf,
  maskedAddressWithin,
  rowMasks,
} from './elder.codec.ts';
import type { ElderListRow, ElderRow, ElderTagRow, ElderTagSummary, FamilyRow } from './elder.repo.ts';
import { derivedTags, healthSummary, isTagCurrent } from './elder.rules.ts';
import { ageOf, todayIso } from '../../platform/dates.ts';
import type { elderVersions } from './elder.table.ts';
import type { ElderDetail, ElderListItem, FamilyView } from './elder.schema.ts';
import type { ElderStatus } from './elder.vocab.ts';
import { residenceQualifies, type IdType, type Sex } from './idNumber.ts';

/**
 * What the registry shows of its rows: the list item, the detail, a family
 * member and a history entry, masked unless a field is revealed (elder.queries.ts).
 * Pure mappings of rows already read; the queries read them.
 */

type TagSource = 'manual' | 'assessment' | 'derived';

/** `tags`: the elder's stored tags (any validity). */
/** Where the elder lives, by name: the community (社区/村) and its street or town. */
export interface ElderPlace {
  regionName: string | null;
  streetName: string | null;
}

export function listItemOf(
  cipher: FieldCipher,
  e: ElderListRow,
  place: ElderPlace,
  tags: ElderTagSummary[],
  now: Date,
): ElderListItem {
  const { regionName } = place;
  const today = todayIso(now);
  const age = ageOf(e.birthDate, now);
  const m = rowMasks(cipher, e);
  return {
    id: e.id,
    nameMasked: m.nameMasked!,
    sex: e.sex as Sex,
    age,
    idNumberMasked: m.idNumberMasked!,
    phoneMasked: m.phoneMasked ?? null,
    regionCode: e.regionCode,
    regionName,
    streetName: place.streetName,
    ability: e.ability ?? null,
    // STANDARDS.md §7: addresses down to 社区/小区 only; without a marker, the region name stands in.
    addressMasked: m.addressMasked ? maskedAddressWithin(m.addressMasked, regionName) : null,
    livingSituation: e.livingSituation,
    status: e.status as ElderStatus,
    tags: tags
      .filter((t) => isTagCurrent(t, today))
      .map((t) => ({
        code: t.code,
        validFrom: t.validFrom,
        validTo: t.validTo,
        source: t.source as TagSource,
      })),
    derivedTags: derivedTags(age, e.livingSituation),
    createdAt: e.createdAt.toISOString(),
  };
}

export function familyViewOf(cipher: FieldCipher, f: FamilyRow): FamilyView {
  const phone = decryptOrNull(cipher, f.phoneEnc, ELDER_CIPHER_CONTEXT.familyPhone);
  return {
    id: f.id,
    name: maskName(f.name),
    relationship: f.relationship,
    phoneMasked: phone ? maskPhone(phone) : null,
    mayActFor: f.mayActFor,
    isGuardian: f.isGuardian,
    consent: f.consentedAt
      ? {
          consentedAt: f.consentedAt.toISOString(),
          scope: f.consentScope ?? [],
          version: f.consentVersion ?? '',
          documentRef: f.consentDocumentRef,
        }
      : null,
  };
}

/** `tags` and `family`: the elder's stored tags (any validity) and family members. */
export function detailOf(
  cipher: FieldCipher,
  e: ElderRow,
  place: ElderPlace,
  related: { tags: ElderTagRow[]; family: FamilyRow[] },
  now: Date,
): ElderDetail {
  const { tags, family } = related;
  const q = residenceQualifies(e.householdLocal, e.residenceSince, now);
  return {
    ...listItemOf(cipher, e, place, tags, now),
    idType: e.idType as IdType,
    birthDate: e.birthDate,
    ethnicity: e.ethnicity,
    education: e.education,
    maritalStatus: e.maritalStatus,
    economicSources: e.economicSources,
    householdLocal: e.householdLocal,
    residenceSince: e.residenceSince,
    nonLocalQualifiesOn: q.qualifiesOn,
    lat: e.lat,
    lng: e.lng,
    health: healthSummary(healthOf(cipher, e)),
    family: family.map((f) => familyViewOf(cipher, f)),
    statusDate: e.statusDate,
    tagRecords: tags.map((t) => ({
      code: t.code,
      validFrom: t.validFrom,
      validTo: t.validTo,
      source: t.source as TagSource,
      note: t.note,
    })),
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function historyItemOf(v: typeof elderVersions.$inferSelect) {
  return {
    version: v.version,
    kind: v.kind,
    changedAt: v.changedAt.toISOString(),
    changedBy: { id: v.changedBy, name: v.changedByName },
    reason: v.reason,
    before: v.before ?? null,
    after: v.after,
  };
}

/** Count and rounded centre (≈ 100 m, never one home's exact position) of a child region. */
export function regionCentre(r: { n: number; lat: number | null; lng: number | null } | undefined) {
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v * 1000) / 1000);
  return { total: r?.n ?? 0, lat: round(r?.lat), lng: round(r?.lng) };
}
