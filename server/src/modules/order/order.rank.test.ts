import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haversineKm } from '../../platform/geo.ts';
import { rankCaregivers, type Candidate } from './order.rank.ts';

const elderAt = { lat: 29.03, lng: 106.65 };
const cg = (userId: string, km: number | null, kinds = ['caregiver', 'health_certificate']): Candidate => ({
  userId,
  displayName: userId,
  // ~0.009° of latitude per km.
  base: km === null ? null : { lat: elderAt.lat + km * 0.009, lng: elderAt.lng },
  validKinds: kinds,
});

test('haversine: one degree of latitude is ~111 km', () => {
  assert.ok(Math.abs(haversineKm({ lat: 29, lng: 106 }, { lat: 30, lng: 106 }) - 111.2) < 0.5);
});

test('ranking: credentials gate, then availability, continuity and distance, with reasons', () => {
  const ranked = rankCaregivers(
    [
      cg('far', 10),
      cg('near', 1),
      cg('expired', 0.2, ['caregiver']),
      cg('regular', 4),
      cg('busy', 0.5),
      cg('nobase', null),
    ],
    {
      required: ['caregiver', 'health_certificate'],
      elderAt,
      available: new Set(['far', 'near', 'expired', 'regular', 'nobase']),
      visits: new Map([['regular', 3]]),
    },
  );
  assert.deepEqual(
    ranked.map((s) => s.caregiverId),
    ['regular', 'near', 'far', 'nobase', 'busy', 'expired'],
  );
  const expired = ranked.at(-1)!;
  assert.equal(expired.eligible, false);
  assert.deepEqual(expired.missingCredentials, ['health_certificate']);
  assert.deepEqual(expired.reasons[0], {
    code: 'credentials_missing',
    params: { kinds: ['health_certificate'] },
  });
  const regular = ranked[0]!;
  assert.equal(regular.servedBefore, 3);
  assert.ok(regular.reasons.some((r) => r.code === 'served_before'));
  assert.equal(ranked.find((s) => s.caregiverId === 'nobase')!.distanceKm, null);
  assert.equal(ranked.find((s) => s.caregiverId === 'busy')!.available, false);
});
