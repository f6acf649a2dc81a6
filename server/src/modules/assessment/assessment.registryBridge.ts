import type { StandardCode } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { conflict, DomainError, notFound } from '../../platform/errors.ts';
import { maskName } from '../../platform/masking.ts';
import { transact } from '../../platform/uow.ts';
import type { AssessmentDeps } from './assessment.deps.ts';
import type { AssessmentQueries } from './assessment.queries.ts';
import type { AssessmentRow } from './assessment.repo.ts';
import type { ApplyInput } from './assessment.schema.ts';
import { standardOf } from './assessment.views.ts';
import { type ElderService, findElder, findElderInScope, hasValidCnIdChecksum } from '../elder/index.ts';

/**
 * Appendix A fields that mirror the registry (GB/T 42195-2022 A.2): prefilled from it, and written
 * back only on confirmation through the elder service (so the change is versioned).
 */
const REGISTRY_FIELDS: Partial<Record<StandardCode, Record<string, RegistryField>>> = {
  'GB/T 42195-2022': {
    'A.2.1': 'name',
    'A.2.2': 'sex',
    'A.2.3': 'birthDate',
    'A.2.6': 'ethnicity',
    'A.2.8': 'idNumber',
    'A.2.9': 'education',
    'A.2.11': 'maritalStatus',
  },
};
type RegistryField = 'name' | 'sex' | 'birthDate' | 'ethnicity' | 'idNumber' | 'education' | 'maritalStatus';
// Registry education codes ↔ A.2.9 options.
const EDUCATION_TO_FORM: Record<string, string> = {
  none: 'illiterate',
  primary: 'primary',
  junior_secondary: 'junior_high',
  senior_secondary: 'senior_high',
  college: 'college_plus',
  bachelor_or_above: 'college_plus',
};
const EDUCATION_FROM_FORM: Record<string, string> = {
  illiterate: 'none',
  primary: 'primary',
  junior_high: 'junior_secondary',
  senior_high: 'senior_secondary',
  college_plus: 'college',
};

const fieldsOf = (a: AssessmentRow) => REGISTRY_FIELDS[a.standardCode as StandardCode] ?? {};
const formField = (a: AssessmentRow, pick: (code: string) => boolean) =>
  standardOf(a)
    .basicInfoForm.flatMap((x) => x.fields)
    .find((f) => pick(f.code));

/** Appendix A ↔ the elder registry: prefill from it, confirmed values back to it. */
export class AssessmentRegistryBridge {
  constructor(
    private readonly deps: AssessmentDeps,
    private readonly queries: AssessmentQueries,
  ) {}

  /** Appendix A prefilled from the registry: decrypted values, the full read audited. */
  async prefill(auth: AuthContext, actor: Actor, id: string) {
    const { a } = await this.queries.current(auth, id);
    const elder = (await findElder(this.deps.db, a.elderId))!;
    const p = this.deps.elders.plain(elder);
    const map = fieldsOf(a);
    const ethnicity = formField(a, (code) => map[code] === 'ethnicity');
    const basicInfo: Record<string, unknown> = {};
    for (const [code, field] of Object.entries(map)) {
      const v =
        field === 'education'
          ? p.education && EDUCATION_TO_FORM[p.education]
          : field === 'ethnicity'
            ? ethnicity?.options?.find((o) => o.zh === p.ethnicity || o.zh === `${p.ethnicity}族`)?.value
            : field === 'idNumber' && !hasValidCnIdChecksum(p.idNumber)
              ? null // A.2.8 is a 公民身份号码; a passport or other document stays in the registry
              : p[field];
      if (v !== null && v !== undefined) basicInfo[code] = v;
    }
    await transact(this.deps, actor, async (_tx, uow) => {
      uow.audit({
        action: 'assessment.prefill',
        entityType: 'elder',
        entityId: elder.id,
        regionCode: elder.regionCode,
        organisationId: elder.organisationId,
        summary: `评估表基本信息从档案预填（老人 ${maskName(elder.name)}）`,
        detail: { assessmentId: id, fields: Object.keys(basicInfo) },
      });
    });
    return { elderId: elder.id, elderVersion: elder.version, basicInfo };
  }

  /** The registry value of Appendix A field `code` (`field` of the registry), or undefined. */
  private registryValue(a: AssessmentRow, code: string, field: RegistryField): unknown {
    const raw = a.basicInfo[code];
    if (field === 'education') return typeof raw === 'string' ? EDUCATION_FROM_FORM[raw] : undefined;
    if (field === 'ethnicity')
      return formField(a, (c) => c === code)?.options?.find((o) => o.value === raw)?.zh;
    if (field === 'maritalStatus' && raw === 'unspecified') return undefined;
    return raw;
  }

  /** Confirmed Appendix A values flow back through the elder service (versioned, audited there). */
  async applyBasicInfo(auth: AuthContext, actor: Actor, id: string, input: ApplyInput) {
    const { a } = await this.queries.current(auth, id);
    const map = fieldsOf(a);
    const update: Record<string, unknown> = {};
    input.fields.forEach((code, i) => {
      const field = map[code];
      const pointer = `/body/fields/${i}`;
      if (!field)
        throw new DomainError('common.validation', {
          status: 422,
          errors: [{ pointer, code: 'assessment.basic_info_field_unknown', params: { field: code } }],
        });
      const v = this.registryValue(a, code, field);
      if (v === undefined || v === null || v === '')
        throw new DomainError('common.validation', {
          status: 422,
          errors: [{ pointer, code: 'assessment.basic_info_empty', params: { field: code } }],
        });
      update[field] = v;
    });
    const cur = await findElderInScope(this.deps.db, auth.scope, a.elderId);
    if (!cur) throw notFound('elder.not_found');
    if (input.elderVersion !== undefined && input.elderVersion !== cur.elder.version)
      throw conflict('common.conflict', {}, '/body/elderVersion');
    const e = await this.deps.elders.update(auth, actor, a.elderId, {
      ...update,
      version: cur.elder.version,
      reason: input.reason ?? '能力评估基本信息核对',
    } as Parameters<ElderService['update']>[3]);
    return { elderId: a.elderId, elderVersion: e.version, applied: input.fields };
  }
}
