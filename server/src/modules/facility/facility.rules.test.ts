import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { operatingOn, servingOn } from './facility.rules.ts';

describe('facility rules', () => {
  test('operating as of a date', () => {
    const f = (status: string, openedOn: string | null, closedOn: string | null) => ({
      status,
      openedOn,
      closedOn,
    });
    assert.equal(operatingOn(f('operating', null, null), '2020-01-01'), true);
    assert.equal(operatingOn(f('operating', '2020-06-01', null), '2020-05-31'), false);
    assert.equal(operatingOn(f('operating', '2020-06-01', null), '2020-06-01'), true);
    assert.equal(operatingOn(f('closed', '2020-06-01', '2021-01-01'), '2020-12-31'), true);
    assert.equal(operatingOn(f('closed', '2020-06-01', '2021-01-01'), '2021-01-01'), false);
    assert.equal(operatingOn(f('closed', null, null), '2020-01-01'), false);
    assert.equal(operatingOn(f('planned', null, null), '2020-01-01'), false);
    assert.equal(operatingOn(f('building', null, null), '2020-01-01'), false);
  });
  test('serving as of a date: [from, to)', () => {
    assert.equal(servingOn({ validFrom: '2020-01-01', validTo: null }, '2020-01-01'), true);
    assert.equal(servingOn({ validFrom: '2020-01-01', validTo: '2020-02-01' }, '2020-02-01'), false);
    assert.equal(servingOn({ validFrom: '2020-01-01', validTo: null }, '2019-12-31'), false);
  });
});
