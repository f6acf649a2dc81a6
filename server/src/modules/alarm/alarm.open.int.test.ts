import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { dbTargets, startTestEnv, type TestEnv } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { transact } from '../../platform/uow.ts';
import { openAlarm, type OpenAlarmInput } from './index.ts';
import { alarms, alarmSignals, alarmTimers } from './alarm.table.ts';

/** The seam the device ingest calls (issue 16): open, fold, idempotent by message id, event, first timer. */
for (const target of await dbTargets()) {
  describe(`openAlarm (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target);
    });
    after(() => env?.close());

    const input = (over: Partial<OpenAlarmInput> = {}): OpenAlarmInput => ({
      source: 'device',
      kind: 'sos',
      deviceId: randomUUID(),
      deviceSerial: 'SN-1',
      elderIds: [],
      regionCode: '500110001001',
      position: { lat: 29.5, lng: 106.5 },
      occurredAt: new Date(),
      messageId: randomUUID(),
      ...over,
    });
    const open = (i: OpenAlarmInput) =>
      transact(env.platform, SYSTEM_ACTOR, (tx, uow) => openAlarm(tx, uow, i));

    test('opens an alarm with its audit entry, its event and the ladder’s first timer', async () => {
      const i = input();
      const r = await open(i);
      assert.equal(r.folded, false);
      const [row] = await env.platform.db.select().from(alarms).where(eq(alarms.id, r.alarmId));
      assert.equal(row!.status, 'open');
      assert.equal(row!.regionCode, '500110001001');
      assert.equal(row!.repeatCount, 1);
      const timers = await env.platform.db
        .select()
        .from(alarmTimers)
        .where(eq(alarmTimers.alarmId, r.alarmId));
      assert.deepEqual(
        timers.map((t) => t.step),
        ['opened'],
      );
      const ev = await env.platform.db.execute(
        sql`SELECT topic, region_code FROM outbox_events WHERE payload->>'id' = ${r.alarmId}`,
      );
      assert.deepEqual((ev as unknown as { rows: unknown[] }).rows, [
        { topic: 'alarm.opened', region_code: '500110001001' },
      ]);
      const au = await env.platform.db.execute(
        sql`SELECT action FROM audit_events WHERE entity_id = ${r.alarmId}`,
      );
      assert.deepEqual((au as unknown as { rows: unknown[] }).rows, [{ action: 'alarm.open' }]);
    });

    test('repeats of one device fold; a redelivered message changes nothing', async () => {
      const first = input();
      const a = await open(first);
      const b = await open({ ...first, messageId: randomUUID() });
      assert.deepEqual(b, { alarmId: a.alarmId, folded: true });
      const again = await open(first);
      assert.deepEqual(again, { alarmId: a.alarmId, folded: true });
      const [row] = await env.platform.db.select().from(alarms).where(eq(alarms.id, a.alarmId));
      assert.equal(row!.repeatCount, 2);
      const signals = await env.platform.db
        .select()
        .from(alarmSignals)
        .where(eq(alarmSignals.alarmId, a.alarmId));
      assert.equal(signals.length, 2);
      // Once closed, the next press opens a new alarm.
      await env.platform.db.update(alarms).set({ status: 'closed' }).where(eq(alarms.id, a.alarmId));
      const c = await open({ ...first, messageId: randomUUID() });
      assert.equal(c.folded, false);
      assert.notEqual(c.alarmId, a.alarmId);
    });

    test('an unknown device opens at the deployment root; a hotline alarm never folds', async () => {
      const u = await open(input({ deviceId: null, deviceSerial: 'UNKNOWN-9', regionCode: null }));
      const [row] = await env.platform.db.select().from(alarms).where(eq(alarms.id, u.alarmId));
      assert.match(row!.regionCode, /^\d{12}$/);
      assert.ok('500110001001'.startsWith(row!.regionCode.replace(/0+$/, '')));
      const h1 = await open(input({ source: 'hotline', deviceId: null, deviceSerial: null }));
      const h2 = await open(input({ source: 'hotline', deviceId: null, deviceSerial: null }));
      assert.notEqual(h1.alarmId, h2.alarmId);
    });

    test('concurrent repeats of one device make one alarm', async () => {
      const base = input();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => open({ ...base, messageId: randomUUID() })),
      );
      assert.equal(new Set(results.map((r) => r.alarmId)).size, 1);
      assert.equal(results.filter((r) => !r.folded).length, 1);
      const [row] = await env.platform.db.select().from(alarms).where(eq(alarms.id, results[0]!.alarmId));
      assert.equal(row!.repeatCount, 5);
    });
  });
}
