import type { AuthzFixtures } from '../../platform/module.ts';
import { someEldersOf } from '../elder/index.ts';
import { deviceAreaEvents, deviceTasks } from './device.table.ts';

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
  // An offline task of the button, folded into an area event of the victim community (decision 029).
  const at = new Date();
  const [ev] = await w.platform.db
    .insert(deviceAreaEvents)
    .values({
      regionCode: w.victim.regionCode,
      cause: 'power',
      openedAt: at,
      firstSignalAt: at,
      deviceCount: 1,
    })
    .returning();
  const [task] = await w.platform.db
    .insert(deviceTasks)
    .values({
      kind: 'offline',
      deviceId: d.id,
      elderIds: [elder.id],
      regionCode: w.victim.regionCode,
      signalAt: at,
      openedAt: at,
      areaEventId: ev!.id,
    })
    .returning();
  return {
    'victim.areaEventId': ev!.id,
    'victim.deviceTaskId': task!.id,
    'victim.deviceId': d.id,
    'victim.spareDeviceId': (JSON.parse(spare.body) as { id: string }).id,
    'victim.deviceElderId': elder.id,
  };
};
