import {
  ELDER_PAY_CATEGORIES,
  NO_PHOTO_SUB_ITEMS,
  SERVICE_CATEGORY_LABELS,
  SERVICE_SUB_ITEMS,
  SERVICE_SUB_ITEM_LABELS,
  type PayRule,
  type ServiceCategory,
  type ServiceSubItem,
} from '@yiyang/contracts';
import type {
  CategoryPay,
  ElderPriceList,
  ServiceItemDetail,
  ServiceItemList,
  ServiceItemView,
} from '@yiyang/contracts/wire';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { conflict, invalidField, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { findElder, findElderInScope } from '../elder/index.ts';
import { findOrganisation } from '../organisation/index.ts';
import { findRegion } from '../region/index.ts';
import { pricingFactsOf } from './service.facts.ts';
import { elderShareUnder, payCategoriesOf, priceFor } from './service.pricing.ts';
import { catalogueRepo, type ServiceItemRow } from './service.repo.ts';
import { districtOf, isDistrictCode } from './service.rules.ts';
import type { ServiceItemCreate, ServiceItemQuery, ServiceItemUpdate } from './service.schema.ts';

type Deps = TransactDeps & { db: Db; now?: () => Date };

/** What every elder category pays for an item (a category without a rule pays as `general`). */
export function paysOf(item: Pick<ServiceItemRow, 'priceCents' | 'payRules'>): CategoryPay[] {
  const general: PayRule = item.payRules.general ?? { kind: 'full' };
  return ELDER_PAY_CATEGORIES.map((category) => {
    const rule = item.payRules[category] ?? general;
    return { category, rule, elderShareCents: elderShareUnder(rule, item.priceCents) };
  });
}

export function itemView(r: ServiceItemRow): ServiceItemView {
  return {
    id: r.id,
    districtCode: r.districtCode,
    code: r.code,
    category: r.category as ServiceCategory,
    subItem: r.subItem as ServiceSubItem,
    name: r.name,
    nameEn: r.nameEn,
    description: r.description,
    unit: r.unit as ServiceItemView['unit'],
    durationMinutes: r.durationMinutes,
    priceCents: r.priceCents,
    requiredCredentials: r.requiredCredentials,
    photosAllowed: r.photosAllowed,
    payRules: r.payRules,
    pays: paysOf(r),
    validFrom: r.validFrom,
    validTo: r.validTo,
    previousId: r.previousId,
    version: r.version,
  };
}

/** Rules of an item's fields that the schema cannot state (RFC 9457 pointers into the body). */
function checkItem(f: {
  category?: string;
  subItem?: string;
  validFrom?: string;
  validTo?: string | null;
  photosAllowed?: boolean;
}): void {
  if (
    f.category &&
    f.subItem &&
    !(SERVICE_SUB_ITEMS[f.category as ServiceCategory] as readonly string[]).includes(f.subItem)
  )
    throw invalidField('/body/subItem', 'service.sub_item_category', {
      subItem: SERVICE_SUB_ITEM_LABELS[f.subItem as ServiceSubItem],
      category: SERVICE_CATEGORY_LABELS[f.category as ServiceCategory],
    });
  if (f.validFrom && f.validTo && f.validTo < f.validFrom)
    throw invalidField('/body/validTo', 'service.dates_order');
  if (f.photosAllowed && f.subItem && NO_PHOTO_SUB_ITEMS.includes(f.subItem as ServiceSubItem))
    throw invalidField('/body/photosAllowed', 'service.photos_never');
}

/**
 * The district catalogue (服务清单): published to everyone, edited by the county's staff. A change of money
 * (price, pay rules, unit, duration) is a new version from an effective date; the old one ends the day before.
 */
export class ServiceCatalogue {
  constructor(private readonly deps: Deps) {}

  private today(): string {
    return todayIso(this.deps.now?.() ?? new Date());
  }

  /** The published catalogue of a district on a day (no sign-in). */
  async published(q: {
    district: string;
    category?: ServiceCategory;
    onDate?: string;
  }): Promise<ServiceItemList> {
    if (!isDistrictCode(q.district)) throw invalidField('/query/district', 'service.not_a_district');
    return this.listOf(q.district, { category: q.category, onDate: q.onDate ?? this.today() });
  }

  /** The districts with a published catalogue, with their names (the public page's choice). */
  async publishedDistricts(): Promise<{ items: { code: string; name: string }[] }> {
    const codes = await catalogueRepo(this.deps.db).districts();
    const regions = await Promise.all(codes.map((c) => findRegion(this.deps.db, c)));
    return { items: codes.map((code, i) => ({ code, name: regions[i]?.name ?? code })) };
  }

  private async listOf(
    districtCode: string,
    f: { category?: ServiceCategory; onDate: string | null },
  ): Promise<ServiceItemList> {
    const rows = await catalogueRepo(this.deps.db).list({
      districtCode,
      category: f.category,
      onDate: f.onDate ?? undefined,
    });
    const region = await findRegion(this.deps.db, districtCode);
    return { districtCode, districtName: region?.name ?? null, onDate: f.onDate, items: rows.map(itemView) };
  }

  /** The caller's district: their region's county, their organisation's, or their (related) elder's. */
  private async districtOfCaller(auth: AuthContext): Promise<string> {
    if (auth.regionCode) return districtOf(auth.regionCode);
    if (auth.organisationId) {
      const org = await findOrganisation(this.deps.db, auth.organisationId);
      if (org) return districtOf(org.regionCode);
    }
    const related = auth.relations[0];
    const elder = related ? await findElder(this.deps.db, related.elderId) : undefined;
    if (elder) return districtOf(elder.regionCode);
    throw invalidField('/query/district', 'service.not_a_district');
  }

  /** The catalogue for signed-in users (staff, elders, families): their district unless one is named. */
  async list(auth: AuthContext, q: ServiceItemQuery): Promise<ServiceItemList> {
    const district = q.district ?? (await this.districtOfCaller(auth));
    if (!isDistrictCode(district)) throw invalidField('/query/district', 'service.not_a_district');
    const onDate = q.history === 'true' ? null : (q.onDate ?? this.today());
    return this.listOf(district, { category: q.category, onDate });
  }

  async get(id: string): Promise<ServiceItemDetail> {
    const repo = catalogueRepo(this.deps.db);
    const item = await repo.findById(id);
    if (!item) throw notFound('service.item_not_found');
    const versions = await repo.versionsOf(item.districtCode, item.code);
    return {
      ...itemView(item),
      versions: versions.map((v) => ({
        id: v.id,
        validFrom: v.validFrom,
        validTo: v.validTo,
        priceCents: v.priceCents,
      })),
    };
  }

  /** The district's items priced for one elder on a day: what they will pay before ordering. */
  async pricesFor(auth: AuthContext, q: { elderId: string; onDate?: string }): Promise<ElderPriceList> {
    const found = await findElderInScope(this.deps.db, auth.scope, q.elderId);
    if (!found) throw notFound('elder.not_found');
    const { elder } = found;
    const onDate = q.onDate ?? this.today();
    const districtCode = districtOf(elder.regionCode);
    const facts = await pricingFactsOf(this.deps.db, elder.id, onDate);
    const rows = await catalogueRepo(this.deps.db).list({ districtCode, onDate });
    return {
      elderId: elder.id,
      districtCode,
      onDate,
      categories: payCategoriesOf(facts, onDate),
      items: rows.map((r) => {
        const { priceCents, elderShareCents, fundingSource, payCategory } = priceFor(r, facts, onDate);
        return { item: itemView(r), priceCents, elderShareCents, fundingSource, payCategory };
      }),
    };
  }

  async create(auth: AuthContext, actor: Actor, input: ServiceItemCreate): Promise<ServiceItemView> {
    if (!isDistrictCode(input.districtCode))
      throw invalidField('/body/districtCode', 'service.not_a_district');
    assertCovers(auth, { regionCode: input.districtCode }, '/body/districtCode');
    checkItem(input);
    const repo = catalogueRepo(this.deps.db);
    if ((await repo.existingCodes(input.districtCode, [input.code])).size)
      throw conflict('service.code_taken', { code: input.code }, '/body/code');
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const r = await catalogueRepo(tx).insert({
        ...input,
        description: input.description ?? null,
        validTo: input.validTo ?? null,
        createdBy: actor.userId,
      });
      uow.audit({
        action: 'service.item_create',
        entityType: 'service_item',
        entityId: r.id,
        regionCode: r.districtCode,
        summary: `服务清单新增 ${r.code} ${r.name}`,
        detail: { code: r.code, priceCents: r.priceCents, validFrom: r.validFrom },
      });
      return r;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('service.code_taken', { code: input.code }, '/body/code');
      throw err;
    });
    return itemView(row);
  }

  async update(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: ServiceItemUpdate,
  ): Promise<ServiceItemView> {
    const repo = catalogueRepo(this.deps.db);
    const item = await repo.findById(id);
    if (!item) throw notFound('service.item_not_found');
    assertCovers(auth, { regionCode: item.districtCode });
    if (item.version !== input.version) throw conflict('common.conflict', undefined, '/body/version');
    const money = ['unit', 'durationMinutes', 'priceCents', 'payRules'].some(
      (k) => input[k as keyof ServiceItemUpdate] !== undefined,
    );
    const { version: _v, effectiveFrom, ...fields } = input;
    checkItem({
      subItem: item.subItem,
      validFrom: effectiveFrom ?? item.validFrom,
      validTo: fields.validTo,
      photosAllowed: fields.photosAllowed,
    });
    if (money || effectiveFrom) return this.newVersion(actor, item, fields, effectiveFrom);
    return this.editInPlace(actor, item, fields);
  }

  private async editInPlace(
    actor: Actor,
    item: ServiceItemRow,
    fields: Omit<ServiceItemUpdate, 'version' | 'effectiveFrom'>,
  ) {
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const r = await catalogueRepo(tx).update(item.id, item.version, fields);
      if (!r) throw conflict('common.conflict', undefined, '/body/version');
      uow.audit({
        action: 'service.item_update',
        entityType: 'service_item',
        entityId: r.id,
        regionCode: r.districtCode,
        summary: `服务清单修改 ${r.code} ${r.name}`,
        detail: { fields: Object.keys(fields) },
      });
      return r;
    });
    return itemView(row);
  }

  /** A new version from `effectiveFrom`; the current one (which must be the latest) ends the day before. */
  private async newVersion(
    actor: Actor,
    item: ServiceItemRow,
    fields: Omit<ServiceItemUpdate, 'version' | 'effectiveFrom'>,
    effectiveFrom: string | undefined,
  ): Promise<ServiceItemView> {
    if (!effectiveFrom) throw invalidField('/body/effectiveFrom', 'service.effective_from_required');
    const versions = await catalogueRepo(this.deps.db).versionsOf(item.districtCode, item.code);
    if (versions.at(-1)?.id !== item.id)
      throw conflict('service.not_latest_version', undefined, '/body/version');
    if (effectiveFrom <= item.validFrom)
      throw invalidField('/body/effectiveFrom', 'service.effective_from_order', {
        validFrom: item.validFrom,
      });
    const validTo = fields.validTo === undefined ? item.validTo : fields.validTo;
    if (validTo && validTo < effectiveFrom) throw invalidField('/body/validTo', 'service.dates_order');
    const dayBefore = addDays(effectiveFrom, -1);
    const closedTo = item.validTo && item.validTo < dayBefore ? item.validTo : dayBefore;
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const repo = catalogueRepo(tx);
      const closed = await repo.update(item.id, item.version, { validTo: closedTo });
      if (!closed) throw conflict('common.conflict', undefined, '/body/version');
      const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = item;
      const r = await repo.insert({
        ...rest,
        ...fields,
        validFrom: effectiveFrom,
        validTo,
        previousId: item.id,
        createdBy: actor.userId,
      });
      uow.audit({
        action: 'service.item_version',
        entityType: 'service_item',
        entityId: r.id,
        regionCode: r.districtCode,
        summary: `服务清单 ${r.code} 自 ${effectiveFrom} 起新版本（${item.priceCents / 100} → ${r.priceCents / 100} 元）`,
        detail: { previousId: item.id, effectiveFrom, fromCents: item.priceCents, toCents: r.priceCents },
      });
      return r;
    });
    return itemView(row);
  }
}
