import type { CertificateKind } from '@yiyang/contracts';
import type { Platform } from '../../platform/context.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { AuthService } from '../auth/index.ts';
import { syntheticCoordinates } from '../elder/index.ts';
import { findUserByUsername } from '../user/index.ts';
import { CaregiverService } from './staff.caregivers.service.ts';
import { staffPeopleRepo } from './staff.people.repo.ts';
import { StaffService } from './staff.service.ts';

type Shifts = readonly (readonly [weekdays: number[], start: string, end: string])[];
const WEEKDAYS: Shifts = [[[1, 2, 3, 4, 5], '08:00', '17:00']];
const SPLIT: Shifts = [
  [[1, 2, 3, 4, 5, 6], '08:00', '12:00'],
  [[1, 2, 3, 4, 5, 6], '14:00', '18:00'],
];
const LATE: Shifts = [[[1, 2, 3, 4, 5], '13:00', '21:00']];
const ALTERNATE: Shifts = [[[2, 4, 6], '08:00', '17:00']];
const WEEKEND: Shifts = [[[3, 4, 5, 6, 7], '07:30', '16:30']];

/** One demo caregiver's records: qualifications (kind, level), 岗前培训, 在岗培训 hours, shifts. */
interface Plan {
  certs: readonly (readonly [CertificateKind, number | null])[];
  preJob: boolean;
  inServiceHours: number;
  shifts: Shifts;
  /** Days from today: leave from … to. */
  leave?: readonly [number, number, string];
}
const PLANS: Record<string, Plan> = {
  caregiver: { certs: [['caregiver', 4]], preJob: true, inServiceHours: 24, shifts: WEEKDAYS },
  cg_1_2: { certs: [['caregiver', 5]], preJob: true, inServiceHours: 8, shifts: SPLIT },
  cg_1_3: { certs: [['nurse', null]], preJob: true, inServiceHours: 16, shifts: LATE },
  cg_1_4: { certs: [], preJob: false, inServiceHours: 0, shifts: ALTERNATE, leave: [7, 9, '家中有事'] },
  caregiver2: { certs: [['caregiver', 3]], preJob: true, inServiceHours: 32, shifts: WEEKDAYS },
  cg_2_2: { certs: [['social_worker', null]], preJob: true, inServiceHours: 12, shifts: SPLIT },
  cg_2_3: {
    certs: [
      ['caregiver', 5],
      ['psychological_counselor', null],
    ],
    preJob: true,
    inServiceHours: 8,
    shifts: WEEKEND,
  },
  caregiver3: { certs: [['caregiver', 4]], preJob: true, inServiceHours: 16, shifts: WEEKDAYS },
  cg_3_2: { certs: [], preJob: true, inServiceHours: 0, shifts: ALTERNATE },
  cg_3_3: {
    certs: [['caregiver', 5]],
    preJob: false,
    inServiceHours: 0,
    shifts: WEEKEND,
    leave: [-2, 3, '病假'],
  },
};
/** Her 健康证 expired 20 days ago: dispatch must refuse her for services that need one. */
const EXPIRED_HEALTH = 'caregiver2';

/**
 * Demo caregivers' records (issue 14) entered by each provider's admin through the real services: the
 * qualifications and 健康证 (one expired), training, weekly shifts, a leave or two, and a work base near
 * the provider. The providers and their accounts come from the demo district (modules/seed).
 */
export async function seedStaff(p: Platform, demo: DemoDistrict): Promise<void> {
  const deps = { db: p.db, bus: p.bus };
  const auth = new AuthService({ ...deps, config: p.config });
  const staff = new StaffService(deps);
  const caregivers = new CaregiverService(deps);
  const today = todayIso(new Date());
  for (const admin of ['provider', 'provider2', 'provider3']) {
    const u = await findUserByUsername(p.db, admin);
    if (!u?.organisationId) continue;
    const ctx = (await auth.contextFor(u.id, 'session'))!;
    const actor = { userId: u.id, name: u.displayName };
    const [org] = await staffPeopleRepo(p.db).providersInScope(ctx.scope, undefined, u.organisationId);
    const people = await staffPeopleRepo(p.db).caregiversOf([u.organisationId]);
    for (const [i, c] of people.entries()) {
      const plan = PLANS[c.username];
      if (!plan) continue;
      const expired = c.username === EXPIRED_HEALTH;
      await staff.add(ctx, actor, c.id, {
        kind: 'health_certificate',
        number: `JKZ-${c.username.toUpperCase()}`,
        issuer: '区疾病预防控制中心',
        issuedOn: addDays(today, expired ? -385 : -120),
        expiresOn: addDays(today, expired ? -20 : 245),
      });
      for (const [kind, level] of plan.certs)
        await staff.add(ctx, actor, c.id, {
          kind,
          level,
          number: `${kind.slice(0, 3).toUpperCase()}-${c.username.toUpperCase()}`,
          issuer: kind === 'caregiver' ? '重庆市人力资源和社会保障局' : '重庆市卫生健康委员会',
          issuedOn: addDays(today, -700 - 30 * i),
          expiresOn: kind === 'caregiver' ? null : addDays(today, 1000),
        });
      await seedRecords(caregivers, ctx, actor, c.id, plan, today);
      const pos = syntheticCoordinates(org?.regionCode ?? demo.countyCode, 9000 + i);
      await caregivers.setBase(ctx, actor, c.id, pos);
    }
  }
  for (const a of demo.accounts) if (a.username === EXPIRED_HEALTH) a.scope = `${a.scope}（健康证已过期）`;
}

async function seedRecords(
  caregivers: CaregiverService,
  ctx: Parameters<CaregiverService['addShift']>[0],
  actor: Parameters<CaregiverService['addShift']>[1],
  userId: string,
  plan: Plan,
  today: string,
): Promise<void> {
  if (plan.preJob)
    await caregivers.addTraining(ctx, actor, userId, {
      kind: 'pre_job',
      topic: '养老护理员岗前培训（职业道德、安全防护、基础照护）',
      provider: '区养老服务指导中心',
      startedOn: addDays(today, -400),
      endedOn: addDays(today, -395),
      hours: 40,
    });
  if (plan.inServiceHours > 0)
    await caregivers.addTraining(ctx, actor, userId, {
      kind: 'in_service',
      topic: '失能老人照护与压疮预防',
      provider: '区养老服务指导中心',
      startedOn: addDays(today, -60),
      endedOn: addDays(today, -58),
      hours: plan.inServiceHours,
    });
  for (const [days, start, end] of plan.shifts)
    for (const weekday of days) await caregivers.addShift(ctx, actor, userId, { weekday, start, end });
  if (plan.leave)
    await caregivers.addLeave(ctx, actor, userId, {
      from: addDays(today, plan.leave[0]),
      to: addDays(today, plan.leave[1]),
      reason: plan.leave[2],
    });
}
