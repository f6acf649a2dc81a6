/**
 * The service module's public surface (docs/modules.md, "Public surfaces"): the district catalogue
 * (服务清单), the one price function, provider contracts and service agreements, for the order module and
 * later the subsidy module.
 */
import type { Executor } from '../../platform/db.ts';
import type { ServiceItemRow } from './service.repo.ts';
import { activeAgreementsWith, agreementRepo, contractRepo } from './service.contracts.repo.ts';
import { catalogueRepo, findItemVersionOn } from './service.repo.ts';
import { districtOf } from './service.rules.ts';

/** @public The catalogue row the order module keeps (seam for `order`). */
export type { ServiceItemRow } from './service.repo.ts';
/** @public What `priceFor` returns (seam for `order`). */
export type { Price } from './service.pricing.ts';
/** @public What `pricingFactsOf` returns and `priceFor` reads (seam for `order`, later `subsidy`). */
export type { PricingFacts } from './service.pricing.ts';
export { priceFor } from './service.pricing.ts';
export { pricingFactsOf } from './service.facts.ts';

/** The catalogue item version with this id (any district, any dates). */
export const findServiceItem = async (db: Executor, id: string) =>
  (await catalogueRepo(db).findById(id)) ?? null;

/** The version of this item (same district and code) valid on `onDate`: the one to price a visit on that day. */
export async function serviceItemOn(db: Executor, id: string, onDate: string) {
  return (await findItemVersionOn(db, id, onDate)) ?? null;
}

/** An item as the contract and agreement reads take it: by id, or the row already read (one read less). */
type ItemRef = { itemId: string } | { item: Pick<ServiceItemRow, 'districtCode' | 'code'> };
const itemOf = async (db: Executor, q: ItemRef) =>
  'item' in q ? q.item : ((await catalogueRepo(db).findById(q.itemId)) ?? null);

/** Providers contracted for this item in this region (an elder's community) on this date. */
export async function contractedProviders(
  db: Executor,
  q: { regionCode: string; onDate: string } & ItemRef,
): Promise<{ organisationId: string; name: string }[]> {
  const item = await itemOf(db, q);
  if (!item || districtOf(q.regionCode) !== item.districtCode) return [];
  return contractRepo(db).contractedFor({
    districtCode: item.districtCode,
    regionCode: q.regionCode,
    itemCode: item.code,
    onDate: q.onDate,
  });
}

/** Is this provider contracted for this item in this region on this date? */
export async function isContracted(
  db: Executor,
  q: { organisationId: string; regionCode: string; itemId: string; onDate: string },
): Promise<boolean> {
  return (await contractedProviders(db, q)).some((p) => p.organisationId === q.organisationId);
}

/** The signed, current service agreement (服务协议) between elder and provider covering this item, if any. */
export async function activeAgreement(
  db: Executor,
  q: { elderId: string; organisationId: string; itemId: string; onDate: string },
): Promise<{ id: string } | null> {
  const item = await catalogueRepo(db).findById(q.itemId);
  if (!item) return null;
  return agreementRepo(db).active({ ...q, itemCode: item.code });
}

/**
 * The signed, current service agreements between the elder and each of these providers covering this item,
 * in one statement: provider → agreement id (the latest signed), providers without one absent.
 */
export async function activeAgreements(
  db: Executor,
  q: { elderId: string; organisationIds: string[]; onDate: string } & ItemRef,
): Promise<Map<string, string>> {
  const item = await itemOf(db, q);
  if (!item || !q.organisationIds.length) return new Map();
  return activeAgreementsWith(db, { ...q, itemCode: item.code });
}

/** The district's catalogue items valid on `onDate`, by category and code (other modules' demo data). */
export const serviceItemsOn = (db: Executor, districtCode: string, onDate: string) =>
  catalogueRepo(db).list({ districtCode, onDate });
