import type { ProviderContractList, ProviderContractView } from '@yiyang/contracts/wire';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { todayIso } from '../../platform/dates.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { findOrganisation } from '../organisation/index.ts';
import { findRegion } from '../region/index.ts';
import { contractRepo, type ContractFull } from './service.contracts.repo.ts';
import { catalogueRepo } from './service.repo.ts';
import { contractNumber, districtOf, regionPrefixRow } from './service.rules.ts';
import type { ContractCreate, ContractTerminate, ContractUpdate } from './service.schema.ts';

type Deps = TransactDeps & { db: Db; now?: () => Date };

/**
 * Provider contracts (购买服务合同): which catalogue items a provider delivers, where and when. Made by the
 * county's or a street's staff (`service:write`) for the regions their scope covers; seen by the staff of
 * the regions served and by the provider.
 */
export class ProviderContracts {
  constructor(private readonly deps: Deps) {}

  private today(): string {
    return todayIso(this.deps.now?.() ?? new Date());
  }

  private async view(c: ContractFull): Promise<ProviderContractView> {
    const names = await Promise.all(c.regionCodes.map((code) => findRegion(this.deps.db, code)));
    const today = this.today();
    return {
      id: c.id,
      organisationId: c.organisationId,
      organisationName: c.organisationName,
      districtCode: c.districtCode,
      number: c.number,
      regionCodes: c.regionCodes,
      regionNames: names.map((r, i) => r?.name ?? c.regionCodes[i]!),
      itemCodes: c.itemCodes,
      validFrom: c.validFrom,
      validTo: c.validTo,
      terminatedAt: c.terminatedAt?.toISOString() ?? null,
      terminationReason: c.terminationReason,
      current: c.validFrom <= today && c.validTo >= today,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
    };
  }

  async list(
    auth: AuthContext,
    f: { organisationId?: string; onDate?: string; itemCode?: string },
  ): Promise<ProviderContractList> {
    const rows = await contractRepo(this.deps.db).list(auth.scope, f);
    return { items: await Promise.all(rows.map((c) => this.view(c))) };
  }

  private async find(auth: AuthContext, id: string): Promise<ContractFull> {
    const c = await contractRepo(this.deps.db).findInScope(auth.scope, id);
    if (!c) throw notFound('service.contract_not_found');
    return c;
  }

  async get(auth: AuthContext, id: string): Promise<ProviderContractView> {
    return this.view(await this.find(auth, id));
  }

  /** The regions (one district, each covered by the caller) and items (in that district's catalogue). */
  private async checkParts(auth: AuthContext, db: Executor, regionCodes: string[], itemCodes: string[]) {
    const district = districtOf(regionCodes[0]!);
    for (const [i, code] of regionCodes.entries()) {
      if (districtOf(code) !== district || !(await findRegion(db, code)))
        throw invalidField(`/body/regionCodes/${i}`, 'service.region_not_in_district');
      assertCovers(auth, { regionCode: code }, `/body/regionCodes/${i}`);
    }
    const known = await catalogueRepo(db).existingCodes(district, itemCodes);
    const missing = itemCodes.findIndex((c) => !known.has(c));
    if (missing >= 0)
      throw invalidField(`/body/itemCodes/${missing}`, 'service.item_not_in_district', {
        code: itemCodes[missing],
      });
    return district;
  }

  async create(auth: AuthContext, actor: Actor, input: ContractCreate): Promise<ProviderContractView> {
    const org = await findOrganisation(this.deps.db, input.organisationId);
    if (!org) throw invalidField('/body/organisationId', 'organisation.not_found');
    if (org.type !== 'provider') throw invalidField('/body/organisationId', 'service.not_a_provider');
    if (org.status !== 'active') throw invalidField('/body/organisationId', 'service.provider_inactive');
    if (input.validTo < input.validFrom) throw invalidField('/body/validTo', 'service.dates_order');
    const regionCodes = [...new Set(input.regionCodes)];
    const itemCodes = [...new Set(input.itemCodes)];
    const district = await this.checkParts(auth, this.deps.db, regionCodes, itemCodes);
    const id = await transact(this.deps, actor, async (tx, uow) => {
      const repo = contractRepo(tx);
      const year = Number(input.validFrom.slice(0, 4));
      const number = input.number ?? contractNumber(year, (await repo.countInDistrict(district)) + 1);
      const c = await repo.insert(
        {
          organisationId: org.id,
          districtCode: district,
          number,
          validFrom: input.validFrom,
          validTo: input.validTo,
          createdBy: actor.userId,
        },
        regionCodes.map(regionPrefixRow),
        itemCodes,
      );
      uow.audit({
        action: 'service.contract_create',
        entityType: 'provider_contract',
        entityId: c.id,
        regionCode: regionCodes.length === 1 ? regionCodes[0]! : district,
        organisationId: org.id,
        summary: `与${org.name}签订服务合同 ${number}（${itemCodes.length} 项，${input.validFrom}—${input.validTo}）`,
        detail: { regionCodes, itemCodes, validFrom: input.validFrom, validTo: input.validTo },
      });
      return c.id;
    });
    return this.get(auth, id);
  }

  async update(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: ContractUpdate,
  ): Promise<ProviderContractView> {
    const c = await this.find(auth, id);
    for (const code of c.regionCodes) assertCovers(auth, { regionCode: code });
    if (c.version !== input.version) throw conflict('common.conflict', undefined, '/body/version');
    if (c.terminatedAt) throw conflict('service.contract_terminated');
    const validFrom = input.validFrom ?? c.validFrom;
    const validTo = input.validTo ?? c.validTo;
    if (validTo < validFrom) throw invalidField('/body/validTo', 'service.dates_order');
    const regionCodes = input.regionCodes ? [...new Set(input.regionCodes)] : c.regionCodes;
    const itemCodes = input.itemCodes ? [...new Set(input.itemCodes)] : c.itemCodes;
    const district = await this.checkParts(auth, this.deps.db, regionCodes, itemCodes);
    if (district !== c.districtCode)
      throw invalidField('/body/regionCodes/0', 'service.region_not_in_district');
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = contractRepo(tx);
      const row = await repo.update(c.id, c.version, { validFrom, validTo });
      if (!row) throw conflict('common.conflict', undefined, '/body/version');
      await repo.replaceParts(c.id, regionCodes.map(regionPrefixRow), itemCodes);
      uow.audit({
        action: 'service.contract_update',
        entityType: 'provider_contract',
        entityId: c.id,
        regionCode: regionCodes.length === 1 ? regionCodes[0]! : c.districtCode,
        organisationId: c.organisationId,
        summary: `修改服务合同 ${c.number}`,
        detail: { regionCodes, itemCodes, validFrom, validTo },
      });
    });
    return this.get(auth, id);
  }

  /** Ends a contract early: its last day becomes `effectiveOn` (never later than it was). */
  async terminate(auth: AuthContext, actor: Actor, id: string, input: ContractTerminate) {
    const c = await this.find(auth, id);
    for (const code of c.regionCodes) assertCovers(auth, { regionCode: code });
    if (c.version !== input.version) throw conflict('common.conflict', undefined, '/body/version');
    if (c.terminatedAt) throw conflict('service.contract_terminated');
    if (input.effectiveOn < c.validFrom) throw invalidField('/body/effectiveOn', 'service.dates_order');
    const validTo = input.effectiveOn < c.validTo ? input.effectiveOn : c.validTo;
    await transact(this.deps, actor, async (tx, uow) => {
      const row = await contractRepo(tx).update(c.id, c.version, {
        validTo,
        terminatedAt: this.deps.now?.() ?? new Date(),
        terminationReason: input.reason,
      });
      if (!row) throw conflict('common.conflict', undefined, '/body/version');
      uow.audit({
        action: 'service.contract_terminate',
        entityType: 'provider_contract',
        entityId: c.id,
        regionCode: c.regionCodes.length === 1 ? c.regionCodes[0]! : c.districtCode,
        organisationId: c.organisationId,
        summary: `终止服务合同 ${c.number}（最后一日 ${validTo}）`,
        reason: input.reason,
      });
    });
    return this.get(auth, id);
  }
}
