import { DomainError } from '../../platform/errors.ts';
import { ageOf, todayIso } from '../../platform/dates.ts';
import { ASSESSMENT_TAGS, DERIVED_TAGS, ELDER_TAGS } from './elder.vocab.ts';
import {
  convert15To18,
  crossCheck,
  ELDER_MIN_AGE,
  normalizeDocumentNumber,
  validateIdentityDocument,
  type IdType,
  type Sex,
} from './idNumber.ts';

/**
 * The registry's input checks that answer 422 with one pointer per wrong
 * field: the identity document against the typed birth date and sex, and the
 * manual tags. Pure (no database): the import's worker threads use them too.
 */

type FieldErrors = { pointer: string; code: string; params?: Record<string, unknown> }[];
const validation = (errors: FieldErrors) => new DomainError('common.validation', { status: 422, errors });

export interface Identity {
  idType: IdType;
  normalized: string;
  birthDate: string;
  sex: Sex;
  age: number;
  convertedFrom15: boolean;
}

/**
 * Validates an identity document with the typed birth date and sex
 * (idNumber.ts) and returns what the record stores, or throws 422 with one
 * pointer per wrong field. `fallback` fills birth date and sex for documents
 * that do not encode them (the current record on an update).
 */
export function checkIdentity(
  input: { idType: IdType; idNumber: string; birthDate?: string | null; sex?: Sex | null },
  now: Date,
  opts: { enforceAge: boolean; fallback?: { birthDate: string; sex: Sex } },
): Identity {
  const doc = validateIdentityDocument(input.idType, input.idNumber, now);
  if (!doc.ok) {
    const pointer = doc.code === 'elder.id_type.invalid' ? '/body/idType' : '/body/idNumber';
    throw validation([{ pointer, code: doc.code, params: doc.params }]);
  }
  const errors: FieldErrors = crossCheck({
    derived: doc.value,
    typedBirthDate: input.birthDate ?? null,
    typedSex: input.sex ?? null,
  }).map((m) => ({ pointer: `/body/${m.field}`, code: m.code, params: m.params }));
  const birthDate = doc.value.birthDate ?? input.birthDate ?? opts.fallback?.birthDate ?? null;
  const sex = doc.value.sex ?? input.sex ?? opts.fallback?.sex ?? null;
  if (!birthDate) errors.push({ pointer: '/body/birthDate', code: 'elder.birth_date_required' });
  else if (birthDate > todayIso(now))
    errors.push({ pointer: '/body/birthDate', code: 'elder.birth_date_future' });
  if (!sex) errors.push({ pointer: '/body/sex', code: 'elder.sex_required' });
  if (errors.length) throw validation(errors);
  const age = ageOf(birthDate!, now);
  // 《老年人权益保障法》 Art. 2: the registry holds people aged 60 and over.
  if (opts.enforceAge && age < ELDER_MIN_AGE) {
    const pointer = doc.value.birthDate ? '/body/idNumber' : '/body/birthDate';
    throw validation([{ pointer, code: 'elder.under_age', params: { age, minimum: ELDER_MIN_AGE } }]);
  }
  const convertedFrom15 =
    input.idType === 'resident_id' && convert15To18(input.idNumber) === doc.value.normalized;
  return {
    idType: input.idType,
    normalized: doc.value.normalized,
    birthDate: birthDate!,
    sex: sex!,
    age,
    convertedFrom15,
  };
}

/** The number as stored and hashed: normalised, 15-digit resident IDs converted to 18. */
export function normalizedIdNumber(idNumber: string): string {
  return convert15To18(idNumber) ?? normalizeDocumentNumber(idNumber);
}

export interface ManualTagInput {
  code: string;
  validFrom: string;
  validTo?: string | null | undefined;
  note?: string | null | undefined;
}

/** Manual tags: recorded categories only, sane validity, no overlapping periods of one code. */
export function checkManualTags(tags: ManualTagInput[], base: string): void {
  const errors: FieldErrors = [];
  tags.forEach((t, i) => {
    const at = `${base}/${i}`;
    if ((ASSESSMENT_TAGS as readonly string[]).includes(t.code))
      errors.push({ pointer: `${at}/code`, code: 'elder.tag_read_only' });
    else if ((DERIVED_TAGS as readonly string[]).includes(t.code))
      errors.push({ pointer: `${at}/code`, code: 'elder.tag_derived' });
    else if (!(ELDER_TAGS as readonly string[]).includes(t.code))
      errors.push({ pointer: `${at}/code`, code: 'elder.tag_unknown', params: { code: t.code } });
    if (t.validTo && t.validTo < t.validFrom)
      errors.push({ pointer: `${at}/validTo`, code: 'elder.tag_validity' });
  });
  tags.forEach((t, i) => {
    const clash = tags.findIndex(
      (o, j) =>
        j < i &&
        o.code === t.code &&
        o.validFrom <= (t.validTo ?? '9999-12-31') &&
        t.validFrom <= (o.validTo ?? '9999-12-31'),
    );
    if (clash >= 0) errors.push({ pointer: `${base}/${i}/validFrom`, code: 'elder.tag_overlap' });
  });
  if (errors.length) throw validation(errors);
}
