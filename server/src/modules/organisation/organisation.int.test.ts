import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { isValidCreditCode } from './organisation.schema.ts';

test('GB 32100 credit code check character', () => {
  assert.ok(isValidCreditCode('91350100M000100Y43'));
  assert.ok(!isValidCreditCode('91350100M000100Y44'));
  assert.ok(!isValidCreditCode('91350100M000100I43'), 'I is not in the alphabet');
});

for (const target of await dbTargets()) {
  describe(`organisations (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let street: Client;
    let streetRegion: string;
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      street = await env.login('street');
      streetRegion = (await street.get('/api/v1/me')).json().regionCode;
    });
    after(() => env?.close());

    test('creates, lists with region filter and updates a provider', async () => {
      const res = await street.post('/api/v1/organisations', {
        name: '幸福里居家养老服务站',
        type: 'provider',
        creditCode: '91350100M000100Y43',
        regionCode: streetRegion,
        operatingMode: 'social_operation',
        contactName: '周敏',
        contactPhone: '13900001111',
      });
      assert.equal(res.statusCode, 201, res.body);
      const org = res.json();
      assert.equal(org.contactPhoneMasked, '139****1111');
      const list = (await admin.get(`/api/v1/organisations?regionCode=${streetRegion}&type=provider`)).json();
      assert.ok(list.items.some((o: { id: string }) => o.id === org.id));
      const upd = await street.patch(`/api/v1/organisations/${org.id}`, { status: 'suspended' });
      assert.equal(upd.statusCode, 200);
      assert.equal(upd.json().status, 'suspended');
      const dup = await admin.post('/api/v1/organisations', {
        name: '另一家',
        type: 'provider',
        creditCode: '91350100M000100Y43',
        regionCode: streetRegion,
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().errors[0].pointer, '/body/creditCode');
    });

    test('invalid credit code and out-of-scope region are field errors', async () => {
      const bad = await admin.post('/api/v1/organisations', {
        name: '测试机构',
        type: 'provider',
        creditCode: '123',
        regionCode: streetRegion,
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].code, 'organisation.invalid_credit_code');
      const outside = await street.post('/api/v1/organisations', {
        name: '越界机构',
        type: 'provider',
        regionCode: '500110000000',
      });
      assert.equal(outside.statusCode, 403);
      assert.equal(outside.json().errors[0].pointer, '/body/regionCode');
    });

    test('a provider admin sees only their own organisation', async () => {
      const provider = await env.login('provider');
      const items = (await provider.get('/api/v1/organisations')).json().items;
      assert.equal(items.length, 1);
      assert.equal(items[0].type, 'provider');
    });
  });
}
