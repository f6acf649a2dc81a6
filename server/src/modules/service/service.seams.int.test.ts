import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { dbTargets, startTestEnv, type TestEnv } from '../../../test/harness.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { elderTags } from '../elder/elder.table.ts';
import { findUserByUsername } from '../user/index.ts';
import {
  activeAgreement,
  contractedProviders,
  findServiceItem,
  isContracted,
  priceFor,
  pricingFactsOf,
  serviceItemOn,
} from './index.ts';
import { serviceAgreements, serviceItems } from './service.table.ts';

/** The seams the order module builds on (docs/…/services-seams): catalogue, price, contracts, agreements. */
for (const target of await dbTargets()) {
  describe(`service seams (${target.name})`, () => {
    let env: TestEnv;
    let community: string;
    let providerId: string;
    const today = todayIso(new Date());

    before(async () => {
      env = await startTestEnv(target);
      community = (await findUserByUsername(env.platform.db, 'community'))!.regionCode!;
      // The demo `provider` account's organisation: the one contracted for the whole county, with agreements.
      providerId = (await findUserByUsername(env.platform.db, 'provider'))!.organisationId!;
    });
    after(() => env?.close());

    const item = async (code: string) => {
      const [r] = await env.platform.db
        .select()
        .from(serviceItems)
        .where(and(eq(serviceItems.code, code)))
        .orderBy(serviceItems.validFrom);
      return r!;
    };

    test('findServiceItem and serviceItemOn: a price change is a new version', async () => {
      const old = await item('SH0101');
      assert.ok(old.validTo, 'the earlier price has an end');
      assert.equal((await findServiceItem(env.platform.db, old.id))?.priceCents, old.priceCents);
      const current = await serviceItemOn(env.platform.db, old.id, today);
      assert.ok(current && current.id !== old.id && current.priceCents === old.priceCents + 300);
      assert.equal((await serviceItemOn(env.platform.db, old.id, old.validFrom))?.id, old.id);
      assert.equal(await findServiceItem(env.platform.db, crypto.randomUUID()), null);
    });

    test('contractedProviders and isContracted: by item, region and date', async () => {
      const meal = await serviceItemOn(env.platform.db, (await item('SH0101')).id, today);
      const q = { regionCode: community, itemId: meal!.id, onDate: today };
      const providers = await contractedProviders(env.platform.db, q);
      assert.ok(providers.some((p) => p.organisationId === providerId && p.name.length > 0));
      assert.ok(await isContracted(env.platform.db, { ...q, organisationId: providerId }));
      // Not in another district, not before the contract, not for an item outside it.
      assert.deepEqual(await contractedProviders(env.platform.db, { ...q, regionCode: '110101001001' }), []);
      assert.deepEqual(await contractedProviders(env.platform.db, { ...q, onDate: '2000-01-01' }), []);
      const errand = await item('WT0101');
      assert.equal(
        await isContracted(env.platform.db, { ...q, itemId: errand.id, organisationId: providerId }),
        false,
      );
    });

    test('activeAgreement: signed, current, covering the item', async () => {
      const [a] = await env.platform.db
        .select()
        .from(serviceAgreements)
        .where(eq(serviceAgreements.organisationId, providerId));
      assert.ok(a, 'the demo seed signs agreements');
      const meal = await item('SH0101');
      const q = { elderId: a.elderId, organisationId: providerId, itemId: meal.id, onDate: today };
      assert.deepEqual(await activeAgreement(env.platform.db, q), { id: a.id });
      assert.equal(await activeAgreement(env.platform.db, { ...q, onDate: addDays(a.validFrom, -1) }), null);
      const rehab = await item('JK0401');
      assert.equal(await activeAgreement(env.platform.db, { ...q, itemId: rehab.id }), null);
    });

    test('pricingFactsOf reads current tags and birth date; priceFor prices by them', async () => {
      const [a] = await env.platform.db.select().from(serviceAgreements).limit(1);
      const db = env.platform.db;
      await db.delete(elderTags).where(eq(elderTags.elderId, a!.elderId));
      await db.insert(elderTags).values([
        { elderId: a!.elderId, code: 'extreme_poverty', validFrom: addDays(today, -10), source: 'manual' },
        { elderId: a!.elderId, code: 'low_income', validFrom: '2000-01-01', validTo: addDays(today, -20) },
      ]);
      const facts = await pricingFactsOf(db, a!.elderId, today);
      assert.deepEqual(facts.tags, ['extreme_poverty']);
      assert.match(facts.birthDate!, /^\d{4}-\d{2}-\d{2}$/);
      const meal = (await serviceItemOn(db, (await item('SH0101')).id, today))!;
      assert.deepEqual(priceFor(meal, facts, today), {
        priceCents: meal.priceCents,
        elderShareCents: 0,
        fundingSource: 'government',
        payCategory: 'extreme_poverty',
      });
      const before = await pricingFactsOf(db, a!.elderId, addDays(today, -30));
      assert.deepEqual(before.tags, ['low_income']);
    });
  });
}
