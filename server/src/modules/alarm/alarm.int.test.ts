import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { transact } from '../../platform/uow.ts';
import { orders } from '../order/order.table.ts';
import { regions } from '../region/region.table.ts';
import { alarmModule } from './alarm.module.ts';
import { openAlarm } from './alarm.open.ts';
import type { AlarmService } from './alarm.service.ts';
import { alarmDutyShifts, alarmNotifications, alarms, alarmTimers } from './alarm.table.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The alarm path (issue 16 §3–5, decision 9xx-alarms) on the demo district: the seat, supervisor, duty
 * officer and two responders of the demo seed, the demo elder and their son.
 */
for (const target of await dbTargets()) {
  describe(`alarms (${target.name})`, () => {
    let env: TestEnv;
    const c: Record<string, Client> = {};
    let elderId: string;
    let communityCode: string;
    let service: AlarmService;

    before(async () => {
      env = await startTestEnv(target);
      for (const u of [
        'hotline',
        'supervisor',
        'dutyofficer',
        'responder',
        'responder2',
        'elder',
        'family',
        'admin',
      ])
        c[u] = await env.login(u);
      elderId = ((await c.elder!.get('/api/v1/elders')).json() as Json).items[0].id;
      communityCode = ((await c.elder!.get(`/api/v1/elders/${elderId}`)).json() as Json).regionCode;
      service = (env.services as unknown as { alarms: AlarmService }).alarms;
    });
    after(() => env?.close());

    const deviceAlarm = async (over: Json = {}) =>
      (
        await transact(env.platform, SYSTEM_ACTOR, (tx, uow) =>
          openAlarm(tx, uow, {
            source: 'device',
            kind: 'fall',
            deviceId: randomUUID(),
            deviceSerial: null,
            elderIds: [elderId],
            regionCode: communityCode,
            position: null,
            occurredAt: new Date(),
            messageId: randomUUID(),
            ...over,
          }),
        )
      ).alarmId;
    const cmd = (who: Client, id: string, command: string, body: Json = {}) =>
      who.post(`/api/v1/alarms/${id}/${command}`, body);
    const row = async (id: string) =>
      (await env.platform.db.select().from(alarms).where(eq(alarms.id, id)))[0]!;
    const sent = (id: string) =>
      env.platform.db.select().from(alarmNotifications).where(eq(alarmNotifications.alarmId, id));
    /** Makes every unfired timer of the alarm due now, then runs the ladder as its schedule does. */
    const fireNow = async (id: string) => {
      await env.platform.db
        .update(alarmTimers)
        .set({ dueAt: sql`now() - interval '1 second'` })
        .where(and(eq(alarmTimers.alarmId, id), sql`fired_at IS NULL`));
      return service.ladder.fireDue();
    };

    test('the demo seed made a history through the commands: real with a follow-up order, false, test, one open', async () => {
      const list = (await c.hotline!.get('/api/v1/alarms')).json() as Json;
      const outcomes = new Set(list.items.map((a: Json) => a.outcome));
      for (const o of ['real', 'false_alarm', 'test', 'device_fault']) assert.ok(outcomes.has(o), o);
      assert.ok(list.items.some((a: Json) => a.status === 'open'));
      const real = list.items.find((a: Json) => a.outcome === 'real');
      assert.ok(real.followUpOrderId, 'a follow-up visit order');
      assert.ok(real.arriveDistanceM !== null);
      const duty = (await c.hotline!.get('/api/v1/alarm-duty')).json() as Json;
      assert.ok(duty.mine, 'the seat is on duty now');
      assert.ok(duty.onDuty.some((s: Json) => s.role === 'duty_officer'));
    });

    test('the elder presses SOS on the phone: an alarm opens with the position, the family is told', async () => {
      const res = await c.elder!.post('/api/v1/alarms', { position: { lat: 29.85, lng: 106.05 } });
      assert.equal(res.statusCode, 201, res.body);
      const a = res.json() as Json;
      assert.equal(a.source, 'phone_sos');
      assert.deepEqual(a.position, { lat: 29.85, lng: 106.05 });
      assert.deepEqual(a.elders, [], 'the phone is shown no one’s details');
      // A second press folds into it.
      const again = (await c.elder!.post('/api/v1/alarms', {})).json() as Json;
      assert.equal(again.id, a.id);
      assert.equal(again.repeatCount, 2);
      await fireNow(a.id);
      const msgs = await sent(a.id);
      assert.ok(
        msgs.some((m) => m.template === 'alarm.family_opened'),
        JSON.stringify(msgs),
      );
      // On the seat's screen pop: the elder, contacts, the ladder, the family's notification.
      const pop = (await c.hotline!.get(`/api/v1/alarms/${a.id}`)).json() as Json;
      assert.equal(pop.elders[0].id, elderId);
      assert.ok(pop.elders[0].contacts.length >= 1);
      assert.equal(pop.elders[0].address, null, 'the seat sees the address masked');
      assert.ok(pop.ladder.some((t: Json) => t.step === 'opened' && t.firedAt));
      assert.ok(pop.notifications.length >= 1);
      // The family member raises one for the elder too (alarm:raise, bound with consent).
      const fam = await c.family!.post('/api/v1/alarms', { elderId, kind: 'sos' });
      assert.equal(fam.statusCode, 201, fam.body);
      assert.equal((fam.json() as Json).id, a.id, 'folds into the elder’s open phone alarm');
      assert.equal((await cmd(c.hotline!, a.id, 'acknowledge')).statusCode, 200);
      assert.equal((await cmd(c.hotline!, a.id, 'close', { outcome: 'test' })).statusCode, 200);
    });

    test('acknowledging is a claim: of 5 concurrent seats one wins, the others are told who has it', async () => {
      const id = await deviceAlarm();
      const seats = [c.hotline!, c.supervisor!, c.dutyofficer!, c.admin!, c.supervisor!];
      const res = await Promise.all(seats.map((s) => cmd(s, id, 'acknowledge')));
      const won = res.filter((r) => r.statusCode === 200);
      assert.equal(won.length, 1, res.map((r) => r.statusCode).join());
      const winner = (won[0]!.json() as Json).seat.name as string;
      for (const r of res.filter((x) => x.statusCode !== 200)) {
        assert.equal(r.statusCode, 409);
        const p = r.json() as Json;
        assert.equal(p.code, 'alarm.already_claimed');
        assert.ok(String(p.detail).includes(winner), p.detail);
      }
      const events = await env.platform.db.execute(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ${id} AND action = 'alarm.acknowledge'`,
      );
      assert.equal((events as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
    });

    test('commands the state does not allow are 409 and change nothing', async () => {
      const id = await deviceAlarm();
      const before = await row(id);
      const closeOpen = await cmd(c.hotline!, id, 'close', { outcome: 'test' });
      assert.equal(closeOpen.statusCode, 409, closeOpen.body);
      assert.equal((closeOpen.json() as Json).code, 'alarm.invalid_state');
      const dispatchOpen = await cmd(c.hotline!, id, 'dispatch', { external: '120' });
      assert.equal(dispatchOpen.statusCode, 409);
      assert.deepEqual(await row(id), before);
      // A seat that did not claim it may not act on it (a supervisor may).
      assert.equal((await cmd(c.supervisor!, id, 'acknowledge')).statusCode, 200);
      const other = await cmd(c.hotline!, id, 'notes', { body: 'x' });
      assert.equal(other.statusCode, 403);
      assert.equal((other.json() as Json).code, 'alarm.not_your_claim');
      assert.equal((await cmd(c.supervisor!, id, 'close', { outcome: 'false_alarm' })).statusCode, 200);
    });

    test('dispatch ranks the nearest responder; they alone see it, accept and arrive; close real orders a follow-up visit', async () => {
      const id = await deviceAlarm({ position: { lat: 29.9, lng: 106.1 } });
      assert.equal((await cmd(c.hotline!, id, 'acknowledge')).statusCode, 200);
      const note = await cmd(c.hotline!, id, 'notes', {
        kind: 'callback',
        body: '回拨老人，无应答',
        number: '13912345678',
      });
      assert.equal(note.statusCode, 200, note.body);
      const n = (note.json() as Json).notes.at(-1);
      assert.equal(n.numberMasked, '139****5678');
      const ranked = ((await c.hotline!.get(`/api/v1/alarms/${id}/responders`)).json() as Json).items;
      assert.ok(ranked.length >= 2, JSON.stringify(ranked));
      const free = ranked.filter((r: Json) => !r.busy);
      for (let i = 1; i < free.length; i++) assert.ok(free[i - 1].distanceKm <= free[i].distanceKm);
      const me = (await c.responder!.get('/api/v1/me')).json() as Json;
      const first = free[0].userId === me.id ? c.responder! : c.responder2!;
      const second = first === c.responder! ? c.responder2! : c.responder!;
      assert.equal((await first.get(`/api/v1/alarms/${id}`)).statusCode, 404, 'not before dispatch');
      const d = await cmd(c.hotline!, id, 'dispatch', { responderId: free[0].userId });
      assert.equal(d.statusCode, 200, d.body);
      const mine = (await first.get('/api/v1/alarms?state=open')).json() as Json;
      assert.deepEqual(
        mine.items.map((a: Json) => a.id),
        [id],
      );
      assert.equal((await second.get(`/api/v1/alarms/${id}`)).statusCode, 404);
      assert.equal((await cmd(second, id, 'accept')).statusCode, 404);
      const view = (await first.get(`/api/v1/alarms/${id}`)).json() as Json;
      assert.ok(view.elders[0].address, 'the responder gets the address to go to');
      assert.deepEqual(view.ladder, [], 'but not the ladder');
      assert.equal((await cmd(first, id, 'accept')).statusCode, 200);
      const arrived = await cmd(first, id, 'arrive', { position: { lat: 29.9005, lng: 106.1 } });
      assert.equal(arrived.statusCode, 200, arrived.body);
      const distance = (arrived.json() as Json).arriveDistanceM;
      assert.ok(distance >= 40 && distance <= 70, String(distance));
      const closed = await cmd(c.hotline!, id, 'close', { outcome: 'real', note: '老人跌倒，已送医' });
      assert.equal(closed.statusCode, 200, closed.body);
      const orderId = (closed.json() as Json).followUpOrderId;
      assert.ok(orderId, 'a follow-up visit order');
      const [order] = await env.platform.db.select().from(orders).where(eq(orders.id, orderId));
      assert.equal(order!.elderId, elderId);
      assert.equal(order!.itemCode, 'TF0101');
      assert.equal((await first.get(`/api/v1/alarms/${id}`)).statusCode, 404, 'the grant ends at close');
    });

    test('the seat opens one from a 12349 call, the elder found by the caller’s number', async () => {
      // A number of the elder's own (the generated demo numbers may repeat across elders).
      const version = ((await c.admin!.get(`/api/v1/elders/${elderId}`)).json() as Json).version;
      const phone = '13700001234';
      const patched = await c.admin!.patch(`/api/v1/elders/${elderId}`, {
        phone,
        version,
        reason: '核对联系电话',
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const res = await c.hotline!.post('/api/v1/alarms', { callerPhone: phone, note: '老人来电说头晕' });
      assert.equal(res.statusCode, 201, res.body);
      const a = res.json() as Json;
      assert.equal(a.source, 'hotline');
      assert.equal(a.status, 'acknowledged', 'claimed by the seat that took the call');
      assert.deepEqual(a.elderIds, [elderId]);
      assert.equal(a.notes[0].body, '老人来电说头晕');
      const unknown = await c.hotline!.post('/api/v1/alarms', { callerPhone: '13000000001' });
      assert.equal(unknown.statusCode, 422);
      // The medical summary: revealed only on request, audited with the alarm as the reason.
      const med = await c.hotline!.post(`/api/v1/alarms/${a.id}/reveal`, { reason: '急救需要' });
      assert.equal(med.statusCode, 200, med.body);
      assert.ok('health' in (med.json() as Json));
      const au = await env.platform.db.execute(
        sql`SELECT reason FROM audit_events WHERE action = 'elder.view_sensitive' AND entity_id = ${elderId} ORDER BY chain DESC, id DESC LIMIT 1`,
      );
      assert.match(
        String((au as unknown as { rows: { reason: string }[] }).rows[0]!.reason),
        new RegExp(a.id),
      );
      assert.equal((await cmd(c.hotline!, a.id, 'close', { outcome: 'false_alarm' })).statusCode, 200);
    });

    test('the ladder: unclaimed → supervisor; a responder who does not accept → the next; nobody on site → duty officer', async () => {
      const supervisor = (await c.supervisor!.get('/api/v1/me')).json() as Json;
      const officer = (await c.dutyofficer!.get('/api/v1/me')).json() as Json;
      const id = await deviceAlarm();
      await fireNow(id); // opened: family told, the claim timer set
      await fireNow(id); // ack_overdue: the alarm is still open
      const msgs = await sent(id);
      assert.ok(
        msgs.some((m) => m.template === 'alarm.escalated_ack_overdue' && m.toUserId === supervisor.id),
        JSON.stringify(msgs.map((m) => m.template)),
      );
      assert.equal((await row(id)).escalationLevel, 1);
      assert.equal((await cmd(c.hotline!, id, 'acknowledge')).statusCode, 200);
      const ranked = ((await c.hotline!.get(`/api/v1/alarms/${id}/responders`)).json() as Json).items.filter(
        (r: Json) => !r.busy,
      );
      assert.equal(
        (await cmd(c.hotline!, id, 'dispatch', { responderId: ranked[0].userId })).statusCode,
        200,
      );
      // The accept timer fires: the next responder is sent.
      await env.platform.db
        .update(alarmTimers)
        .set({ dueAt: sql`now() - interval '1 second'` })
        .where(and(eq(alarmTimers.alarmId, id), eq(alarmTimers.step, 'accept_overdue')));
      await service.ladder.fireDue();
      const after = await row(id);
      assert.equal(after.responderId, ranked[1].userId);
      assert.deepEqual(after.triedResponders, [ranked[0].userId]);
      // Nobody arrives: the duty officer is told.
      await env.platform.db
        .update(alarmTimers)
        .set({ dueAt: sql`now() - interval '1 second'` })
        .where(and(eq(alarmTimers.alarmId, id), eq(alarmTimers.step, 'arrive_overdue')));
      await service.ladder.fireDue();
      assert.ok(
        (await sent(id)).some(
          (m) => m.template === 'alarm.escalated_arrive_overdue' && m.toUserId === officer.id,
        ),
      );
      const pop = (await c.hotline!.get(`/api/v1/alarms/${id}`)).json() as Json;
      assert.ok(pop.ladder.filter((t: Json) => t.firedAt).length >= 4, JSON.stringify(pop.ladder));
      assert.equal((await cmd(c.hotline!, id, 'close', { outcome: 'false_alarm' })).statusCode, 200);
    });

    test('no seat on duty: the duty officer is told at once', async () => {
      const officer = (await c.dutyofficer!.get('/api/v1/me')).json() as Json;
      const shifts = await env.platform.db.select().from(alarmDutyShifts);
      assert.equal((await c.hotline!.post('/api/v1/alarm-duty/sign-off', {})).statusCode, 200);
      assert.equal((await c.supervisor!.post('/api/v1/alarm-duty/sign-off', {})).statusCode, 200);
      const id = await deviceAlarm();
      await fireNow(id);
      assert.ok(
        (await sent(id)).some((m) => m.template === 'alarm.escalated_no_seat' && m.toUserId === officer.id),
      );
      const on = await c.hotline!.post('/api/v1/alarm-duty/sign-on', { role: 'hotline_operator' });
      assert.equal(on.statusCode, 200, on.body);
      assert.equal((on.json() as Json).mine.role, 'hotline_operator');
      assert.equal(
        (await c.hotline!.post('/api/v1/alarm-duty/sign-on', { role: 'duty_officer' })).statusCode,
        422,
        'not a role the seat holds',
      );
      assert.ok(shifts.length >= 3);
      assert.equal(
        (await c.supervisor!.post('/api/v1/alarm-duty/sign-on', { role: 'seat_supervisor' })).statusCode,
        200,
      );
    });

    test('a timer due while the server was down fires on the schedule’s first run', async () => {
      const id = await deviceAlarm();
      await env.platform.db.delete(alarmTimers).where(eq(alarmTimers.alarmId, id));
      await env.platform.db
        .insert(alarmTimers)
        .values({ alarmId: id, step: 'ack_overdue', dueAt: new Date(Date.now() - 3_600_000) });
      const schedule = alarmModule.schedules!.find((s) => s.name === 'alarm ladder')!;
      const result = (await schedule.run({ alarms: service }, {} as never)) as Json;
      assert.ok(result.fired >= 1);
      const [t] = await env.platform.db.select().from(alarmTimers).where(eq(alarmTimers.alarmId, id));
      assert.ok(t!.firedAt);
      assert.match(t!.result!, /ack_overdue: told/);
    });

    test('another street sees nothing of these alarms', async () => {
      const communities = await env.platform.db.select().from(regions).where(eq(regions.kind, 'community'));
      const other = communities.find((r) => r.parentCode !== `${communityCode.slice(0, 9)}000`)!;
      const created = await c.admin!.post('/api/v1/users', {
        username: 'other_seat',
        displayName: '外街坐席',
        password: 'Other-Seat-2026!',
        roles: ['hotline_operator'],
        regionCode: other.code,
      });
      assert.equal(created.statusCode, 201, created.body);
      const outsider = await env.login('other_seat', 'Other-Seat-2026!');
      const id = await deviceAlarm();
      const list = (await outsider.get('/api/v1/alarms')).json() as Json;
      assert.ok(!list.items.some((a: Json) => a.id === id));
      assert.equal((await outsider.get(`/api/v1/alarms/${id}`)).statusCode, 404);
      assert.equal((await cmd(outsider, id, 'acknowledge')).statusCode, 404);
      assert.equal((await row(id)).status, 'open');
    });
  });
}
