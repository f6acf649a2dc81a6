import { isInRegion, type AgreementSigner, type AgreementStatus } from '@yiyang/contracts';
import type { ServiceAgreementList, ServiceAgreementView } from '@yiyang/contracts/wire';
import { assertCovers, covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { todayIso } from '../../platform/dates.ts';
import { conflict, invalidField, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { maskName } from '../../platform/masking.ts';
import { transition } from '../../platform/transition.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { findElder, INACTIVE_STATUSES, type ElderRow } from '../elder/index.ts';
import { findOrganisation } from '../organisation/index.ts';
import { findRegion } from '../region/index.ts';
import { AGREEMENT_MACHINE, agreementRefused } from './service.agreement.machine.ts';
import { agreementPdf } from './service.agreement.print.ts';
import { agreementRepo, contractRepo, type AgreementRow } from './service.contracts.repo.ts';
import { catalogueRepo } from './service.repo.ts';
import { agreementNumber, districtOf } from './service.rules.ts';
import type { AgreementCreate, AgreementEnd, AgreementSign, AgreementUpdate } from './service.schema.ts';

type Deps = TransactDeps & { db: Db; cipher: FieldCipher; now?: () => Date };

/**
 * Service agreements (服务协议, GB/T 43153: 咨询接待 → 评估 → 签订协议 → 服务) between an elder (or their
 * guardian) and a provider, for items the provider is contracted for where the elder lives. Drafted and
 * recorded by the staff covering the elder's community or by the provider; seen also by the elder and
 * consenting family (relationship scope).
 */
export class ServiceAgreements {
  constructor(private readonly deps: Deps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async view(a: AgreementRow): Promise<ServiceAgreementView> {
    const db = this.deps.db;
    const [elder, org, region] = await Promise.all([
      findElder(db, a.elderId),
      findOrganisation(db, a.organisationId),
      findRegion(db, a.regionCode),
    ]);
    const district = districtOf(a.regionCode);
    const items = await Promise.all(
      a.itemCodes.map(async (code) => {
        const row =
          (await catalogueRepo(db).findByCodeOn(district, code, a.validFrom)) ??
          (await catalogueRepo(db).versionsOf(district, code)).at(-1);
        return { code, name: row?.name ?? code, nameEn: row?.nameEn ?? code };
      }),
    );
    return {
      id: a.id,
      number: a.number,
      elderId: a.elderId,
      elderNameMasked: elder ? (elder.nameMasked ?? maskName(elder.name)) : '',
      organisationId: a.organisationId,
      organisationName: org?.name ?? '',
      regionCode: a.regionCode,
      regionName: region?.name ?? null,
      status: a.status as AgreementStatus,
      items,
      validFrom: a.validFrom,
      validTo: a.validTo,
      notes: a.notes,
      signerKind: a.signerKind as AgreementSigner | null,
      signerNameMasked: a.signerName ? maskName(a.signerName) : null,
      signerRelationship: a.signerRelationship,
      signedAt: a.signedAt?.toISOString() ?? null,
      endedAt: a.endedAt?.toISOString() ?? null,
      endReason: a.endReason,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
    };
  }

  async list(
    auth: AuthContext,
    f: { elderId?: string; organisationId?: string; status?: string },
  ): Promise<ServiceAgreementList> {
    const rows = await agreementRepo(this.deps.db).list(auth.scope, { ...f, limit: 200 });
    return { items: await Promise.all(rows.map((a) => this.view(a))) };
  }

  /** The agreement when it lies in the caller's scope (staff, provider, the elder, consenting family). */
  async find(auth: AuthContext, id: string): Promise<AgreementRow> {
    const a = await agreementRepo(this.deps.db).findInScope(auth.scope, id);
    if (!a) throw notFound('service.agreement_not_found');
    return a;
  }

  async get(auth: AuthContext, id: string): Promise<ServiceAgreementView> {
    return this.view(await this.find(auth, id));
  }

  /** The agreement as a PDF to print and sign (each print audited). */
  pdf(auth: AuthContext, actor: Actor, id: string): Promise<Buffer> {
    return agreementPdf(this.deps, this, auth, actor, id);
  }

  /** For a command: in scope, and the caller acts as staff of the community or as the provider. */
  private async forCommand(auth: AuthContext, id: string, version: number): Promise<AgreementRow> {
    const a = await this.find(auth, id);
    assertCovers(auth, { regionCode: a.regionCode, organisationId: a.organisationId });
    if (a.version !== version) throw conflict('common.conflict', undefined, '/body/version');
    return a;
  }

  /**
   * The elder the agreement is for: staff must cover their community; a provider may draft one for an elder
   * of an area it is contracted in. Anyone else learns nothing (404).
   */
  private async elderFor(auth: AuthContext, elderId: string, organisationId: string): Promise<ElderRow> {
    const elder = await findElder(this.deps.db, elderId);
    const asStaff = elder && covers(auth.scope, { regionCode: elder.regionCode });
    const asProvider =
      elder &&
      auth.organisationId === organisationId &&
      (
        await contractRepo(this.deps.db).list(auth.scope, { organisationId, onDate: todayIso(this.now()) })
      ).some((c) => c.regionCodes.some((r) => isInRegion(elder.regionCode, r)));
    if (!elder || (!asStaff && !asProvider)) throw notFound('elder.not_found');
    if (INACTIVE_STATUSES.includes(elder.status as (typeof INACTIVE_STATUSES)[number]))
      throw invalidField('/body/elderId', 'service.elder_inactive');
    return elder;
  }

  /** The provider, and each item in the elder's district catalogue and contracted there on `onDate`. */
  private async checkItems(
    db: Executor,
    elder: ElderRow,
    organisationId: string,
    codes: string[],
    onDate: string,
  ) {
    const org = await findOrganisation(db, organisationId);
    if (!org) throw invalidField('/body/organisationId', 'organisation.not_found');
    if (org.type !== 'provider') throw invalidField('/body/organisationId', 'service.not_a_provider');
    if (org.status !== 'active') throw invalidField('/body/organisationId', 'service.provider_inactive');
    const district = districtOf(elder.regionCode);
    const known = await catalogueRepo(db).existingCodes(district, codes);
    for (const [i, code] of codes.entries()) {
      if (!known.has(code))
        throw invalidField(`/body/itemCodes/${i}`, 'service.item_not_in_district', { code });
      const providers = await contractRepo(db).contractedFor({
        districtCode: district,
        regionCode: elder.regionCode,
        itemCode: code,
        onDate,
      });
      if (!providers.some((p) => p.organisationId === organisationId))
        throw invalidField(`/body/itemCodes/${i}`, 'service.item_not_contracted', { code });
    }
  }

  async create(auth: AuthContext, actor: Actor, input: AgreementCreate): Promise<ServiceAgreementView> {
    const elder = await this.elderFor(auth, input.elderId, input.organisationId);
    if (input.validTo && input.validTo < input.validFrom)
      throw invalidField('/body/validTo', 'service.dates_order');
    const itemCodes = [...new Set(input.itemCodes)];
    await this.checkItems(this.deps.db, elder, input.organisationId, itemCodes, input.validFrom);
    const now = this.now();
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const repo = agreementRepo(tx);
      const prefix = agreementNumber(now, 0).slice(0, -4);
      const a = await repo.insert({
        number: agreementNumber(now, (await repo.countNumbered(prefix)) + 1),
        elderId: elder.id,
        organisationId: input.organisationId,
        regionCode: elder.regionCode,
        status: 'draft',
        itemCodes,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        notes: input.notes ?? null,
        createdBy: actor.userId,
      });
      uow.audit({
        action: 'service.agreement_create',
        entityType: 'service_agreement',
        entityId: a.id,
        regionCode: a.regionCode,
        organisationId: a.organisationId,
        summary: `草拟服务协议 ${a.number}（${itemCodes.length} 项）`,
        detail: { elderId: a.elderId, itemCodes, validFrom: a.validFrom, validTo: a.validTo },
      });
      return a;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('common.conflict');
      throw err;
    });
    return this.view(row);
  }

  async update(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: AgreementUpdate,
  ): Promise<ServiceAgreementView> {
    const a = await this.forCommand(auth, id, input.version);
    if (a.status !== 'draft') throw agreementRefused(a);
    const validFrom = input.validFrom ?? a.validFrom;
    const validTo = input.validTo === undefined ? a.validTo : input.validTo;
    if (validTo && validTo < validFrom) throw invalidField('/body/validTo', 'service.dates_order');
    const itemCodes = input.itemCodes ? [...new Set(input.itemCodes)] : a.itemCodes;
    const elder = (await findElder(this.deps.db, a.elderId))!;
    await this.checkItems(this.deps.db, elder, a.organisationId, itemCodes, validFrom);
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const r = await agreementRepo(tx).update(a.id, a.version, {
        itemCodes,
        validFrom,
        validTo,
        notes: input.notes === undefined ? a.notes : input.notes,
      });
      if (!r) throw conflict('common.conflict', undefined, '/body/version');
      uow.audit({
        action: 'service.agreement_update',
        entityType: 'service_agreement',
        entityId: a.id,
        regionCode: a.regionCode,
        organisationId: a.organisationId,
        summary: `修改服务协议草稿 ${a.number}`,
        detail: { itemCodes, validFrom, validTo },
      });
      return r;
    });
    return this.view(row);
  }

  /** Records the signature of the elder or of a guardian/agent (named), and who recorded it. */
  async sign(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: AgreementSign,
  ): Promise<ServiceAgreementView> {
    const a = await this.forCommand(auth, id, input.version);
    if (input.signerKind === 'guardian' && !input.signerName)
      throw invalidField('/body/signerName', 'service.signer_name_required');
    const now = this.now();
    const row = await transact(this.deps, actor, (tx, uow) =>
      transition({ tx, uow, actor, now }, AGREEMENT_MACHINE, a.id, 'sign', (locked) => ({
        patch: {
          signerKind: input.signerKind,
          signerName: input.signerName ?? null,
          signerRelationship: input.signerRelationship ?? null,
          signedAt: now,
          signedBy: actor.userId,
          version: locked.version + 1,
        },
        audit: {
          summary: `签订服务协议 ${a.number}（${input.signerKind === 'elder' ? '本人' : '监护人/代理人'}签字）`,
        },
        payload: { id: a.id, elderId: a.elderId, organisationId: a.organisationId },
      })),
    );
    return this.view(row);
  }

  /** Ends the agreement (its last day is `endedOn`, today by default, never later than it was). */
  async end(auth: AuthContext, actor: Actor, id: string, input: AgreementEnd): Promise<ServiceAgreementView> {
    const a = await this.forCommand(auth, id, input.version);
    const now = this.now();
    const endedOn = input.endedOn ?? todayIso(now);
    if (endedOn < a.validFrom && a.status === 'signed')
      throw invalidField('/body/endedOn', 'service.dates_order');
    const row = await transact(this.deps, actor, (tx, uow) =>
      transition({ tx, uow, actor, now }, AGREEMENT_MACHINE, a.id, 'end', (locked) => ({
        patch: {
          // A signed agreement's last day moves to `endedOn`; an abandoned draft keeps its dates.
          validTo:
            locked.status === 'draft' || (locked.validTo && locked.validTo < endedOn)
              ? locked.validTo
              : endedOn,
          endedAt: now,
          endReason: input.reason,
          version: locked.version + 1,
        },
        audit: { summary: `终止服务协议 ${a.number}`, reason: input.reason },
        payload: { id: a.id, elderId: a.elderId, organisationId: a.organisationId },
      })),
    );
    return this.view(row);
  }
}
