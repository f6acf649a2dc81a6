import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ORDER_STATUSES, type OrderStatus } from '@yiyang/contracts';
import { DomainError } from '../../platform/errors.ts';
import { assertTransition } from '../../platform/transition.ts';
import { ORDER_MACHINE, ORDER_TRANSITIONS, type OrderCommand } from './order.machine.ts';
import type { OrderRow } from './order.repo.ts';
import { commandsOf } from './order.views.ts';

// Issue 14 §5's diagram, written out independently of the table: command → states it may start from.
const ALLOWED: Record<OrderCommand, OrderStatus[]> = {
  accept: ['created'],
  reject: ['created'],
  assign: ['accepted'],
  reassign: ['assigned', 'en_route'],
  depart: ['assigned'],
  checkIn: ['assigned', 'en_route'],
  checkOut: ['checked_in'],
  confirm: ['checked_out'],
  rate: ['confirmed'],
  cancel: ['created', 'accepted', 'assigned', 'en_route'],
  noShow: ['assigned', 'en_route'],
  dispute: ['checked_out', 'confirmed'],
};

const NOW = new Date('2026-12-06T04:00:00Z');
const row = (status: OrderStatus, extra: Partial<OrderRow> = {}) =>
  ({ id: 'o', status, rating: null, checkOutAt: NOW, ...extra }) as OrderRow;

describe('order transition table', () => {
  test('declares exactly the commands of issue 14 §5', () => {
    assert.deepEqual(Object.keys(ORDER_TRANSITIONS).sort(), Object.keys(ALLOWED).sort());
  });

  for (const command of Object.keys(ALLOWED) as OrderCommand[])
    test(`${command}: allowed exactly from ${ALLOWED[command].join(', ')}`, () => {
      for (const status of ORDER_STATUSES) {
        if (ALLOWED[command].includes(status)) {
          assert.doesNotThrow(() => assertTransition(ORDER_MACHINE, row(status), command, NOW));
          continue;
        }
        assert.throws(
          () => assertTransition(ORDER_MACHINE, row(status), command, NOW),
          (e: unknown) => e instanceof DomainError && e.code === 'order.invalid_state' && e.status === 409,
          `${command} from ${status}`,
        );
      }
    });

  test('no command leaves a terminal state; "settled" is not a state', () => {
    for (const terminal of ['cancelled', 'rejected', 'no_show', 'disputed'] as const)
      assert.deepEqual(commandsOf(terminal, false), [], terminal);
    assert.ok(!(ORDER_STATUSES as readonly string[]).includes('settled'));
  });

  test('a rating is an attribute of a confirmed order, once', () => {
    assert.equal(ORDER_TRANSITIONS.rate.to, 'confirmed');
    assert.throws(
      () => assertTransition(ORDER_MACHINE, row('confirmed', { rating: 4 }), 'rate', NOW),
      (e: unknown) => e instanceof DomainError && e.code === 'order.already_rated',
    );
    assert.deepEqual(commandsOf('confirmed', true), ['dispute']);
    assert.deepEqual(commandsOf('confirmed', false), ['rate', 'dispute']);
  });

  test('a dispute is refused 7 days after check-out', () => {
    const old = row('confirmed', { checkOutAt: new Date(NOW.getTime() - 8 * 86_400_000) });
    assert.throws(
      () => assertTransition(ORDER_MACHINE, old, 'dispute', NOW),
      (e: unknown) => e instanceof DomainError && e.code === 'order.dispute_window_closed',
    );
  });
});
