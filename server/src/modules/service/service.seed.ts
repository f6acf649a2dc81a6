import { SERVICE_SUB_ITEMS, type ServiceCategory } from '@yiyang/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';
import { demoProviders, type DemoDistrict } from '../../platform/module.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { transact } from '../../platform/uow.ts';
import { someEldersOf } from '../elder/index.ts';
import { organisationsOfType } from '../organisation/index.ts';
import { DEMO_CATALOGUE } from './service.catalogue.data.ts';
import { agreementRepo, contractRepo } from './service.contracts.repo.ts';
import { catalogueRepo } from './service.repo.ts';
import { agreementNumber, contractNumber, regionPrefixRow } from './service.rules.ts';

/** Which categories each demo provider is contracted for (in turn; every provider also visits). */
const PROVIDER_CATEGORIES: ServiceCategory[][] = [
  ['daily_living', 'basic_care', 'visiting_care'],
  ['health_management', 'emotional_support', 'visiting_care', 'basic_care'],
  ['errands', 'home_adaptation', 'daily_living', 'visiting_care'],
];

/**
 * The demo district's catalogue (every GB/T 43153 category and sub-item, one earlier price of 上门送餐 to
 * show versions), a contract for each demo provider (the staff module's, type `provider`, in the county)
 * serving the county (the first) or its own street and the demo community's, and signed agreements for a few demo elders.
 */
export async function seedService(p: Platform, demo: DemoDistrict): Promise<void> {
  const today = todayIso(new Date());
  const year = Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  await transact(p, SYSTEM_ACTOR, async (tx, uow) => {
    const items = catalogueRepo(tx);
    await items.insertMany(
      DEMO_CATALOGUE.map((e) => ({ ...e, districtCode: demo.countyCode, validFrom: from, validTo: null })),
    );
    const meal = DEMO_CATALOGUE[0]!;
    await items.insert({
      ...meal,
      districtCode: demo.countyCode,
      priceCents: meal.priceCents - 300,
      validFrom: `${year - 1}-01-01`,
      validTo: `${year - 1}-12-31`,
    });
    uow.audit({
      action: 'service.item_create',
      entityType: 'service_catalogue',
      entityId: demo.countyCode,
      regionCode: demo.countyCode,
      summary: `演示服务清单（${DEMO_CATALOGUE.length} 项）`,
    });

    const providers = demoProviders(await organisationsOfType(tx, demo.countyCode, 'provider'), demo);
    const communityStreet = `${demo.communityCode.slice(0, 9)}000`;
    const contracts = contractRepo(tx);
    for (const [i, org] of providers.entries()) {
      const categories = PROVIDER_CATEGORIES[i % PROVIDER_CATEGORIES.length]!;
      const codes = DEMO_CATALOGUE.filter((e) => categories.includes(e.category)).map((e) => e.code);
      const street = `${org.regionCode.slice(0, 9)}000`;
      // The street's centre (the first) serves the whole county; the others their street and the demo one.
      const served = i === 0 ? [demo.countyCode] : [...new Set([communityStreet, street])];
      const regions = served.map(regionPrefixRow);
      await contracts.insert(
        {
          organisationId: org.id,
          districtCode: demo.countyCode,
          number: contractNumber(year, i + 1),
          validFrom: from,
          validTo: `${year + 1}-12-31`,
        },
        regions,
        codes,
      );
    }

    // Signed agreements for the first demo elders of the demo community with the first provider.
    const first = providers[0];
    if (!first) return;
    const elders = await someEldersOf(tx, demo.communityCode, 5);
    const agreements = agreementRepo(tx);
    const signedAt = new Date(Date.now() - 30 * 86_400_000);
    for (const [i, e] of elders.entries()) {
      await agreements.insert({
        number: agreementNumber(signedAt, i + 1),
        elderId: e.id,
        organisationId: first.id,
        regionCode: e.regionCode,
        status: 'signed',
        itemCodes: DEMO_CATALOGUE.filter((x) =>
          (SERVICE_SUB_ITEMS.daily_living as readonly string[])
            .concat('home_visit', 'personal_care')
            .includes(x.subItem),
        ).map((x) => x.code),
        validFrom: addDays(today, -30),
        validTo: `${year + 1}-12-31`,
        signerKind: i % 2 ? 'guardian' : 'elder',
        signerName: i % 2 ? '家属（演示）' : null,
        signerRelationship: i % 2 ? 'daughter' : null,
        signedAt,
      });
    }
  });
}
