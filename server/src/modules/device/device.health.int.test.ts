import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { alarms } from '../alarm/alarm.table.ts';
import { someEldersOf } from '../elder/index.ts';
import { verifiedVisits } from '../visit/index.ts';
import { DeviceHealth } from './device.health.ts';
import { commitBatch, type RawMessage } from './device.ingest.ts';
import { deviceRepo } from './device.repo.ts';
import { deviceAreaEvents, deviceTasks } from './device.table.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const T0 = new Date('2026-12-01T02:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

for (const target of await dbTargets()) {
  describe(`device health (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let hotline: Client;
    let community: string;
    let others: string[];
    let clock = T0;
    let health: DeviceHealth;
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      hotline = await env.login('hotline');
      community = ((await (await env.login('community')).get('/api/v1/me')).json() as Json).regionCode;
      const r = await env.platform.db.execute(
        sql`SELECT code FROM regions WHERE length(code) = 12 AND code <> ${community}
          AND code LIKE ${community.slice(0, 6) + '%'} ORDER BY code LIMIT 4`,
      );
      others = (r as unknown as { rows: { code: string }[] }).rows.map((x) => x.code);
      health = new DeviceHealth({ ...env.platform, now: () => clock });
    });
    after(() => env?.close());

    let n = 0;
    const device = async (regionCode: string, heartbeatSeconds = 300) =>
      deviceRepo(env.platform.db).insert({
        type: 'button',
        vendor: 'health',
        serial: `H-${target.name}-${++n}`,
        regionCode,
        heartbeatSeconds,
      });
    const send = (
      deviceId: string,
      when: Date,
      payload: Json,
      channel: RawMessage['channel'] = 'heartbeat',
    ) =>
      commitBatch(env.platform, [
        {
          transport: 'mqtt',
          topic: `yiyang/v1/devices/${deviceId}/${channel}`,
          deviceRef: deviceId,
          channel,
          payload: JSON.stringify({ id: `${channel}-${when.getTime()}-${Math.random()}`, ...payload }),
          receivedAt: when,
        },
      ]);
    const sweep = (when: Date) => {
      clock = when;
      return health.sweep();
    };
    const tasksOf = (deviceId: string) =>
      env.platform.db.select().from(deviceTasks).where(eq(deviceTasks.deviceId, deviceId));

    test('a silent device: a task after 2 × heartbeat + 60 s and not before; its next heartbeat closes it', async () => {
      const d = await device(others[0]!);
      await send(d.id, at(0), { battery: 80 });
      await sweep(at(2 * 300 + 60)); // exactly at the deadline: not yet
      assert.equal((await tasksOf(d.id)).length, 0);
      await sweep(at(2 * 300 + 61));
      const [task] = await tasksOf(d.id);
      assert.equal(task?.kind, 'offline');
      assert.equal(task?.closedAt, null);
      assert.equal(task?.signalAt.toISOString(), at(0).toISOString(), 'silent since its last heartbeat');
      await sweep(at(700)); // idempotent: one open task per device and kind
      assert.equal((await tasksOf(d.id)).length, 1);
      const listed = (await admin.get(`/api/v1/devices/${d.id}`)).json() as Json;
      assert.equal(listed.health, 'offline');
      assert.equal(listed.openTasks[0].kind, 'offline');
      const queue = (await admin.get(`/api/v1/device-tasks?regionCode=${others[0]}`)).json() as Json;
      assert.ok(queue.items.some((t: Json) => t.id === task!.id));
      await send(d.id, at(800), { battery: 80 });
      const [closed] = await tasksOf(d.id);
      assert.equal(closed?.closedBy, 'heartbeat');
      assert.equal(closed?.closedAt?.toISOString(), at(800).toISOString());
      assert.equal(((await admin.get(`/api/v1/devices/${d.id}`)).json() as Json).openTasks.length, 0);
    });

    test('low battery opens a task, closed above the threshold + 5; a person closes one with a note', async () => {
      const d = await device(others[1]!, 3600);
      await send(d.id, at(0), { battery: 19 });
      await sweep(at(10));
      const [low] = (await tasksOf(d.id)).filter((t) => t.kind === 'low_battery');
      assert.ok(low && !low.closedAt);
      await send(d.id, at(20), { battery: 25 }); // not above 25: stays open
      await sweep(at(30));
      assert.equal((await tasksOf(d.id)).find((t) => t.id === low.id)?.closedAt, null);
      await send(d.id, at(40), { battery: 26 });
      await sweep(at(50));
      assert.equal((await tasksOf(d.id)).find((t) => t.id === low.id)?.closedBy, 'battery');
      // A second low reading: a new task, which the maintainer closes by hand.
      await send(d.id, at(60), { battery: 5 });
      await sweep(at(70));
      const again = (await tasksOf(d.id)).find((t) => t.kind === 'low_battery' && !t.closedAt)!;
      const bad = await admin.post(`/api/v1/device-tasks/${again.id}/close`, { note: '' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].pointer, '/body/note');
      const ok = await admin.post(`/api/v1/device-tasks/${again.id}/close`, { note: '已更换电池' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().closedBy, 'manual');
      const twice = await admin.post(`/api/v1/device-tasks/${again.id}/close`, { note: '再次' });
      assert.equal(twice.statusCode, 409);
      await sweep(at(80)); // the same low reading does not reopen what a person closed…
      assert.equal((await tasksOf(d.id)).filter((t) => !t.closedAt).length, 0);
      const later = new Date(Date.now() + 60_000); // the close used the server's own clock
      await send(d.id, later, { battery: 5 }); // …a new one does
      await sweep(new Date(later.getTime() + 1000));
      assert.equal((await tasksOf(d.id)).filter((t) => !t.closedAt).length, 1);
    });

    test('9 devices of a community offline within 5 minutes are 9 tasks; mains failure opens a task', async () => {
      const ds = await Promise.all(Array.from({ length: 9 }, () => device(others[2]!)));
      for (const [i, d] of ds.entries()) await send(d.id, at(i * 20), {});
      await sweep(at(2000));
      const tasks = await env.platform.db
        .select()
        .from(deviceTasks)
        .where(eq(deviceTasks.regionCode, others[2]!));
      assert.equal(tasks.length, 9);
      assert.ok(tasks.every((t) => t.areaEventId === null));
      const events = await env.platform.db
        .select()
        .from(deviceAreaEvents)
        .where(eq(deviceAreaEvents.regionCode, others[2]!));
      assert.equal(events.length, 0);
      const m = await device(others[3]!, 3600);
      await send(m.id, at(2100), { type: 'mains_fail' }, 'event');
      await sweep(at(2110));
      assert.equal((await tasksOf(m.id)).find((t) => t.kind === 'mains_fail')?.closedAt, null);
      await send(m.id, at(2200), { type: 'power_on' }, 'event');
      assert.equal((await tasksOf(m.id)).find((t) => t.kind === 'mains_fail')?.closedBy, 'mains');
    });

    test('10 devices of a community within 5 minutes: one area event; an SOS there is still an alarm; the welfare list, most vulnerable first', async () => {
      const elders = await someEldersOf(env.platform.db, community, 4);
      assert.equal(elders.length, 4);
      const [a, b, c, d] = elders as { id: string }[];
      // b lives alone; c is severely disabled (level 3); d moderately (level 2); a neither.
      const set = (id: string, living: string | null, level: number | null) =>
        env.platform.db.execute(sql`UPDATE elders SET living_situation = ${living},
          ability = ${level === null ? null : JSON.stringify({ standardCode: 'GB/T 42195-2022', level, zh: `${level}级`, en: `Level ${level}`, assessedOn: '2026-06-01' })}::jsonb
          WHERE id = ${id}`);
      await set(a!.id, 'with_children', null);
      await set(b!.id, 'alone', 1);
      await set(c!.id, 'with_children', 3);
      await set(d!.id, 'empty_nest', 2);
      const ds = await Promise.all(Array.from({ length: 10 }, () => device(community)));
      const repo = deviceRepo(env.platform.db);
      for (const [i, e] of [a, b, c, d].entries()) await repo.bind(ds[i]!.id, e!.id, null);
      // Six lose mains power and report it; four just fall silent (their last heartbeats 0–180 s apart).
      for (const [i, x] of ds.entries()) await send(x.id, at(i * 20), {});
      for (const x of ds.slice(0, 6)) await send(x.id, at(300), { type: 'mains_fail' }, 'event');
      await sweep(at(310));
      let open = await env.platform.db
        .select()
        .from(deviceAreaEvents)
        .where(eq(deviceAreaEvents.regionCode, community));
      assert.equal(open.length, 0, 'six mains failures are six tasks, not yet an event');
      await sweep(at(300 + 660 + 1)); // the silent four (heard last at 120–180 s) pass their deadline: ten within 5 min
      open = await env.platform.db
        .select()
        .from(deviceAreaEvents)
        .where(eq(deviceAreaEvents.regionCode, community));
      assert.equal(open.length, 1);
      const ev = open[0]!;
      assert.equal(ev.cause, 'power');
      assert.equal(ev.deviceCount, 10);
      const queue = (await admin.get(`/api/v1/device-tasks?regionCode=${community}`)).json() as Json;
      assert.ok(!queue.items.some((t: Json) => ds.some((x) => x.id === t.deviceId)), 'folded, not queued');
      // A button press from the area during the event opens its own alarm, as any other.
      const [r] = await send(ds[9]!.id, at(1000), { type: 'sos' }, 'event');
      assert.ok(r?.alarmId);
      const [alarm] = await env.platform.db.select().from(alarms).where(eq(alarms.id, r.alarmId));
      assert.equal(alarm?.kind, 'sos');
      assert.equal(alarm?.status, 'open');
      // The seats' list: alone first, then by ability level, then the rest.
      const listed = (await hotline.get('/api/v1/device-area-events')).json() as Json;
      assert.ok(listed.items.some((x: Json) => x.id === ev.id));
      const page = (await hotline.get(`/api/v1/device-area-events/${ev.id}`)).json() as Json;
      assert.deepEqual(
        page.welfare.map((w: Json) => w.elderId),
        [b!.id, c!.id, d!.id, a!.id],
      );
      const outsider = await hotline.post(`/api/v1/device-area-events/${ev.id}/welfare-calls`, {
        elderId: ds[0]!.id,
        outcome: 'ok',
      });
      assert.equal(outsider.statusCode, 422);
      assert.equal(outsider.json().errors[0].pointer, '/body/elderId');
      const ok = await hotline.post(`/api/v1/device-area-events/${ev.id}/welfare-calls`, {
        elderId: b!.id,
        outcome: 'ok',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const help = await hotline.post(`/api/v1/device-area-events/${ev.id}/welfare-calls`, {
        elderId: c!.id,
        outcome: 'needs_help',
        note: '家中停电，需要协助',
      });
      assert.equal(help.statusCode, 200, help.body);
      const row = (help.json() as Json).welfare.find((w: Json) => w.elderId === c!.id);
      assert.equal(row.outcome, 'needs_help');
      const [helpAlarm] = await env.platform.db.select().from(alarms).where(eq(alarms.id, row.alarmId));
      assert.equal(helpAlarm?.source, 'hotline');
      assert.deepEqual(helpAlarm?.elderIds, [c!.id]);
      // A seat corrects the cause (the power company confirmed a cut); a cause that is none is refused.
      const corrected = await hotline.patch(`/api/v1/device-area-events/${ev.id}`, { cause: 'network' });
      assert.equal(corrected.statusCode, 200, corrected.body);
      assert.equal((corrected.json() as Json).cause, 'network');
      const wrong = await hotline.patch(`/api/v1/device-area-events/${ev.id}`, { cause: 'storm' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().errors[0].pointer, '/body/cause');
      const bare = await hotline.patch(`/api/v1/device-area-events/${ev.id}`, { close: true });
      assert.equal(bare.statusCode, 422);
      assert.equal(bare.json().errors[0].pointer, '/body/note');
      // Power back: every device reports, the tasks close, the event ends.
      for (const x of ds) await send(x.id, at(1200), { type: 'mains_ok' }, 'event');
      await sweep(at(1210));
      const [ended] = await env.platform.db
        .select()
        .from(deviceAreaEvents)
        .where(eq(deviceAreaEvents.id, ev.id));
      assert.equal(ended?.closedBy, 'recovered');
      const late = await hotline.patch(`/api/v1/device-area-events/${ev.id}`, { cause: 'power' });
      assert.equal(late.statusCode, 409);
      // An event a seat ends by hand (some devices stay silent: their tasks stay with the maintainer).
      const [manual] = await env.platform.db
        .insert(deviceAreaEvents)
        .values({
          regionCode: ev.regionCode,
          cause: 'unknown',
          openedAt: at(1300),
          firstSignalAt: at(1290),
          deviceCount: 12,
        })
        .returning();
      const closed = await hotline.patch(`/api/v1/device-area-events/${manual!.id}`, {
        close: true,
        cause: 'power',
        note: '供电公司确认已恢复供电',
      });
      assert.equal(closed.statusCode, 200, closed.body);
      const [row2] = await env.platform.db
        .select()
        .from(deviceAreaEvents)
        .where(eq(deviceAreaEvents.id, manual!.id));
      assert.deepEqual(
        [row2?.closedBy, row2?.cause, row2?.note],
        ['manual', 'power', '供电公司确认已恢复供电'],
      );
    });

    test('a verified visit to the bound elder closes the offline task; an unverified one does not', async () => {
      // The demo seed made visits through the real commands: most are verified, some are not.
      const orders = (
        (await env.platform.db.execute(
          sql`SELECT id, elder_id FROM orders ORDER BY created_at LIMIT 200`,
        )) as unknown as { rows: { id: string; elder_id: string }[] }
      ).rows;
      const verified = await verifiedVisits(
        env.platform.db,
        orders.map((o) => o.id),
      );
      const yes = orders.find((o) => verified.has(o.id))!;
      const no = orders.find((o) => !verified.has(o.id) && o.elder_id !== yes.elder_id)!;
      assert.ok(yes && no, 'the seed has verified and unverified visits');
      const d = await device(others[0]!);
      const repo = deviceRepo(env.platform.db);
      await repo.bind(d.id, yes.elder_id, null);
      await repo.bind(d.id, no.elder_id, null);
      await send(d.id, at(5000), {});
      await sweep(at(6000));
      const confirmed = (o: { id: string; elder_id: string }) =>
        health.onEvent({
          id: 1,
          topic: 'order.confirmed',
          payload: { id: o.id, from: 'checked_out', to: 'confirmed', elderId: o.elder_id, providerId: null },
          regionCode: null,
          organisationId: null,
          createdAt: at(6100).toISOString(),
        });
      await confirmed(no);
      assert.equal((await tasksOf(d.id))[0]?.closedAt, null, 'not verified: still open');
      await confirmed(yes);
      const [task] = await tasksOf(d.id);
      assert.equal(task?.closedBy, 'visit');
      await confirmed(yes); // a second delivery changes nothing
      assert.equal((await tasksOf(d.id)).filter((t) => t.closedAt === null).length, 0);
    });
  });
}
