import { randomUUID } from 'node:crypto';
import {
  PERMISSIONS,
  regionPrefix,
  type AlarmKind,
  type AlarmOutcome,
  type AlarmSource,
} from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { transact } from '../../platform/uow.ts';
import { someEldersOf, syntheticCoordinates } from '../elder/index.ts';
import { findUserByUsername } from '../user/index.ts';
import { AlarmCommands } from './alarm.commands.ts';
import type { CommandDeps } from './alarm.deps.ts';
import { ladderOf } from './alarm.ladder.ts';
import { LoggingNotifier } from './alarm.notify.ts';
import { openAlarm } from './alarm.open.ts';
import { dutyRepo, responderRepo } from './alarm.repo.ts';

const HOUR = 3_600_000;

/** An account acting in the demo county with its own id (the seed's stand-in for a seat or a responder). */
function actingAs(
  countyCode: string,
  userId: string,
  displayName: string,
  roles: AuthContext['roles'],
): AuthContext {
  return {
    userId,
    username: 'seed',
    displayName,
    roles,
    permissions: new Set(PERMISSIONS),
    regionCode: countyCode,
    organisationId: null,
    relations: [],
    scope: { regionPrefix: regionPrefix(countyCode), organisationId: null, userId },
    via: 'token',
  };
}

/**
 * Demo emergency assistance (issue 16 §6): two responders with bases near the demo community, a duty rota
 * with the seat, the supervisor and the duty officer on now, and a history of alarms made through the real
 * commands — a real emergency (dispatched, accepted, arrived, closed with a follow-up visit order), a false
 * alarm, a test, a device fault — and one alarm open on the console.
 */
export async function seedAlarms(p: Platform, demo: DemoDistrict): Promise<void> {
  const [seat, supervisor, officer, r1, r2] = await Promise.all(
    ['hotline', 'supervisor', 'dutyofficer', 'responder', 'responder2'].map((u) =>
      findUserByUsername(p.db, u),
    ),
  );
  const elders = await someEldersOf(p.db, demo.communityCode, 5);
  if (!seat || !supervisor || !officer || !r1 || !r2 || elders.length < 2) return;
  const deps: CommandDeps = {
    db: p.db,
    bus: p.bus,
    cipher: p.cipher,
    notifier: new LoggingNotifier(),
    ladder: ladderOf(p.config),
  };
  const repo = { ...dutyRepo(p.db), ...responderRepo(p.db) };
  const base = syntheticCoordinates(demo.communityCode, 9001);
  await repo.upsertResponder({ userId: r1.id, regionCode: demo.communityCode, ...base, available: true });
  const street = `${demo.communityCode.slice(0, 9)}000`;
  await repo.upsertResponder({
    userId: r2.id,
    regionCode: street,
    lat: base.lat + 0.02,
    lng: base.lng + 0.015,
    available: true,
  });
  const startOfShift = new Date(Date.now() - 4 * HOUR);
  for (const [u, role] of [
    [seat, 'hotline_operator'],
    [supervisor, 'seat_supervisor'],
    [officer, 'duty_officer'],
  ] as const)
    await repo.addShift({ userId: u.id, role, regionCode: demo.countyCode, startsAt: startOfShift });

  const commands = new AlarmCommands(deps);
  const seatAuth = actingAs(demo.countyCode, seat.id, seat.displayName, ['hotline_operator']);
  const seatActor = { userId: seat.id, name: seat.displayName };
  const open = (elderIdx: number, source: AlarmSource, kind: AlarmKind) => {
    const elder = elders[elderIdx % elders.length]!;
    return transact(p, { userId: null, name: 'device' }, (tx, uow) =>
      openAlarm(tx, uow, {
        source,
        kind,
        deviceId: null,
        deviceSerial: source === 'phone_sos' ? null : `DEMO-${elderIdx}`,
        elderIds: [elder.id],
        regionCode: elder.regionCode,
        position: null,
        occurredAt: new Date(),
        messageId: randomUUID(),
      }),
    );
  };
  const closed = async (
    elderIdx: number,
    source: AlarmSource,
    kind: AlarmKind,
    outcome: AlarmOutcome,
    note: string,
  ) => {
    const { alarmId } = await open(elderIdx, source, kind);
    await commands.acknowledge(seatAuth, seatActor, alarmId);
    if (outcome === 'real') {
      await commands.dispatch(seatAuth, seatActor, alarmId, { responderId: r1.id });
      const resp = actingAs(demo.countyCode, r1.id, r1.displayName, ['responder']);
      const actor = { userId: r1.id, name: r1.displayName };
      await commands.accept(resp, actor, alarmId);
      await commands.arrive(resp, actor, alarmId, { position: { lat: base.lat + 0.001, lng: base.lng } });
    }
    await commands.close(seatAuth, seatActor, alarmId, { outcome, note });
  };
  await closed(0, 'phone_sos', 'sos', 'real', '老人在家中跌倒，响应员到场协助并联系家属，无大碍');
  await closed(1, 'device', 'fall', 'false_alarm', '老人误触，回拨确认安全');
  await closed(2, 'device', 'smoke', 'test', '安装后测试');
  await closed(3, 'device', 'water', 'device_fault', '传感器故障，已通知厂家检修');
  // One open on the console now.
  await open(1, 'device', 'sos');
}
