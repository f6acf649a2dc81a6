import type { AuthzFixtures } from '../../platform/module.ts';
import { someEldersOf } from '../elder/index.ts';

/**
 * Authorization-walk fixtures (test/authz.int.test.ts): a call button of the victim community bound to the
 * victim community's elder (made by the elder module's fixtures), registered through the API as in real use.
 */
export const deviceAuthz: AuthzFixtures<object, object> = async (w) => {
  const [elder] = await someEldersOf(w.platform.db, w.victim.regionCode, 1);
  if (!elder || elder.regionCode !== w.victim.regionCode) throw new Error('device: no victim elder');
  const res = await w.owner.post('/api/v1/devices', {
    type: 'button',
    vendor: 'victim',
    serial: 'VIC-BTN-1',
    regionCode: w.victim.regionCode,
    address: '受害社区1栋101',
    elderIds: [elder.id],
  });
  if (res.statusCode !== 201) throw new Error(`device: ${res.statusCode} ${res.body}`);
  const d = JSON.parse(res.body) as { id: string };
  // A second button of the same elder for the unbind probe: the first stays on the elder's record.
  const spare = await w.owner.post('/api/v1/devices', {
    type: 'button',
    vendor: 'victim',
    serial: 'VIC-BTN-2',
    regionCode: w.victim.regionCode,
    elderIds: [elder.id],
  });
  if (spare.statusCode !== 201) throw new Error(`device: ${spare.statusCode} ${spare.body}`);
  return {
    'victim.deviceId': d.id,
    'victim.spareDeviceId': (JSON.parse(spare.body) as { id: string }).id,
    'victim.deviceElderId': elder.id,
  };
};
