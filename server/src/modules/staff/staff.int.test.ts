import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayIso } from '../../platform/dates.ts';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { findUserByUsername } from '../user/index.ts';
import { sql } from 'drizzle-orm';
import { availableBetween, caregiversOf, credentialGaps, dispatchFactsOf } from './index.ts';
import { staffRepo } from './staff.repo.ts';

/** A CST wall-clock instant: `date` at `hhmm` China Standard Time. */
const cst = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
/** The next date (from tomorrow) falling on ISO weekday `wd`. */
function nextWeekday(wd: number, from = todayIso(new Date())): string {
  for (let i = 1; i <= 7; i++) {
    const d = addDays(from, i);
    const w = ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (w === wd) return d;
  }
  throw new Error('unreachable');
}

for (const target of await dbTargets()) {
  describe(`staff: caregivers (${target.name})`, () => {
    let env: TestEnv;
    let provider: Client;
    let provider2: Client;
    let admin: Client;
    const ids: Record<string, string> = {};
    before(async () => {
      env = await startTestEnv(target);
      provider = await env.login('provider');
      provider2 = await env.login('provider2');
      admin = await env.login('admin');
      for (const u of ['provider', 'provider2', 'caregiver', 'caregiver2', 'cg_1_4', 'cg_3_3', 'assessor'])
        ids[u] = (await findUserByUsername(env.platform.db, u))!.id;
    });
    after(() => env?.close());

    test('demo seed: three providers with caregivers, one 健康证 expired', async () => {
      const db = env.platform.db;
      const today = todayIso(new Date());
      const [p1, p2] = await Promise.all(
        ['provider', 'provider2'].map(async (u) => (await findUserByUsername(db, u))!.organisationId!),
      );
      const facts = await caregiversOf(db, [p1!, p2!], today);
      assert.equal(facts.length, 7);
      const wang = facts.find((f) => f.userId === ids.caregiver)!;
      assert.deepEqual(wang.validKinds, ['caregiver', 'health_certificate']);
      assert.ok(wang.base && Math.abs(wang.base.lat - 29) < 2);
      const liu = facts.find((f) => f.userId === ids.caregiver2)!;
      assert.ok(!liu.validKinds.includes('health_certificate'));
      assert.deepEqual(
        await credentialGaps(db, ids.caregiver2!, ['caregiver', 'health_certificate'], today),
        ['health_certificate'],
      );
      assert.deepEqual(
        await credentialGaps(db, ids.caregiver!, ['caregiver', 'health_certificate'], today),
        [],
      );
      assert.deepEqual(await credentialGaps(db, ids.caregiver!, ['nurse'], today), ['nurse']);
      // In a year the 健康证 has expired too.
      assert.deepEqual(
        await credentialGaps(db, ids.caregiver!, ['health_certificate'], addDays(today, 400)),
        ['health_certificate'],
      );
    });

    test('availableBetween: weekly shifts (CST) and leave', async () => {
      const db = env.platform.db;
      // Weeks ahead: clear of the demo leave (at most 9 days ahead).
      const later = addDays(todayIso(new Date()), 20);
      const mon = nextWeekday(1, later);
      const sun = nextWeekday(7, later);
      const who = [ids.caregiver!, ids.cg_1_4!];
      // 王芳 works Mon–Fri 08:00–17:00; 吴桂兰 Tue/Thu/Sat.
      assert.deepEqual(
        [...(await availableBetween(db, who, cst(mon, '09:00'), cst(mon, '10:00')))],
        [ids.caregiver],
      );
      assert.equal((await availableBetween(db, who, cst(mon, '16:30'), cst(mon, '17:30'))).size, 0);
      assert.equal((await availableBetween(db, who, cst(sun, '09:00'), cst(sun, '10:00'))).size, 0);
      // Leave for that Monday takes her out.
      const leave = await provider.post(`/api/v1/staff/${ids.caregiver}/leaves`, {
        from: mon,
        to: mon,
        reason: '事假',
      });
      assert.equal(leave.statusCode, 201, leave.body);
      assert.equal((await availableBetween(db, who, cst(mon, '09:00'), cst(mon, '10:00'))).size, 0);
      const del = await provider.delete(`/api/v1/staff/${ids.caregiver}/leaves/${leave.json().id}`);
      assert.equal(del.statusCode, 204);
      assert.equal((await availableBetween(db, who, cst(mon, '09:00'), cst(mon, '10:00'))).size, 1);
      // Touching shifts join: 08:00–12:00 + 12:00–13:00 cover 11:30–12:30.
      const add = await provider.post(`/api/v1/staff/${ids.cg_1_4}/shifts`, {
        weekday: 1,
        start: '12:00',
        end: '13:00',
      });
      assert.equal(add.statusCode, 201, add.body);
      const morning = await provider.post(`/api/v1/staff/${ids.cg_1_4}/shifts`, {
        weekday: 1,
        start: '08:00',
        end: '12:00',
      });
      assert.equal(morning.statusCode, 201, morning.body);
      assert.ok((await availableBetween(db, who, cst(mon, '11:30'), cst(mon, '12:30'))).has(ids.cg_1_4!));
      assert.equal((await availableBetween(db, who, cst(mon, '10:00'), cst(mon, '09:00'))).size, 0);
    });

    test('dispatchFactsOf: the same as caregiversOf and availableBetween, and the cache follows every change', async () => {
      const db = env.platform.db;
      const org = (await findUserByUsername(db, 'provider'))!.organisationId!;
      const mon = nextWeekday(1, addDays(todayIso(new Date()), 27));
      const [start, end] = [cst(mon, '09:00'), cst(mon, '10:00')];
      const read = () => dispatchFactsOf(db, [org], mon, start, end);
      const expected = async () => {
        const facts = await caregiversOf(db, [org], mon);
        return {
          caregivers: facts,
          available: await availableBetween(
            db,
            facts.map((f) => f.userId),
            start,
            end,
          ),
        };
      };
      const same = async () => {
        const [got, want] = [await read(), await expected()];
        assert.deepEqual(got.caregivers, want.caregivers);
        assert.deepEqual([...got.available].sort(), [...want.available].sort());
        return got;
      };
      assert.ok((await same()).available.has(ids.caregiver!));
      // Leave through the API, a certificate and a deactivation straight in the tables: each seen at once.
      const leave = await provider.post(`/api/v1/staff/${ids.caregiver}/leaves`, {
        from: mon,
        to: mon,
        reason: '事假',
      });
      assert.equal(leave.statusCode, 201, leave.body);
      assert.ok(!(await same()).available.has(ids.caregiver!));
      await provider.delete(`/api/v1/staff/${ids.caregiver}/leaves/${leave.json().id}`);
      assert.ok((await same()).available.has(ids.caregiver!));
      await staffRepo(db).insert({
        userId: ids.caregiver!,
        organisationId: org,
        kind: 'nurse',
        number: 'N-904',
        issuedOn: '2020-01-01',
      });
      assert.ok(
        (await same()).caregivers.find((c) => c.userId === ids.caregiver)!.validKinds.includes('nurse'),
      );
      await db.execute(sql`UPDATE users SET status = 'disabled' WHERE id = ${ids.caregiver}`);
      assert.ok(!(await same()).caregivers.some((c) => c.userId === ids.caregiver));
      await db.execute(sql`UPDATE users SET status = 'active' WHERE id = ${ids.caregiver}`);
      assert.ok((await same()).caregivers.some((c) => c.userId === ids.caregiver));
      // One caregiver (assignment's check) is read from the tables: the same facts.
      const one = await dispatchFactsOf(db, [org], mon, start, end, ids.caregiver);
      assert.deepEqual(
        one.caregivers,
        (await read()).caregivers.filter((c) => c.userId === ids.caregiver),
      );
      assert.ok(one.available.has(ids.caregiver!));
    });

    test('bad input: field pointers and nothing changed', async () => {
      const base = `/api/v1/staff/${ids.caregiver}`;
      // Schema errors are 400, rules across fields 422, a clash 409.
      const cases: [string, unknown, number, string][] = [
        ['leaves', { from: '2026-05-03', to: '2026-05-01', reason: '事假' }, 422, '/body/to'],
        ['shifts', { weekday: 2, start: '12:00', end: '09:00' }, 422, '/body/end'],
        ['shifts', { weekday: 8, start: '08:00', end: '09:00' }, 400, '/body/weekday'],
        ['shifts', { weekday: 1, start: '10:00', end: '11:00' }, 409, '/body/start'],
        [
          'trainings',
          { kind: 'pre_job', topic: 'x', startedOn: '2026-05-03', endedOn: '2026-05-01', hours: 8 },
          422,
          '/body/endedOn',
        ],
        ['certificates', { kind: 'chef', number: 'X', issuedOn: '2025-01-01' }, 400, '/body/kind'],
        ['certificates', { kind: 'caregiver', number: 'X', issuedOn: '2025-01-01' }, 422, '/body/level'],
        [
          'certificates',
          { kind: 'nurse', level: 3, number: 'X', issuedOn: '2025-01-01' },
          422,
          '/body/level',
        ],
      ];
      const before = (await provider.get(`/api/v1/staff/caregivers/${ids.caregiver}`)).json();
      for (const [path, body, status, pointer] of cases) {
        const res = await provider.post(`${base}/${path}`, body);
        assert.equal(res.statusCode, status, `${path} ${JSON.stringify(body)}: ${res.body}`);
        assert.ok(
          res.json().errors.some((e: { pointer: string }) => e.pointer === pointer),
          `${path}: ${res.body}`,
        );
      }
      const afterwards = (await provider.get(`/api/v1/staff/caregivers/${ids.caregiver}`)).json();
      assert.deepEqual(afterwards, before);
    });

    test('scope: a provider admin manages its own caregivers only', async () => {
      const own = (await provider.get('/api/v1/staff/caregivers')).json();
      assert.deepEqual(own.items.map((c: { username: string }) => c.username).sort(), [
        'caregiver',
        'cg_1_2',
        'cg_1_3',
        'cg_1_4',
      ]);
      assert.equal((await provider2.get(`/api/v1/staff/caregivers/${ids.caregiver}`)).statusCode, 404);
      const write = await provider2.post(`/api/v1/staff/${ids.caregiver}/trainings`, {
        kind: 'in_service',
        topic: '越权',
        startedOn: '2026-01-01',
        endedOn: '2026-01-01',
        hours: 2,
      });
      assert.equal(write.statusCode, 404);
      // The assessor of the agency is not the provider's.
      assert.equal((await provider.get(`/api/v1/staff/${ids.assessor}/certificates`)).statusCode, 404);
      // The bureau sees every provider of the county.
      const all = (await admin.get('/api/v1/staff/caregivers')).json();
      assert.equal(all.items.length, 10);
      const detail = (await provider.get(`/api/v1/staff/caregivers/${ids.caregiver}`)).json();
      assert.equal(detail.caregiverLevel, 4);
      assert.equal(detail.preJobTrained, true);
      assert.ok(detail.trainings.length >= 2 && detail.shifts.length === 5);
    });

    test('work base is stored coarse', async () => {
      const res = await provider.request('PUT', `/api/v1/staff/${ids.cg_1_4}/base`, {
        lat: 29.123456,
        lng: 106.987654,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { lat: 29.123, lng: 106.988 });
    });

    test('indicators 持证上岗率 / 岗前培训率 per provider and region, scoped', async () => {
      const mine = (await provider.get('/api/v1/staff/indicators')).json();
      assert.equal(mine.providers.length, 1);
      // 王芳 (L4), 孙丽 (L5), 周建国 (护士) certified; 吴桂兰 neither certified nor pre-job trained.
      assert.deepEqual(
        { ...mine.total },
        {
          activeCaregivers: 4,
          certified: 3,
          preJobTrained: 3,
          certifiedRate: 0.75,
          preJobTrainingRate: 0.75,
        },
      );
      const county = (await admin.get('/api/v1/staff/indicators')).json();
      assert.equal(county.providers.length, 3);
      assert.equal(county.total.activeCaregivers, 10);
      // 黄丽, 罗志强 certified; 何秀兰 not; 罗志强 without pre-job training.
      const p3 = county.providers.find((p: { name: string }) => p.name.endsWith('互助养老服务站'));
      assert.equal(p3.certifiedRate, 0.6667);
      assert.equal(p3.preJobTrainingRate, 0.6667);
      const region = (await admin.get(`/api/v1/staff/indicators?regionCode=${p3.regionCode}`)).json();
      assert.deepEqual(
        region.providers.map((p: { organisationId: string }) => p.organisationId),
        [p3.organisationId],
      );
      const out = await provider.get(`/api/v1/staff/indicators?regionCode=${p3.regionCode}`);
      assert.equal(out.statusCode, 403);
      assert.equal(out.json().errors[0].pointer, '/query/regionCode');
    });

    test('a replayed command applies once', async () => {
      const body = {
        kind: 'in_service',
        topic: '防跌倒',
        startedOn: '2026-03-01',
        endedOn: '2026-03-01',
        hours: 4,
      };
      const url = `/api/v1/staff/${ids.cg_3_3}/trainings`;
      const headers = { 'idempotency-key': 'staff-replay-1' };
      const first = await admin.request('POST', url, body, headers);
      const again = await admin.request('POST', url, body, headers);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.json().id, first.json().id);
      const detail = (await admin.get(`/api/v1/staff/caregivers/${ids.cg_3_3}`)).json();
      assert.equal(detail.trainings.filter((t: { topic: string }) => t.topic === '防跌倒').length, 1);
    });

    test('assessor certificates keep working', async () => {
      const list = (await admin.get(`/api/v1/staff/${ids.assessor}/certificates`)).json();
      assert.ok(
        list.items.some((c: { kind: string; level: null }) => c.kind === 'assessor' && c.level === null),
      );
    });
  });
}
