import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import ExcelJS from '../../platform/exceljs.ts';
import { devices } from '../device/device.table.ts';
import { users } from '../user/user.table.ts';
import { monthWindow } from './alarm.stats.ts';
import { alarms } from './alarm.table.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** China time → instant. */
const cn = (local: string) => new Date(`${local}+08:00`);
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

test('a month of China time runs from its first midnight to the next month’s, leap February included', () => {
  assert.deepEqual(monthWindow('2024-02'), {
    from: new Date('2024-01-31T16:00:00Z'),
    to: new Date('2024-02-29T16:00:00Z'),
  });
  assert.equal(monthWindow('2025-12')?.to.toISOString(), '2025-12-31T16:00:00.000Z');
  assert.equal(monthWindow('2025-13'), null);
});

/**
 * The answering statistics (issue 17 §4, decision 026) on a month of hand-made alarms in the demo district,
 * March 2025 (China time), long before the demo seed's alarms: every figure is known.
 */
for (const target of await dbTargets()) {
  describe(`alarm statistics (${target.name})`, () => {
    let env: TestEnv;
    const c: Record<string, Client> = {};
    let community: string;
    let buttonId: string;

    before(async () => {
      env = await startTestEnv(target);
      for (const u of ['hotline', 'admin', 'village', 'caregiver']) c[u] = await env.login(u);
      const elderId = ((await c.hotline!.get('/api/v1/elders')).json() as Json).items[0].id;
      community = ((await c.hotline!.get(`/api/v1/elders/${elderId}`)).json() as Json).regionCode;
      const seats = await env.platform.db
        .select({ id: users.id, username: users.username })
        .from(users)
        .where(inArray(users.username, ['hotline', 'supervisor']));
      const seat = (u: string) => seats.find((s) => s.username === u)!.id;
      buttonId = randomUUID();
      await env.platform.db.insert(devices).values({
        id: buttonId,
        type: 'button',
        vendor: 'stats-test',
        serial: `S-${buttonId.slice(0, 8)}`,
        regionCode: community,
      });
      const base = { regionCode: community, kind: 'sos', elderIds: [elderId] };
      const claimed = (who: string, name: string, at: Date, after: number) => ({
        seatUserId: seat(who),
        seatName: name,
        acknowledgedAt: plus(at, after),
      });
      const closed = (at: Date, outcome: string) => ({ status: 'closed', closedAt: at, outcome });
      const t1 = cn('2025-03-01T00:00:00');
      const t2 = cn('2025-03-10T09:00:00');
      const t3 = cn('2025-03-10T10:00:00');
      const t4 = cn('2025-03-31T23:59:59');
      const t5 = cn('2025-04-01T00:00:00');
      const t6 = cn('2025-03-15T08:00:00');
      const t7 = cn('2025-03-15T09:00:00');
      const row = (at: Date, source: string, over: Partial<typeof alarms.$inferInsert>) => ({
        ...base,
        source,
        occurredAt: at,
        receivedAt: at,
        ...over,
      });
      await env.platform.db.insert(alarms).values([
        // 1: the month's first instant; claimed in 30 s, at the door in 40 min, real.
        row(t1, 'phone_sos', {
          ...claimed('hotline', '坐席甲', t1, 30),
          dispatchKind: 'responder',
          dispatchedAt: plus(t1, 60),
          arrivedAt: plus(t1, 40 * 60),
          ...closed(plus(t1, 3600), 'real'),
        }),
        // 2: a call button, claimed in 90 s, false.
        row(t2, 'device', {
          deviceId: buttonId,
          kind: 'fall',
          ...claimed('hotline', '坐席甲', t2, 90),
          ...closed(plus(t2, 600), 'false_alarm'),
        }),
        // 3: claimed in 200 s, a test.
        row(t3, 'hotline', { ...claimed('supervisor', '坐席乙', t3, 200), ...closed(plus(t3, 600), 'test') }),
        // 4: the month's last second, never claimed.
        row(t4, 'hotline', {}),
        // 5: April: not in March.
        row(t5, 'hotline', { ...claimed('hotline', '坐席甲', t5, 5), ...closed(plus(t5, 60), 'real') }),
        // 6: claimed in 10 s, at the door after 50 min, real.
        row(t6, 'hotline', {
          ...claimed('supervisor', '坐席乙', t6, 10),
          dispatchKind: 'responder',
          dispatchedAt: plus(t6, 60),
          arrivedAt: plus(t6, 50 * 60),
          ...closed(plus(t6, 7200), 'real'),
        }),
        // 7: claimed in 20 s, a responder sent, stood down before arriving: false.
        row(t7, 'hotline', {
          ...claimed('supervisor', '坐席乙', t7, 20),
          dispatchKind: 'responder',
          dispatchedAt: plus(t7, 60),
          ...closed(plus(t7, 900), 'false_alarm'),
        }),
      ]);
    });
    after(() => env?.close());

    const stats = async (who: Client, query: string) => {
      const res = await who.get(`/api/v1/stats/alarms?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Json;
    };

    test('shares within 60 s and 180 s, at the door within 45 min, false alarms: the month’s known figures', async () => {
      const s = await stats(c.hotline!, `regionCode=${community}&month=2025-03`);
      assert.equal(s.month, '2025-03');
      assert.equal(s.from, '2025-02-28T16:00:00.000Z');
      assert.deepEqual(
        [s.total, s.acknowledged, s.ack60, s.ack180, s.doorDue, s.door45, s.coded, s.falseAlarms, s.open],
        [6, 5, 3, 4, 2, 1, 4, 2, 1],
      );
      assert.deepEqual([s.ack60Share, s.ack180Share, s.door45Share, s.falseShare], [0.5, 0.6667, 0.5, 0.5]);
      assert.deepEqual(s.targets, { ack60: 0.985, ack180: 0.99, door45: 0.9 });
      assert.equal(s.ackP50Seconds, 30);
      assert.equal(s.doorP50Minutes, 45);
      assert.deepEqual(s.byOutcome, [
        { outcome: 'false_alarm', count: 2 },
        { outcome: 'real', count: 2 },
        { outcome: 'test', count: 1 },
        { outcome: null, count: 1 },
      ]);
      assert.deepEqual(s.byKind, [
        { kind: 'sos', count: 5 },
        { kind: 'fall', count: 1 },
      ]);
    });

    test('false alarms per device type and per seat, and the month per day in China time', async () => {
      const s = await stats(c.hotline!, `regionCode=${community}&month=2025-03`);
      const type = (t: string) => s.byDeviceType.find((x: Json) => x.type === t);
      assert.deepEqual([type('button').total, type('button').falseShare], [1, 1]);
      assert.deepEqual([type('phone_sos').total, type('phone_sos').falseShare], [1, 0]);
      assert.deepEqual([type('hotline').total, type('hotline').falseShare], [4, 0.5]);
      const seat = (n: string) => s.bySeat.find((x: Json) => x.seatName === n);
      assert.deepEqual(
        [seat('坐席甲').total, seat('坐席甲').ack60Share, seat('坐席甲').ackP50Seconds],
        [2, 0.5, 60],
      );
      assert.deepEqual(
        [seat('坐席乙').total, seat('坐席乙').ack60Share, seat('坐席乙').falseShare],
        [3, 0.6667, 0.5],
      );
      assert.deepEqual(
        s.daily.map((d: Json) => [d.date, d.total]),
        [
          ['2025-03-01', 1],
          ['2025-03-10', 2],
          ['2025-03-15', 2],
          ['2025-03-31', 1],
        ],
      );
      assert.deepEqual(s.byRegion, []); // a community has no child regions
    });

    test('the district rolls the community up into its street; a user sees only their own region', async () => {
      const district = await stats(c.admin!, 'month=2025-03');
      const street = district.byRegion.find((r: Json) => community.startsWith(r.regionCode.slice(0, 9)));
      assert.ok(street, 'the community’s street is listed');
      assert.equal(street.total, 6);
      assert.equal(street.door45Share, 0.5);

      const village = ((await c.village!.get('/api/v1/me')).json() as Json).regionCode as string;
      assert.notEqual(village, community);
      assert.equal((await stats(c.village!, 'month=2025-03')).total, 0);
      const out = await c.village!.get(`/api/v1/stats/alarms?regionCode=${community}&month=2025-03`);
      assert.ok([403, 422].includes(out.statusCode), out.body);
      assert.equal((await c.caregiver!.get('/api/v1/stats/alarms')).statusCode, 403);
    });

    test('a month that is not one is a problem at /query/month; an empty month has no shares, not 0 %', async () => {
      for (const month of ['2025-13', '2025-3', 'march']) {
        const res = await c.hotline!.get(`/api/v1/stats/alarms?month=${month}`);
        assert.equal(res.statusCode, 400, month);
        const p = res.json() as Json;
        assert.equal(p.errors[0].pointer, '/query/month');
        assert.equal(p.errors[0].code, 'common.invalid_format');
      }
      const empty = await stats(c.hotline!, `regionCode=${community}&month=2024-01`);
      assert.deepEqual([empty.total, empty.ack60Share, empty.falseShare], [0, null, null]);
    });

    test('devices online: heard from within two heartbeat intervals and 60 s', async () => {
      const before = (await stats(c.hotline!, `regionCode=${community}`)).devices;
      const now = Date.now();
      await env.platform.db.insert(devices).values([
        {
          type: 'watch',
          vendor: 'stats-test',
          serial: `on-${now}`,
          regionCode: community,
          heartbeatSeconds: 300,
          lastSeenAt: new Date(now - 600_000),
        },
        {
          type: 'watch',
          vendor: 'stats-test',
          serial: `off-${now}`,
          regionCode: community,
          heartbeatSeconds: 300,
          lastSeenAt: new Date(now - 700_000),
        },
      ]);
      const after = (await stats(c.hotline!, `regionCode=${community}`)).devices;
      assert.equal(after.total, before.total + 2);
      assert.equal(after.online, before.online + 1);
    });

    test('the monthly report: the summary against the targets and a sheet per grouping, in either language', async () => {
      const res = await c.hotline!.get(
        `/api/v1/stats/alarms/report.xlsx?regionCode=${community}&month=2025-03`,
      );
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''.*2025-03\.xlsx/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        ['概况', '每日', '按设备类型', '按坐席', '按区域', '结果与类型'],
      );
      const summary = wb.getWorksheet('概况')!;
      const kpi = summary.getRow(6).values as unknown[];
      assert.deepEqual(kpi.slice(1), ['60秒内认领率', 0.5, 0.985, '否']);
      const seats = wb.getWorksheet('按坐席')!;
      assert.equal(seats.rowCount, 3);

      const en = await c.hotline!.request(
        'GET',
        `/api/v1/stats/alarms/report.xlsx?regionCode=${community}&month=2025-03`,
        undefined,
        { 'accept-language': 'en-US' },
      );
      const wbEn = new ExcelJS.Workbook();
      await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
      assert.equal(wbEn.worksheets[0]!.name, 'Summary');
    });
  });
}
