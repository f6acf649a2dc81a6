import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableFor, coarsePosition, localDayParts, validKindsOn } from './staff.rules.ts';

const at = (s: string) => new Date(s);

test('a window is split by China Standard Time days', () => {
  // 2026-12-07 is a Monday; 23:00–01:00 CST crosses into Tuesday.
  assert.deepEqual(localDayParts(at('2026-12-07T23:00:00+08:00'), at('2026-12-08T01:00:00+08:00')), [
    { date: '2026-12-07', weekday: 1, from: 1380, to: 1440 },
    { date: '2026-12-08', weekday: 2, from: 0, to: 60 },
  ]);
});

test('shifts cover a window, joined where they touch; leave and reversed windows do not', () => {
  const shifts = [
    { weekday: 1, startTime: '08:00', endTime: '12:00' },
    { weekday: 1, startTime: '12:00', endTime: '17:00' },
    { weekday: 1, startTime: '22:00', endTime: '24:00' },
    { weekday: 2, startTime: '00:00', endTime: '02:00' },
  ];
  const mon = (hhmm: string) => at(`2026-12-07T${hhmm}:00+08:00`);
  assert.ok(availableFor(shifts, [], mon('11:00'), mon('13:00')));
  assert.ok(!availableFor(shifts, [], mon('16:30'), mon('17:30')));
  assert.ok(!availableFor(shifts, [], mon('07:00'), mon('09:00')));
  assert.ok(availableFor(shifts, [], mon('23:00'), at('2026-12-08T01:00:00+08:00')));
  assert.ok(!availableFor(shifts, [], mon('10:00'), mon('09:00')));
  const leave = [{ fromDate: '2026-12-06', toDate: '2026-12-07' }];
  assert.ok(!availableFor(shifts, leave, mon('09:00'), mon('10:00')));
});

test('valid kinds on a date and the coarse work base', () => {
  const certs = [
    { kind: 'caregiver', issuedOn: '2024-01-01', expiresOn: null },
    { kind: 'health_certificate', issuedOn: '2025-01-01', expiresOn: '2025-12-31' },
    { kind: 'health_certificate', issuedOn: '2026-01-01', expiresOn: '2026-12-31' },
    { kind: 'nurse', issuedOn: '2027-01-01', expiresOn: null },
  ];
  assert.deepEqual(validKindsOn(certs, '2026-06-01'), ['caregiver', 'health_certificate']);
  assert.deepEqual(validKindsOn(certs, '2027-01-02'), ['caregiver', 'nurse']);
  assert.deepEqual(coarsePosition({ lat: 29.56789, lng: 106.12345 }, 3), { lat: 29.568, lng: 106.123 });
});
