import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { newElder as buildElder, validIdNumber } from '../../../test/builders.ts';
import { serviceItems } from '../service/service.table.ts';
import { users } from '../user/user.table.ts';
import { orderEvents, orders } from './order.table.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Tomorrow (China time) at hh:00, or `days` ahead. */
const at = (hour: number, days = 1) => {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${d}T${String(hour).padStart(2, '0')}:00:00+08:00`;
};

/**
 * Ordering by every channel, the state machine, dispatch and recurring plans (issue 14 §4–6, decision 021),
 * on the demo district: the demo elder and their son, the hotline, the community worker, the three demo
 * providers and their caregivers (one 健康证 expired), the demo catalogue, contracts and agreements.
 */
for (const target of await dbTargets()) {
  describe(`service orders (${target.name})`, () => {
    let env: TestEnv;
    const c: Record<string, Client> = {};
    let elderId: string;
    let meal: string;
    let bathing: string;
    let agreed: { organisationId: string; agreementId: string | null };
    let admins: Record<string, Client>;
    /** A 66-year-old of the demo community: every item is self-pay for them (no agreement needed). */
    let young: string;
    const youngElder = async (first17: string) => {
      const regionCode = (await c.community!.get('/api/v1/me')).json().regionCode as string;
      return (
        await buildElder(c.community!, regionCode, { name: '自费老人', idNumber: validIdNumber(first17) })
      ).id;
    };

    before(async () => {
      env = await startTestEnv(target);
      for (const u of [
        'elder',
        'family',
        'hotline',
        'community',
        'provider',
        'provider2',
        'provider3',
        'caregiver',
        'caregiver2',
        'cg_1_4',
        'admin',
      ])
        c[u] = await env.login(u);
      elderId = ((await c.elder!.get('/api/v1/elders')).json() as Json).items[0].id;
      const item = async (code: string) =>
        (
          await env.platform.db
            .select()
            .from(serviceItems)
            .where(eq(serviceItems.code, code))
            .orderBy(sql`valid_to NULLS FIRST`)
            .limit(1)
        )[0]!.id;
      meal = await item('SH0101');
      bathing = await item('SH0201');
      const q = (await c.elder!.get(`/api/v1/orders/quote?elderId=${elderId}&itemId=${meal}`)).json() as Json;
      agreed = q.providers.find((p: Json) => p.agreementId) ?? q.providers[0];
      young = await youngElder('65010219600303123');
      admins = {};
      for (const u of ['provider', 'provider2', 'provider3']) {
        const me = (await c[u]!.get('/api/v1/me')).json() as Json;
        admins[me.organisationId] = c[u]!;
      }
    });
    after(() => env?.close());

    const place = async (who: Client, body: Json, key?: string) =>
      who.request(
        'POST',
        '/api/v1/orders',
        { elderId, itemId: meal, plannedStart: at(10), ...body },
        key ? { 'idempotency-key': key } : {},
      );
    const cmd = (who: Client, id: string, command: string, body: Json = {}, key?: string) =>
      who.request('POST', `/api/v1/orders/${id}/${command}`, body, key ? { 'idempotency-key': key } : {});
    const row = async (id: string) =>
      (await env.platform.db.select().from(orders).where(eq(orders.id, id)))[0]!;
    const timeline = async (id: string) =>
      (await env.platform.db.select().from(orderEvents).where(eq(orderEvents.orderId, id))).map(
        (e) => e.action,
      );

    test('the demo seed made two weeks of orders through the commands, a few open, and a plan', async () => {
      const all = await env.platform.db.select().from(orders);
      const by = (st: string) => all.filter((o) => o.status === st).length;
      assert.ok(by('confirmed') >= 5, `confirmed: ${by('confirmed')}`);
      assert.ok(all.some((o) => o.rating !== null));
      assert.ok(by('created') >= 1 && by('accepted') >= 1 && by('assigned') >= 1);
      assert.ok(
        all.some((o) => o.planId !== null),
        'a recurring plan generated orders',
      );
      const channels = new Set(all.map((o) => o.channel));
      for (const ch of ['elder_app', 'family_app', 'hotline', 'community_worker', 'recurring_plan'])
        assert.ok(channels.has(ch), ch);
    });

    test('the quote shows the price, the elder’s share and the providers before confirming', async () => {
      const res = await c.elder!.get(
        `/api/v1/orders/quote?elderId=${elderId}&itemId=${meal}&start=${encodeURIComponent(at(10))}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const q = res.json() as Json;
      assert.equal(q.itemCode, 'SH0101');
      assert.equal(q.priceCents, 1500);
      assert.ok(q.elderShareCents <= q.priceCents);
      assert.ok(q.providers.length >= 1);
    });

    test('the elder orders on the phone; the provider accepts and assigns the suggested caregiver; visit, confirm, rate', async () => {
      const placed = await place(c.elder!, { providerId: agreed.organisationId });
      assert.equal(placed.statusCode, 201, placed.body);
      const o = placed.json() as Json;
      assert.equal(o.status, 'created');
      assert.equal(o.channel, 'elder_app');
      assert.equal(o.priceCents, 1500);
      assert.equal(o.providerId, agreed.organisationId);
      assert.deepEqual(o.commands, ['accept', 'reject', 'cancel']);
      const admin = admins[agreed.organisationId]!;
      const board = (await admin.get('/api/v1/orders?status=created')).json() as Json;
      assert.ok(
        board.items.some((i: Json) => i.id === o.id),
        'on the provider’s board',
      );
      assert.equal((await cmd(admin, o.id, 'accept')).statusCode, 200);
      const sug = (await admin.get(`/api/v1/orders/${o.id}/suggestions`)).json() as Json;
      assert.ok(sug.items.length >= 2, 'the provider’s caregivers');
      const best = sug.items[0];
      assert.equal(best.eligible, true);
      assert.ok(best.reasons.some((r: Json) => r.code === 'credentials_valid'));
      for (const s of sug.items.filter((x: Json) => !x.eligible)) assert.ok(s.missingCredentials.length > 0);
      const assigned = await cmd(admin, o.id, 'assign', { caregiverId: best.caregiverId });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal((assigned.json() as Json).caregiverId, best.caregiverId);
      // The assigned caregiver sees the address and phone while the order is open, no one else does.
      const [who] = await env.platform.db.select().from(users).where(eq(users.id, best.caregiverId));
      const cg = await env.login(who!.username);
      const seen = (await cg.get(`/api/v1/orders/${o.id}`)).json() as Json;
      assert.ok(seen.contact, 'the caregiver sees the contact while assigned');
      assert.equal(((await admin.get(`/api/v1/orders/${o.id}`)).json() as Json).contact, null);
      assert.equal((await cmd(c.elder!, o.id, 'check-in')).statusCode, 403, 'only the caregiver');
      for (const step of ['depart', 'check-in', 'check-out'])
        assert.equal(
          (await cmd(cg, o.id, step, step === 'depart' ? {} : { position: { lat: 29.0, lng: 106.6 } }))
            .statusCode,
          200,
          step,
        );
      const after = (await cg.get(`/api/v1/orders/${o.id}`)).json() as Json;
      assert.equal(after.status, 'checked_out');
      assert.equal(after.contact, null, 'the grant ended at check-out');
      assert.equal((await cmd(c.elder!, o.id, 'confirm')).statusCode, 200);
      const rated = await cmd(c.family!, o.id, 'rate', { rating: 5, comment: '很好' });
      assert.equal(rated.statusCode, 200, rated.body);
      assert.equal((rated.json() as Json).status, 'confirmed', 'a rating is not a state');
      const again = await cmd(c.elder!, o.id, 'rate', { rating: 1 });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(await timeline(o.id), [
        'created',
        'accepted',
        'assigned',
        'departed',
        'checked_in',
        'checked_out',
        'confirmed',
        'rated',
      ]);
    });

    test('every illegal transition is refused with 409 and changes nothing', async () => {
      const o = (
        await place(c.admin!, { plannedStart: at(11), providerId: agreed.organisationId })
      ).json() as Json;
      const admin = admins[agreed.organisationId]!;
      const before = JSON.stringify(await row(o.id));
      const bodies: Json = {
        assign: { caregiverId: o.id },
        reassign: { caregiverId: o.id },
        rate: { rating: 3 },
        dispute: { note: '有问题' },
      };
      for (const command of [
        'assign',
        'reassign',
        'depart',
        'check-in',
        'check-out',
        'confirm',
        'rate',
        'no-show',
        'dispute',
      ]) {
        // The bureau admin holds every permission but visit:perform (the caregiver's, refused at the gate).
        const res = await cmd(c.admin!, o.id, command, bodies[command] ?? {});
        const visit = ['depart', 'check-in', 'check-out'].includes(command);
        assert.equal(res.statusCode, visit ? 403 : 409, `${command}: ${res.statusCode} ${res.body}`);
        if (!visit) {
          const p = res.json() as Json;
          assert.equal(p.code, 'order.invalid_state');
          assert.equal(p.errors[0].pointer, '/status');
        }
      }
      assert.equal(JSON.stringify(await row(o.id)), before, 'nothing changed');
      assert.deepEqual(await timeline(o.id), ['created']);
      // From a terminal state nothing goes.
      assert.equal((await cmd(admin, o.id, 'reject', { reason: 'no_capacity' })).statusCode, 200);
      for (const command of ['accept', 'reject', 'cancel'])
        assert.equal(
          (await cmd(admin, o.id, command, command === 'accept' ? {} : { reason: 'other' })).statusCode,
          409,
          command,
        );
    });

    test('a command replayed with the same Idempotency-Key applies once', async () => {
      const first = await place(
        c.hotline!,
        { plannedStart: at(12), callNote: '老人来电', providerId: agreed.organisationId },
        'order-key-1',
      );
      const second = await place(
        c.hotline!,
        { plannedStart: at(12), callNote: '老人来电', providerId: agreed.organisationId },
        'order-key-1',
      );
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(second.body, first.body);
      assert.ok(second.headers['idempotent-replayed']);
      const o = first.json() as Json;
      assert.equal(o.channel, 'hotline');
      assert.equal(o.callNote, '老人来电');
      const count = await env.platform.db
        .select({ n: sql<number>`count(*)::int` })
        .from(orders)
        .where(and(eq(orders.elderId, elderId), eq(orders.plannedStart, new Date(at(12)))));
      assert.equal(count[0]!.n, 1, 'one order');
      const admin = admins[agreed.organisationId]!;
      const a1 = await cmd(admin, o.id, 'accept', {}, 'accept-key-1');
      const a2 = await cmd(admin, o.id, 'accept', {}, 'accept-key-1');
      assert.equal(a1.statusCode, 200);
      assert.equal(a2.statusCode, 200);
      assert.ok(a2.headers['idempotent-replayed']);
      assert.deepEqual(await timeline(o.id), ['created', 'accepted']);
    });

    test('family orders only with consent; others’ elders and other scopes are refused with a pointer', async () => {
      const fam = await place(c.family!, { plannedStart: at(13), providerId: agreed.organisationId });
      assert.equal(fam.statusCode, 201, fam.body);
      const o = fam.json() as Json;
      assert.equal(o.channel, 'family_app');
      assert.equal(o.consent.basis, 'family_binding_consent');
      const regionCode = (await c.community!.get('/api/v1/me')).json().regionCode as string;
      const other = await buildElder(c.community!, regionCode, {
        name: '不相关',
        idNumber: validIdNumber('65010219400101123'),
      });
      for (const who of ['family', 'elder', 'provider'] as const) {
        const res = await place(c[who]!, { elderId: other.id });
        assert.ok([403].includes(res.statusCode), `${who}: ${res.statusCode}`);
        if (who !== 'provider') assert.equal((res.json() as Json).errors[0].pointer, '/body/elderId');
      }
      // Family and elder see the elder's orders; a caregiver not assigned sees none of them.
      assert.equal((await c.family!.get(`/api/v1/orders/${o.id}`)).statusCode, 200);
      assert.equal((await c.cg_1_4!.get(`/api/v1/orders/${o.id}`)).statusCode, 404);
    });

    test('bad input: not contracted, no credential, past start — each with a pointer, nothing made', async () => {
      const q = (
        await c.admin!.get(`/api/v1/orders/quote?elderId=${young}&itemId=${bathing}`)
      ).json() as Json;
      assert.equal(q.fundingSource, 'self_pay');
      const contracted = new Set(q.providers.map((p: Json) => p.organisationId));
      const outsider = Object.keys(admins).find((id) => !contracted.has(id));
      assert.ok(outsider, 'a demo provider not contracted for bathing here');
      const before = (await env.platform.db.select({ n: sql<number>`count(*)::int` }).from(orders))[0]!.n;
      const res = await place(c.admin!, {
        elderId: young,
        itemId: bathing,
        providerId: outsider,
        plannedStart: at(9, 2),
      });
      assert.equal(res.statusCode, 422, res.body);
      const e = (res.json() as Json).errors[0];
      assert.deepEqual([e.pointer, e.code], ['/body/providerId', 'order.provider_not_contracted']);
      const past = await place(c.admin!, { elderId: young, plannedStart: '2020-01-01T09:00:00+08:00' });
      assert.equal(past.statusCode, 422);
      assert.equal((past.json() as Json).errors[0].pointer, '/body/plannedStart');
      assert.equal(
        (await env.platform.db.select({ n: sql<number>`count(*)::int` }).from(orders))[0]!.n,
        before,
      );
      // Bathing needs a 养老护理员 certificate: each demo provider has a caregiver without one.
      const providerId = q.providers[0].organisationId as string;
      const placed = await place(c.admin!, {
        elderId: young,
        itemId: bathing,
        providerId,
        plannedStart: at(9, 3),
      });
      assert.equal(placed.statusCode, 201, placed.body);
      const o = placed.json() as Json;
      const admin = admins[providerId]!;
      assert.equal((await cmd(admin, o.id, 'accept')).statusCode, 200);
      const sug = (await admin.get(`/api/v1/orders/${o.id}/suggestions`)).json() as Json;
      const lacking = sug.items.find((s: Json) => s.missingCredentials.includes('caregiver'));
      assert.ok(lacking, 'a caregiver without the certificate');
      assert.equal(lacking.eligible, false);
      const refused = await cmd(admin, o.id, 'assign', { caregiverId: lacking.caregiverId });
      assert.equal(refused.statusCode, 422, refused.body);
      const p = refused.json() as Json;
      assert.deepEqual(
        [p.errors[0].pointer, p.errors[0].code],
        ['/body/caregiverId', 'order.caregiver_lacks_credential'],
      );
      assert.equal((await row(o.id)).status, 'accepted', 'nothing changed');
    });

    test('a caregiver with another assigned visit in the window is not available for it', async () => {
      const q = (await c.admin!.get(`/api/v1/orders/quote?elderId=${young}&itemId=${meal}`)).json() as Json;
      const providerId = q.providers[0].organisationId as string;
      const admin = admins[providerId]!;
      const accepted = async (start: string) => {
        const placed = await place(c.admin!, { elderId: young, providerId, plannedStart: start });
        assert.equal(placed.statusCode, 201, placed.body);
        const id = (placed.json() as Json).id as string;
        assert.equal((await cmd(admin, id, 'accept')).statusCode, 200);
        return id;
      };
      const suggested = async (id: string) =>
        ((await admin.get(`/api/v1/orders/${id}/suggestions`)).json() as Json).items as Json[];
      // A weekday morning some days ahead where someone eligible is on shift.
      let first = '';
      let free: Json | undefined;
      for (let days = 4; days < 11 && !free; days++) {
        first = await accepted(at(10, days));
        free = (await suggested(first)).find((s) => s.eligible && s.available);
      }
      assert.ok(free, 'an eligible caregiver on shift');
      const second = await accepted((await row(first)).plannedStart.toISOString());
      assert.ok((await suggested(second)).find((s) => s.caregiverId === free.caregiverId)!.available);
      const assigned = await cmd(admin, first, 'assign', { caregiverId: free.caregiverId });
      assert.equal(assigned.statusCode, 200, assigned.body);
      const now = (await suggested(second)).find((s) => s.caregiverId === free.caregiverId)!;
      assert.equal(now.available, false);
      assert.ok(now.reasons.some((r: Json) => r.code === 'unavailable'));
      // The order she is assigned to does not make her busy for itself.
      assert.equal((await row(first)).caregiverId, free.caregiverId);
    });

    test('an expired 健康证 makes a caregiver ineligible and blocks her assignment', async () => {
      const cg2 = (await c.caregiver2!.get('/api/v1/me')).json() as Json;
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const candidates = (await env.platform.db.select().from(serviceItems)).filter(
        (i) => i.requiredCredentials.includes('health_certificate') && (!i.validTo || i.validTo >= today),
      );
      let itemId: string | null = null;
      for (const i of candidates) {
        const q = (await c.admin!.get(`/api/v1/orders/quote?elderId=${young}&itemId=${i.id}`)).json() as Json;
        if (q.providers?.some((p: Json) => p.organisationId === cg2.organisationId)) {
          itemId = i.id;
          break;
        }
      }
      assert.ok(itemId, 'an item needing a 健康证 that her provider is contracted for');
      const admin = admins[cg2.organisationId]!;
      const placed = await place(c.admin!, {
        elderId: young,
        itemId,
        providerId: cg2.organisationId,
        plannedStart: at(15, 2),
      });
      assert.equal(placed.statusCode, 201, placed.body);
      const o = placed.json() as Json;
      assert.equal((await cmd(admin, o.id, 'accept')).statusCode, 200);
      const sug = (await admin.get(`/api/v1/orders/${o.id}/suggestions`)).json() as Json;
      const her = sug.items.find((s: Json) => s.caregiverId === cg2.id);
      assert.equal(her.eligible, false);
      assert.ok(her.missingCredentials.includes('health_certificate'));
      assert.ok(
        sug.items.indexOf(her) > sug.items.findLastIndex((s: Json) => s.eligible),
        'ranked after the eligible',
      );
      const res = await cmd(admin, o.id, 'assign', { caregiverId: cg2.id });
      assert.equal(res.statusCode, 422);
      assert.equal((res.json() as Json).errors[0].code, 'order.caregiver_lacks_credential');
    });

    test('cancel: the elder up to 2 h before, staff later with a note', async () => {
      const soon = new Date(Date.now() + 60 * 60_000).toISOString();
      const o = (
        await place(c.elder!, { plannedStart: soon, providerId: agreed.organisationId })
      ).json() as Json;
      const late = await cmd(c.elder!, o.id, 'cancel', { reason: 'elder_request' });
      assert.equal(late.statusCode, 422);
      assert.equal((late.json() as Json).code, 'order.cancel_cutoff');
      assert.equal(
        (await cmd(c.admin!, o.id, 'cancel', { reason: 'elder_request' })).statusCode,
        422,
        'note required',
      );
      const ok = await cmd(c.admin!, o.id, 'cancel', {
        reason: 'elder_request',
        note: '老人电话要求取消',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((ok.json() as Json).cancelledBy, 'staff');
      const early = (
        await place(c.elder!, { plannedStart: at(16, 3), providerId: agreed.organisationId })
      ).json() as Json;
      const mine = await cmd(c.elder!, early.id, 'cancel', { reason: 'elder_request' });
      assert.equal((mine.json() as Json).cancelledBy, 'elder');
    });

    test('recurring plans: orders ahead once per occurrence; hospitalisation pauses and cancels; a deceased elder is refused', async () => {
      const regionCode = (await c.community!.get('/api/v1/me')).json().regionCode as string;
      void regionCode;
      const e = { id: await youngElder('65010219610404123') };
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const plan = await c.community!.post('/api/v1/order-plans', {
        elderId: e.id,
        itemId: meal,
        weekdays: [2, 5],
        timeOfDay: '09:00',
        startsOn: today,
      });
      assert.equal(plan.statusCode, 201, plan.body);
      const p = plan.json() as Json;
      const made = async () =>
        ((await c.community!.get(`/api/v1/orders?planId=${p.id}`)).json() as Json).items as Json[];
      const first = await made();
      assert.ok(first.length >= 2 && first.length <= 3, `two a week: ${first.length}`);
      assert.ok(first.every((o) => o.channel === 'recurring_plan'));
      assert.ok(
        first.every((o) => /T01:00:00\.000Z$/.test(o.plannedStart)),
        '9:00 China time',
      );
      await env.services.orders.plans.generate();
      assert.equal((await made()).length, first.length, 'idempotent');
      const status = (s: string) =>
        c.community!.post(`/api/v1/elders/${e.id}/status`, { status: s, date: today, reason: '住院治疗' });
      assert.equal((await status('hospitalised')).statusCode, 200);
      let planNow: Json = {};
      for (let i = 0; i < 50; i++) {
        planNow = (await c.community!.get(`/api/v1/order-plans/${p.id}`)).json() as Json;
        if (planNow.status === 'paused') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(planNow.status, 'paused');
      assert.equal(planNow.statusReason, 'elder_hospitalised');
      for (let i = 0; i < 50 && (await made()).some((o) => o.status !== 'cancelled'); i++)
        await new Promise((r) => setTimeout(r, 100));
      assert.ok((await made()).every((o) => o.status === 'cancelled' && o.cancelledBy === 'system'));
      assert.equal((await status('deceased')).statusCode, 200);
      const refused = await c.community!.post('/api/v1/order-plans', {
        elderId: e.id,
        itemId: meal,
        weekdays: [1],
        timeOfDay: '09:00',
        startsOn: today,
      });
      assert.equal(refused.statusCode, 422);
      assert.deepEqual(
        [(refused.json() as Json).errors[0].pointer, (refused.json() as Json).errors[0].code],
        ['/body/elderId', 'order.plan_elder_inactive'],
      );
    });

    test('a recurring plan is paused, resumed (its orders made again ahead) and ended at request', async () => {
      const e = { id: await youngElder('65010219620505123') };
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const plan = await c.community!.post('/api/v1/order-plans', {
        elderId: e.id,
        itemId: meal,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        timeOfDay: '10:00',
        startsOn: today,
      });
      assert.equal(plan.statusCode, 201, plan.body);
      const id = (plan.json() as Json).id as string;
      const open = async () =>
        (((await c.community!.get(`/api/v1/orders?planId=${id}`)).json() as Json).items as Json[]).length;
      const made = await open();
      assert.ok(made >= 1);
      const act = (name: string) =>
        c.community!.post(`/api/v1/order-plans/${id}/${name}`, { note: '家属要求' });
      const paused = await act('pause');
      assert.equal(paused.statusCode, 200, paused.body);
      assert.equal((paused.json() as Json).status, 'paused');
      const again = await act('pause');
      assert.equal(again.statusCode, 409);
      assert.equal((again.json() as Json).errors[0].pointer, '/status');
      await env.services.orders.plans.generate();
      assert.equal(await open(), made, 'nothing generated while paused');
      const resumed = await act('resume');
      assert.equal(resumed.statusCode, 200, resumed.body);
      assert.equal((resumed.json() as Json).status, 'active');
      assert.equal(await open(), made, 'the same occurrences, once each');
      assert.equal((await act('end')).statusCode, 200);
      assert.equal((await act('resume')).statusCode, 409, 'an ended plan stays ended');
    });

    test('an order nobody accepts escalates once per level, across instances', async () => {
      const o = (
        await place(c.admin!, { plannedStart: at(17, 2), providerId: agreed.organisationId })
      ).json() as Json;
      await env.platform.db
        .update(orders)
        .set({ createdAt: new Date(Date.now() - 31 * 60_000) })
        .where(eq(orders.id, o.id));
      const [x, y] = await Promise.all([
        env.services.orders.dispatch.escalate(),
        env.services.orders.dispatch.escalate(),
      ]);
      assert.ok(x.escalated + y.escalated >= 1);
      const r = await row(o.id);
      assert.equal(r.escalationLevel, 1);
      assert.ok(r.offeredTo.length >= 1);
      assert.deepEqual(
        (await timeline(o.id)).filter((a) => a.startsWith('escalated')),
        ['escalated_1'],
      );
    });
  });
}
