import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { AuthzFixtures } from '../../platform/module.ts';
import { transact } from '../../platform/uow.ts';
import { cnIdCheckChar } from '../elder/idNumber.ts';
import { openAlarm } from './alarm.open.ts';
import type { AlarmService } from './alarm.service.ts';

const validIdNumber = (first17: string) => first17 + cnIdCheckChar(first17);

/**
 * Authorization-walk fixtures (test/authz.int.test.ts): an elder of the victim community, a seat and a
 * responder of it, and alarms in every state a command starts from — opened as a device would, claimed by
 * the victim's owner through the API, one dispatched to the victim's responder.
 */
export const alarmAuthz: AuthzFixtures<{ alarms: AlarmService }, object> = async (w) => {
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`alarm authz ${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { id: string; userId?: string };
  };
  const elder = ok(
    await w.owner.post('/api/v1/elders', {
      name: '受害呼叫老人',
      idType: 'resident_id',
      idNumber: validIdNumber('65010219470707321'),
      regionCode: w.victim.regionCode,
      householdLocal: true,
    }),
    'elder',
  ).id;
  const user = async (username: string, role: string) =>
    ok(
      await w.owner.post('/api/v1/users', {
        username,
        displayName: username,
        password: w.password,
        roles: [role],
        regionCode: w.victim.regionCode,
        organisationId: w.victim.organisationId,
      }),
      `user ${username}`,
    ).id;
  const seatUser = await user('victim_alarm_seat', 'hotline_operator');
  const responder = await user('victim_alarm_responder', 'responder');
  ok(
    await w.owner.request('PUT', `/api/v1/alarm-responders/${responder}`, {
      regionCode: w.victim.regionCode,
      position: { lat: 29.8, lng: 106.05 },
      available: true,
    }),
    'responder',
  );
  const open = async () =>
    (
      await transact(w.platform, SYSTEM_ACTOR, (tx, uow) =>
        openAlarm(tx, uow, {
          source: 'device',
          kind: 'sos',
          deviceId: randomUUID(),
          deviceSerial: null,
          elderIds: [elder],
          regionCode: w.victim.regionCode,
          position: { lat: 29.81, lng: 106.06 },
          occurredAt: new Date(),
          messageId: randomUUID(),
        }),
      )
    ).alarmId;
  const claimed = async () => {
    const id = await open();
    ok(await w.owner.post(`/api/v1/alarms/${id}/acknowledge`, {}), 'acknowledge');
    return id;
  };
  const dispatched = await claimed();
  ok(await w.owner.post(`/api/v1/alarms/${dispatched}/dispatch`, { responderId: responder }), 'dispatch');
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    'victim.alarmElderId': elder,
    'victim.alarmSeatUserId': seatUser,
    'victim.alarmResponderId': responder,
    'victim.alarmId': await open(),
    'victim.claimedAlarmId': await claimed(),
    'victim.closeAlarmId': await claimed(),
    'victim.dispatchedAlarmId': dispatched,
    'shared.alarmShiftStart': start.toISOString(),
    'shared.alarmShiftEnd': new Date(start.getTime() + 8 * 3_600_000).toISOString(),
  };
};
