import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { SERVICE_CATEGORIES, SERVICE_SUB_ITEM_CODES } from '@yiyang/contracts';
import type {
  ElderPriceList,
  ProviderContractView,
  ServiceAgreementView,
  ServiceItemDetail,
  ServiceItemList,
  ServiceItemView,
} from '@yiyang/contracts/wire';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { outboxEvents } from '../../platform/platform.table.ts';
import { organisations } from '../organisation/organisation.table.ts';
import { findUserByUsername } from '../user/index.ts';
import { activeAgreement } from './index.ts';

type Problem = { code: string; errors: { pointer: string; code: string }[] };
const pointers = (body: string) => (JSON.parse(body) as Problem).errors.map((e) => `${e.pointer} ${e.code}`);

const COUNTY = '500110000000';
const today = todayIso(new Date());

const newItem = (over: Record<string, unknown> = {}) => ({
  districtCode: COUNTY,
  code: 'TEST01',
  category: 'daily_living',
  subItem: 'cleaning',
  name: '测试助洁',
  nameEn: 'Test cleaning',
  unit: 'hour',
  durationMinutes: 60,
  priceCents: 4000,
  requiredCredentials: ['health_certificate'],
  photosAllowed: true,
  payRules: { extreme_poverty: { kind: 'free' }, low_income: { kind: 'share', percent: 40 } },
  validFrom: '2026-01-01',
  ...over,
});

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text.replace(/\s+/g, '');
}

for (const target of await dbTargets()) {
  describe(`service catalogue, contracts and agreements (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let community: Client;
    let providerId: string;
    let committeeId: string;
    let communityCode: string;

    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      community = await env.login('community');
      communityCode = (await findUserByUsername(env.platform.db, 'community'))!.regionCode!;
      const orgs = await env.platform.db.select().from(organisations).orderBy(organisations.createdAt);
      // The demo `provider` account's organisation: the one contracted for the whole county, with agreements.
      providerId = (await findUserByUsername(env.platform.db, 'provider'))!.organisationId!;
      committeeId = orgs.find((o) => o.type === 'community_committee')!.id;
    });
    after(() => env?.close());

    test('the catalogue is published without sign-in: every GB/T 43153 category and sub-item, with what each elder category pays', async () => {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/public/service-items?district=${COUNTY}`,
      });
      assert.equal(res.statusCode, 200, res.body);
      const list = res.json() as ServiceItemList;
      assert.equal(list.onDate, today);
      assert.ok(list.districtName);
      assert.deepEqual(
        [...new Set(list.items.map((i) => i.category))].sort(),
        [...SERVICE_CATEGORIES].sort(),
      );
      assert.deepEqual(
        [...new Set(list.items.map((i) => i.subItem))].sort(),
        [...SERVICE_SUB_ITEM_CODES].sort(),
      );
      for (const i of list.items.filter((x) => ['bathing', 'toileting_care'].includes(x.subItem)))
        assert.equal(i.photosAllowed, false, `${i.code} never allows photos`);
      const meal = list.items.find((i) => i.code === 'SH0101')!;
      assert.equal(meal.pays.find((p) => p.category === 'extreme_poverty')!.elderShareCents, 0);
      assert.equal(meal.pays.find((p) => p.category === 'general')!.elderShareCents, meal.priceCents);
      // One version per code on a day (the earlier price of SH0101 has ended).
      assert.equal(list.items.filter((i) => i.code === 'SH0101').length, 1);
      const cat = await env.app.inject({
        method: 'GET',
        url: `/api/v1/public/service-items?district=${COUNTY}&category=basic_care`,
      });
      assert.ok((cat.json() as ServiceItemList).items.every((i) => i.category === 'basic_care'));
      const districts = await env.app.inject({ method: 'GET', url: '/api/v1/public/service-districts' });
      assert.deepEqual(
        (districts.json() as { items: { code: string }[] }).items.map((d) => d.code),
        [COUNTY],
      );
      const bad = await env.app.inject({
        method: 'GET',
        url: `/api/v1/public/service-items?district=${communityCode}`,
      });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(pointers(bad.body), ['/query/district service.not_a_district']);
    });

    test('an elder and their family see their district’s catalogue and their own prices; another elder’s, no', async () => {
      for (const who of ['elder', 'family']) {
        const c = await env.login(who);
        const list = await c.get('/api/v1/service-items');
        assert.equal(list.statusCode, 200, list.body);
        assert.equal((list.json() as ServiceItemList).districtCode, COUNTY);
        const elders = (await c.get('/api/v1/elders')).json() as { items: { id: string }[] };
        const prices = await c.get(`/api/v1/service-items/prices?elderId=${elders.items[0]!.id}`);
        assert.equal(prices.statusCode, 200, prices.body);
        const p = prices.json() as ElderPriceList;
        assert.ok(p.categories.includes('general'));
        assert.ok(p.items.every((i) => i.elderShareCents <= i.priceCents));
      }
      const someone = (await admin.get('/api/v1/elders?limit=5')).json() as { items: { id: string }[] };
      const elder = await env.login('elder');
      const own = ((await elder.get('/api/v1/elders')).json() as { items: { id: string }[] }).items[0]!.id;
      const other = someone.items.find((e) => e.id !== own)!;
      assert.equal((await elder.get(`/api/v1/service-items/prices?elderId=${other.id}`)).statusCode, 404);
    });

    test('the county edits its catalogue; bad input gets an error at its field', async () => {
      const created = await admin.post('/api/v1/service-items', newItem());
      assert.equal(created.statusCode, 201, created.body);
      const cases: [Record<string, unknown>, string][] = [
        [{ validTo: '2025-12-31' }, '/body/validTo service.dates_order'],
        [{ category: 'gardening' }, '/body/category common.invalid_value'],
        [{ priceCents: -1 }, '/body/priceCents common.too_small'],
        [{ subItem: 'bathing', photosAllowed: true }, '/body/photosAllowed service.photos_never'],
        [{ subItem: 'meal', category: 'basic_care' }, '/body/subItem service.sub_item_category'],
        [{ districtCode: communityCode }, '/body/districtCode service.not_a_district'],
        [
          { payRules: { low_income: { kind: 'share', percent: 120 } } },
          '/body/payRules/low_income/percent common.too_big',
        ],
      ];
      for (const [over, expected] of cases) {
        const res = await admin.post('/api/v1/service-items', newItem({ code: 'TEST02', ...over }));
        const schema = expected.includes('common.');
        assert.equal(res.statusCode, schema ? 400 : 422, `${JSON.stringify(over)}: ${res.body}`);
        assert.deepEqual(pointers(res.body), [expected], JSON.stringify(over));
      }
      const dup = await admin.post('/api/v1/service-items', newItem());
      assert.equal(dup.statusCode, 409);
      assert.deepEqual(pointers(dup.body), ['/body/code service.code_taken']);
      // A community worker has no service:write; a street officer's scope does not cover the county.
      assert.equal(
        (await community.post('/api/v1/service-items', newItem({ code: 'TEST03' }))).statusCode,
        403,
      );
      const street = await env.login('street');
      assert.equal((await street.post('/api/v1/service-items', newItem({ code: 'TEST03' }))).statusCode, 403);
    });

    test('a price change is a new version from a date; the old one ends the day before', async () => {
      const item = (await admin.get('/api/v1/service-items?category=daily_living')).json() as ServiceItemList;
      const test01 = item.items.find((i) => i.code === 'TEST01')!;
      const renamed = await admin.patch(`/api/v1/service-items/${test01.id}`, {
        version: 1,
        name: '测试助洁（新）',
      });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal((renamed.json() as ServiceItemView).id, test01.id);
      const noDate = await admin.patch(`/api/v1/service-items/${test01.id}`, {
        version: 2,
        priceCents: 4500,
      });
      assert.deepEqual(pointers(noDate.body), ['/body/effectiveFrom service.effective_from_required']);
      const from = addDays(today, 10);
      const v2 = await admin.patch(`/api/v1/service-items/${test01.id}`, {
        version: 2,
        priceCents: 4500,
        effectiveFrom: from,
      });
      assert.equal(v2.statusCode, 200, v2.body);
      const next = v2.json() as ServiceItemView;
      assert.deepEqual(
        [next.priceCents, next.validFrom, next.previousId, next.name],
        [4500, from, test01.id, '测试助洁（新）'],
      );
      const detail = (await admin.get(`/api/v1/service-items/${test01.id}`)).json() as ServiceItemDetail;
      assert.deepEqual(
        detail.versions.map((v) => [v.validFrom, v.validTo, v.priceCents]),
        [
          ['2026-01-01', addDays(from, -1), 4000],
          [from, null, 4500],
        ],
      );
      // Only the latest version changes.
      const stale = await admin.patch(`/api/v1/service-items/${test01.id}`, {
        version: 3,
        priceCents: 1,
        effectiveFrom: addDays(from, 5),
      });
      assert.equal(stale.statusCode, 409, stale.body);
    });

    test('provider contracts: only providers, items of the district, regions of one district; terminated early', async () => {
      const body = {
        organisationId: providerId,
        regionCodes: [communityCode],
        itemCodes: ['TEST01', 'SH0302'],
        validFrom: '2026-01-01',
        validTo: '2027-12-31',
      };
      const created = await admin.post('/api/v1/provider-contracts', body);
      assert.equal(created.statusCode, 201, created.body);
      const c = created.json() as ProviderContractView;
      assert.deepEqual(c.itemCodes, ['SH0302', 'TEST01']);
      assert.match(c.number, /^HT-2026-\d{4}$/);
      const cases: [Record<string, unknown>, string][] = [
        [{ organisationId: committeeId }, '/body/organisationId service.not_a_provider'],
        [{ itemCodes: ['SH0302', 'NOPE99'] }, '/body/itemCodes/1 service.item_not_in_district'],
        [
          { regionCodes: [communityCode, '110101001001'] },
          '/body/regionCodes/1 service.region_not_in_district',
        ],
        [{ validTo: '2025-01-01' }, '/body/validTo service.dates_order'],
      ];
      for (const [over, expected] of cases) {
        const res = await admin.post('/api/v1/provider-contracts', { ...body, ...over });
        assert.equal(res.statusCode, 422, res.body);
        assert.deepEqual(pointers(res.body), [expected]);
      }
      // The provider sees its contracts; a community worker of a community it does not serve does not.
      const provider = await env.login('provider');
      const mine = (await provider.get('/api/v1/provider-contracts')).json() as {
        items: ProviderContractView[];
      };
      assert.ok(mine.items.some((x) => x.id === c.id));
      const village = await env.login('village');
      assert.equal((await village.get(`/api/v1/provider-contracts/${c.id}`)).statusCode, 404);
      const ended = await admin.post(`/api/v1/provider-contracts/${c.id}/terminate`, {
        version: 1,
        effectiveOn: '2026-06-30',
        reason: '服务质量考核不合格',
      });
      assert.equal(ended.statusCode, 200, ended.body);
      assert.equal((ended.json() as ProviderContractView).validTo, '2026-06-30');
      const again = await admin.post(`/api/v1/provider-contracts/${c.id}/terminate`, {
        version: 2,
        effectiveOn: '2026-05-30',
        reason: '再次终止',
      });
      assert.equal(again.statusCode, 409);
    });

    test('agreements: drafted for contracted items, signed by the elder or a named guardian, printed, ended', async () => {
      const elder = await env.login('elder');
      const elderId = ((await elder.get('/api/v1/elders')).json() as { items: { id: string }[] }).items[0]!
        .id;
      const draftBody = {
        elderId,
        organisationId: providerId,
        itemCodes: ['SH0101', 'JC0101'],
        validFrom: today,
      };
      // Community workers neither contract nor agree (no permission); an item outside the contract is refused.
      assert.equal((await community.post('/api/v1/service-agreements', draftBody)).statusCode, 403);
      const notContracted = await admin.post('/api/v1/service-agreements', {
        ...draftBody,
        itemCodes: ['SH0101', 'WT0101'],
      });
      assert.deepEqual(pointers(notContracted.body), ['/body/itemCodes/1 service.item_not_contracted']);
      const notProvider = await admin.post('/api/v1/service-agreements', {
        ...draftBody,
        organisationId: committeeId,
      });
      assert.deepEqual(pointers(notProvider.body), ['/body/organisationId service.not_a_provider']);
      const made = await admin.post('/api/v1/service-agreements', draftBody);
      assert.equal(made.statusCode, 201, made.body);
      const a = made.json() as ServiceAgreementView;
      assert.equal(a.status, 'draft');
      assert.match(a.number, /^FW\d{8}-\d{4}$/);
      assert.deepEqual(
        a.items.map((i) => i.code),
        ['SH0101', 'JC0101'],
      );

      const noName = await admin.post(`/api/v1/service-agreements/${a.id}/sign`, {
        version: 1,
        signerKind: 'guardian',
      });
      assert.deepEqual(pointers(noName.body), ['/body/signerName service.signer_name_required']);
      const signed = await admin.post(`/api/v1/service-agreements/${a.id}/sign`, {
        version: 1,
        signerKind: 'guardian',
        signerName: '张小明',
        signerRelationship: '儿子',
      });
      assert.equal(signed.statusCode, 200, signed.body);
      const s = signed.json() as ServiceAgreementView;
      assert.deepEqual([s.status, s.signerNameMasked, s.version], ['signed', '张*明', 2]);
      const events = await env.platform.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.topic, 'service_agreement.signed'));
      assert.ok(events.some((e) => (e.payload as { id: string }).id === a.id));
      assert.equal(
        (await admin.patch(`/api/v1/service-agreements/${a.id}`, { version: 2, notes: 'x' })).statusCode,
        409,
      );

      const current = (await admin.get('/api/v1/service-items')).json() as ServiceItemList;
      const itemId = current.items.find((i) => i.code === 'JC0101')!.id;
      assert.deepEqual(
        await activeAgreement(env.platform.db, {
          elderId,
          organisationId: providerId,
          itemId,
          onDate: today,
        }),
        { id: a.id },
      );

      // The elder and the family see it, and the provider.
      for (const who of ['elder', 'family', 'provider']) {
        const list = (
          await (await env.login(who)).get(`/api/v1/service-agreements?elderId=${elderId}`)
        ).json() as {
          items: { id: string }[];
        };
        assert.ok(
          list.items.some((x) => x.id === a.id),
          who,
        );
      }

      const pdf = await admin.request('GET', `/api/v1/service-agreements/${a.id}/agreement.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const text = await pdfText(pdf.rawPayload);
      for (const t of [
        '居家养老上门服务协议',
        a.number,
        '生活照护',
        '助浴、排泄护理等服务一律不拍照',
        '监护人/代理人',
      ])
        assert.ok(text.includes(t.replace(/\s+/g, '')), t);

      const ended = await admin.post(`/api/v1/service-agreements/${a.id}/end`, {
        version: 2,
        reason: '老人入住养老机构',
      });
      assert.equal(ended.statusCode, 200, ended.body);
      const e = ended.json() as ServiceAgreementView;
      assert.deepEqual([e.status, e.validTo], ['ended', today]);
      const after = await activeAgreement(env.platform.db, {
        elderId,
        organisationId: providerId,
        itemId,
        onDate: addDays(today, 1),
      });
      assert.notDeepEqual(after, { id: a.id }, 'the ended agreement covers nothing after its last day');
      assert.equal(
        (await admin.post(`/api/v1/service-agreements/${a.id}/end`, { version: 3, reason: '再次终止' }))
          .statusCode,
        409,
      );
    });
  });
}
