import type { EventTopic } from '@yiyang/contracts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dbTargets, startTestEnv, type TestEnv } from '../../test/harness.ts';
import type { Actor } from './audit.ts';
import { DomainError } from './errors.ts';
import { auditEvents, outboxEvents } from './platform.table.ts';
import {
  assertTransition,
  canTransition,
  transition,
  type StateMachine,
  type TransitionPrepare,
  type TransitionSpec,
} from './transition.ts';
import { transact } from './uow.ts';

// A table of the test's own (created below), standing for orders, incidents, beds, claims…
const tickets = pgTable('transition_test_tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  status: text('status').notNull(),
  regionCode: text('region_code'),
  counter: integer('counter').notNull().default(0),
  closedReason: text('closed_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
const ticketEvents = pgTable('transition_test_ticket_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: uuid('ticket_id').notNull(),
  action: text('action').notNull(),
  byName: text('by_name'),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
});

type Status = 'open' | 'started' | 'closed';
type Ticket = typeof tickets.$inferSelect;

const MACHINE: StateMachine<typeof tickets, Status, 'start' | 'bump' | 'close' | 'reopen'> = {
  entityType: 'ticket',
  table: tickets,
  transitions: {
    start: {
      from: ['open'],
      to: 'started',
      timeline: 'started',
      audit: 'ticket.start',
      // A scratch topic outside the EventMap: the helper emits whatever its rule names.
      topic: 'ticket.started' as EventTopic,
    },
    bump: { from: ['open', 'started'], to: 'started' },
    close: { from: ['open', 'started'], to: 'closed', timeline: 'closed', audit: 'ticket.close' },
    reopen: {
      from: ['closed'],
      to: 'open',
      guard: (t) => (t.closedReason === 'final' ? new DomainError('ticket.final', { status: 422 }) : null),
    },
  },
  refused: (row, command) =>
    new DomainError('ticket.invalid_state', { status: 409, params: { status: row.status, command } }),
  scope: (row) => ({ regionCode: row.regionCode }),
  timeline: async (tx, e) => {
    await tx
      .insert(ticketEvents)
      .values({ ticketId: e.entityId, action: e.action, byName: e.actor.name, at: e.at });
  },
};

const actor: Actor = { userId: null, name: 'tester' };

for (const target of await dbTargets()) {
  describe(`transition() (${target.name})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await startTestEnv(target, { seed: false });
      await env.platform.db.execute(sql`CREATE TABLE transition_test_tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), status text NOT NULL, region_code text,
        counter integer NOT NULL DEFAULT 0, closed_reason text,
        updated_at timestamptz(3) NOT NULL DEFAULT now())`);
      await env.platform.db.execute(sql`CREATE TABLE transition_test_ticket_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ticket_id uuid NOT NULL, action text NOT NULL,
        by_name text, at timestamptz(3) NOT NULL)`);
    });
    after(() => env?.close());

    const newTicket = async (status: Status = 'open', extra: Partial<Ticket> = {}) => {
      const [t] = await env.platform.db
        .insert(tickets)
        .values({ status, regionCode: '650102', ...extra })
        .returning();
      return t!;
    };
    const run = (
      id: string,
      command: 'start' | 'bump' | 'close' | 'reopen',
      spec?: TransitionPrepare<typeof tickets>,
    ) =>
      transact(env.platform, actor, (tx, uow) =>
        transition({ tx, uow, actor, now: new Date() }, MACHINE, id, command, spec),
      );
    const reload = async (id: string) =>
      (await env.platform.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
    const timeline = (id: string) =>
      env.platform.db
        .select()
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, id))
        .orderBy(asc(ticketEvents.at));
    const audits = (id: string) =>
      env.platform.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'ticket'), eq(auditEvents.entityId, id)));

    test('an allowed command updates the state and patch, and records timeline, audit and event', async () => {
      const t = await newTicket();
      const at = new Date('2026-12-01T08:00:00Z');
      const row = await run(t.id, 'start', {
        patch: { counter: 7 },
        timeline: [{ at }],
        audit: { summary: '开始处理', detail: { n: 7 } },
        payload: { id: t.id, n: 7 } as never,
      });
      assert.equal(row.status, 'started');
      assert.equal(row.counter, 7);
      assert.ok(row.updatedAt >= t.updatedAt);
      assert.equal((await reload(t.id)).status, 'started');
      const events = await timeline(t.id);
      assert.deepEqual(
        events.map((e) => [e.action, e.byName, e.at.toISOString()]),
        [['started', 'tester', at.toISOString()]],
      );
      const [audit] = await audits(t.id);
      assert.equal(audit?.action, 'ticket.start');
      assert.equal(audit?.summary, '开始处理');
      assert.equal(audit?.regionCode, '650102');
      assert.deepEqual(audit?.detail, { n: 7 });
      const [event] = await env.platform.db
        .select()
        .from(outboxEvents)
        .where(sql`${outboxEvents.topic} = 'ticket.started' AND ${outboxEvents.payload}->>'id' = ${t.id}`);
      assert.deepEqual(event?.payload, { id: t.id, n: 7 });
      assert.equal(event?.regionCode, '650102');
    });

    test('defaults: one timeline row by the actor, a summary, payload {id, from, to}; nothing declared, nothing recorded', async () => {
      const t = await newTicket();
      await run(t.id, 'start');
      const [event] = await env.platform.db
        .select()
        .from(outboxEvents)
        .where(sql`${outboxEvents.topic} = 'ticket.started' AND ${outboxEvents.payload}->>'id' = ${t.id}`);
      assert.deepEqual(event?.payload, { id: t.id, from: 'open', to: 'started' });
      assert.equal((await audits(t.id))[0]?.summary, 'ticket start: open → started');
      assert.equal((await timeline(t.id)).length, 1);
      // `bump` declares no timeline, audit or topic.
      await run(t.id, 'bump');
      assert.equal((await timeline(t.id)).length, 1);
      assert.equal((await audits(t.id)).length, 1);
    });

    test('a refused command throws the machine error and changes nothing', async () => {
      const t = await newTicket('closed');
      await assert.rejects(run(t.id, 'start', { patch: { counter: 1 } }), (err: DomainError) => {
        assert.equal(err.code, 'ticket.invalid_state');
        assert.equal(err.status, 409);
        assert.deepEqual(err.params, { status: 'closed', command: 'start' });
        return true;
      });
      const after = await reload(t.id);
      assert.equal(after.status, 'closed');
      assert.equal(after.counter, 0);
      assert.equal((await timeline(t.id)).length, 0);
      assert.equal((await audits(t.id)).length, 0);
    });

    test('a declared guard refuses with its own error; a failing prepare rolls everything back', async () => {
      const t = await newTicket('closed', { closedReason: 'final' });
      await assert.rejects(run(t.id, 'reopen'), { code: 'ticket.final' });
      const u = await newTicket('started');
      await assert.rejects(
        run(u.id, 'close', (locked) => {
          if (locked.counter === 0) throw new DomainError('ticket.empty', { status: 422 });
          return {};
        }),
        { code: 'ticket.empty' },
      );
      assert.equal((await reload(u.id)).status, 'started');
      assert.equal((await audits(u.id)).length, 0);
    });

    test('a missing row is 404 (or the machine’s own error)', async () => {
      await assert.rejects(run('00000000-0000-4000-8000-000000000000', 'start'), {
        code: 'common.not_found',
      });
    });

    test('concurrent commands on one row serialise: one wins, the rest see its state', async () => {
      const t = await newTicket();
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => run(t.id, 'start')));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results)
        if (r.status === 'rejected') assert.equal((r.reason as DomainError).code, 'ticket.invalid_state');
      assert.equal((await timeline(t.id)).length, 1);
      assert.equal((await audits(t.id)).length, 1);
    });

    test('concurrent commands read the locked row: no lost updates', async () => {
      const t = await newTicket();
      const bump = (locked: Ticket): TransitionSpec<typeof tickets> => ({
        patch: { counter: locked.counter + 1 },
      });
      await Promise.all(Array.from({ length: 10 }, () => run(t.id, 'bump', bump)));
      assert.equal((await reload(t.id)).counter, 10);
    });

    test('assertTransition and canTransition read the same table', () => {
      const row = { status: 'closed', closedReason: 'final' } as Ticket;
      assert.equal(canTransition(MACHINE, 'open', 'start'), true);
      assert.equal(canTransition(MACHINE, 'closed', 'start'), false);
      assert.throws(() => assertTransition(MACHINE, row, 'start', new Date()), {
        code: 'ticket.invalid_state',
      });
      assert.throws(() => assertTransition(MACHINE, row, 'reopen', new Date()), { code: 'ticket.final' });
      assert.equal(
        assertTransition(MACHINE, { ...row, closedReason: null }, 'reopen', new Date()).to,
        'open',
      );
    });
  });
}
