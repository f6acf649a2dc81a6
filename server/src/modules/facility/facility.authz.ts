import type { AuthzFixtures } from '../../platform/module.ts';

/** Authorization-walk fixtures (test/authz.int.test.ts): a station of the victim community, made through the API. */
export const facilityAuthz: AuthzFixtures<object, object> = async (w) => {
  const res = await w.owner.post('/api/v1/facilities', {
    tier: 'community_station',
    name: '受害社区养老服务站（测试）',
    regionCode: w.victim.regionCode,
    floorAreaM2: 320,
  });
  if (res.statusCode !== 201) throw new Error(`facility: ${res.statusCode} ${res.body}`);
  return { 'victim.facilityId': (JSON.parse(res.body) as { id: string }).id };
};
