/**
 * The elder form's model, shared by the console drawer (ElderFormDrawer.tsx)
 * and the phone (MobileElderForm.tsx): which fields it has, which document
 * types carry the birth date and sex, and the pure mapping from what was
 * typed to the bodies of `POST /elders` and `PATCH /elders/{id}` (contracts).
 * No React, no antd: unit-tested in web/test/elderForm.test.ts.
 */
import type {
  ElderChronicDisease,
  ElderCreateBody,
  ElderDetail,
  ElderIdType,
  ElderLivingSituation,
  ElderTag,
  ElderUpdateBody,
  FamilyMemberBody,
  Sex,
} from '@yiyang/contracts';
import { changedFields, consentRecord, normalizeIdInput, todayCst } from './elderHelpers.ts';

/** Document types whose number encodes the birth date and sex (the server derives them). */
export const DERIVING_ID_TYPES: readonly ElderIdType[] = ['resident_id', 'hk_macao_tw_residence_permit'];
export const derivesBirthAndSex = (idType: ElderIdType): boolean => DERIVING_ID_TYPES.includes(idType);

/** The fields of the phone's form, each with a message of its own (`m-elder-<field>-error`). */
export const ELDER_CORE_FIELDS = [
  'name',
  'idType',
  'idNumber',
  'birthDate',
  'sex',
  'phone',
  'regionCode',
  'address',
  'livingSituation',
  'reason',
] as const;

/** Every field of the console's form: the core ones plus residence, position, health, tags and family. */
export const ELDER_FORM_FIELDS = [
  ...ELDER_CORE_FIELDS.filter((f) => f !== 'reason'),
  'householdLocal',
  'residenceSince',
  'lat',
  'lng',
  'health',
  'tags',
  'family',
  'reason',
] as const;

/**
 * What either form holds. The phone's form has only the core fields (and ''
 * for a list not chosen yet); the console's has them all.
 */
export interface ElderFormValues {
  name?: string;
  idType: ElderIdType;
  idNumber?: string;
  birthDate?: string;
  sex?: Sex | '';
  phone?: string;
  regionCode?: string | null;
  address?: string;
  livingSituation?: ElderLivingSituation | '';
  householdLocal?: boolean;
  residenceSince?: string;
  lat?: number | null;
  lng?: number | null;
  health?: {
    chronicDiseases: ElderChronicDisease[];
    allergies: string[];
    medications: string[];
    familyDoctorSigned: boolean;
  };
  tags?: { code?: ElderTag['code']; validFrom?: string; validTo?: string }[];
  family?: (Partial<Omit<FamilyMemberBody, 'consent'>> & { consent?: boolean })[];
  reason?: string;
}

const trimmed = (s: string | undefined) => s?.trim() ?? '';

/** A registration. Without a health section (the phone) the summary is empty and no family doctor is known. */
export function toCreateBody(v: ElderFormValues): ElderCreateBody {
  const own = !derivesBirthAndSex(v.idType);
  const householdLocal = v.householdLocal ?? true;
  return {
    name: trimmed(v.name),
    idType: v.idType,
    idNumber: normalizeIdInput(v.idNumber ?? ''),
    ...(own && v.birthDate ? { birthDate: v.birthDate } : {}),
    ...(own && v.sex ? { sex: v.sex } : {}),
    ...(trimmed(v.phone) ? { phone: trimmed(v.phone) } : {}),
    regionCode: v.regionCode ?? '',
    address: trimmed(v.address),
    livingSituation: v.livingSituation as ElderLivingSituation,
    householdLocal,
    ...(!householdLocal && v.residenceSince ? { residenceSince: v.residenceSince } : {}),
    ...(typeof v.lat === 'number' ? { lat: v.lat } : {}),
    ...(typeof v.lng === 'number' ? { lng: v.lng } : {}),
    health: v.health
      ? {
          chronicDiseases: v.health.chronicDiseases ?? [],
          allergies: v.health.allergies ?? [],
          medications: v.health.medications ?? [],
          familyDoctor: { signed: !!v.health.familyDoctorSigned },
        }
      : { chronicDiseases: [], allergies: [], medications: [], familyDoctor: null },
    tags: (v.tags ?? [])
      .filter((tg) => tg.code)
      .map((tg) => ({ code: tg.code!, validFrom: tg.validFrom || todayCst(), validTo: tg.validTo || null })),
  };
}

/** The family members of a registration: the API takes them one by one once the elder exists. */
export function toFamilyBodies(v: ElderFormValues): FamilyMemberBody[] {
  return (v.family ?? []).map((m) => ({
    name: (m.name ?? '').trim(),
    relationship: m.relationship ?? 'other',
    ...(m.phone?.trim() ? { phone: m.phone.trim() } : {}),
    mayActFor: !!m.mayActFor,
    isGuardian: !!m.isGuardian,
    consent: consentRecord(!!m.consent),
  }));
}

/**
 * An edit of version `e.version`: the fields that differ from `e`, and the
 * masked ones (never prefilled) only when typed. The phone's form sends the
 * birth date and sex only with a newly typed document number.
 */
export function toUpdateBody(
  v: ElderFormValues,
  e: ElderDetail,
  { birthAndSexWithIdOnly = false }: { birthAndSexWithIdOnly?: boolean } = {},
): ElderUpdateBody {
  const own = !derivesBirthAndSex(v.idType);
  const next: Record<string, unknown> = {
    ...(trimmed(v.name) ? { name: trimmed(v.name) } : {}),
    livingSituation: v.livingSituation || undefined,
    regionCode: v.regionCode || undefined,
    householdLocal: v.householdLocal,
    residenceSince: v.householdLocal !== false ? undefined : v.residenceSince || undefined,
    lat: v.lat ?? undefined,
    lng: v.lng ?? undefined,
  };
  if (own && !birthAndSexWithIdOnly) Object.assign(next, { birthDate: v.birthDate, sex: v.sex || undefined });
  const changed = changedFields(e as unknown as Record<string, unknown>, next);
  // Masked values are never prefilled: typed means changed.
  if (trimmed(v.idNumber)) {
    Object.assign(changed, { idType: v.idType, idNumber: normalizeIdInput(v.idNumber!) });
    if (own && birthAndSexWithIdOnly) Object.assign(changed, { birthDate: v.birthDate, sex: v.sex });
  }
  if (trimmed(v.phone)) Object.assign(changed, { phone: trimmed(v.phone) });
  if (trimmed(v.address)) Object.assign(changed, { address: trimmed(v.address) });
  return { ...(changed as Partial<ElderUpdateBody>), version: e.version, reason: trimmed(v.reason) };
}
