import type { AuthzFixtures } from '../../platform/module.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import { userRepo } from '../user/user.repo.ts';

/**
 * Authorization-walk fixtures (test/authz.int.test.ts; loaded by staff.module.ts only when the walk runs):
 * a provider of the victim community with one caregiver, whose certificate, training record, shift and leave
 * are recorded through the API as in real use. (The assessors' certificates are the assessment module's.)
 */
export const staffAuthz: AuthzFixtures<object, object> = async (w) => {
  const db = w.platform.db;
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  };
  const provider = await organisationRepo(db).insert({
    name: '受害社区居家养老服务站',
    type: 'provider',
    regionCode: w.victim.regionCode,
  });
  const caregiver = await userRepo(db).insert(
    {
      username: 'vic_caregiver',
      displayName: 'vic_caregiver',
      passwordHash: w.passwordHash,
      organisationId: provider.id,
    },
    ['caregiver'],
  );
  const base = `/api/v1/staff/${caregiver.id}`;
  const { owner } = w;
  ok(
    await owner.post(`${base}/certificates`, {
      kind: 'caregiver',
      level: 4,
      number: 'VIC-HL-1',
      issuedOn: '2025-01-01',
      expiresOn: '2099-12-31',
    }),
    'certificate',
  );
  const training = ok(
    await owner.post(`${base}/trainings`, {
      kind: 'pre_job',
      topic: '受害岗前培训',
      startedOn: '2025-01-01',
      endedOn: '2025-01-05',
      hours: 40,
    }),
    'training',
  );
  const shift = ok(await owner.post(`${base}/shifts`, { weekday: 1, start: '08:00', end: '12:00' }), 'shift');
  const leave = ok(
    await owner.post(`${base}/leaves`, { from: '2099-01-01', to: '2099-01-03', reason: '受害请假' }),
    'leave',
  );
  ok(await owner.request('PUT', `${base}/base`, { lat: 29.56, lng: 106.55 }), 'base');
  return {
    'victim.providerId': provider.id,
    'victim.caregiverId': caregiver.id,
    'victim.trainingId': training.id,
    'victim.shiftId': shift.id,
    'victim.leaveId': leave.id,
  };
};
