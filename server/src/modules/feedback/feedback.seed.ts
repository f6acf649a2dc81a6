import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { someEldersOf } from '../elder/index.ts';
import { countyAuth } from '../order/index.ts';
import { ReturnVisitService } from './feedback.returns.ts';
import { ComplaintService } from './feedback.service.ts';

const HOUR = 3_600_000;

/**
 * Demo complaints and return visits (issue 15 §9) through the real commands on a clock set back: one long
 * overdue and escalated to the district, one passed to the provider and answered (waiting for the call-back),
 * one closed; the centre samples half of the demo visits and records three calls — satisfied, dissatisfied
 * with a complaint, unreachable — leaving the rest to call.
 */
export async function seedFeedback(p: Platform, demo: DemoDistrict): Promise<void> {
  let clock = new Date(Date.now() - 6 * 24 * HOUR);
  const deps = { db: p.db, bus: p.bus, cipher: p.cipher, now: () => clock };
  const complaints = new ComplaintService(deps);
  const returns = new ReturnVisitService(deps, complaints);
  const staffUser = { userId: demo.providerIds[0] ?? 'seed', name: '社区居委会' };
  const auth = countyAuth(demo.countyCode, staffUser.userId, staffUser.name);
  const [a, b, c] = await someEldersOf(p.db, demo.communityCode, 3);
  if (!a || !b || !c) return;
  const provider = demo.providerIds[0];

  await complaints.file(auth, staffUser, {
    elderId: a.id,
    category: 'punctuality',
    channel: 'hotline',
    description: '约好上午九点助洁，护理员十一点才到，老人一直在门口等。',
    complainantName: '老人女儿',
    complainantPhone: '13800138000',
  });
  await complaints.escalate();
  clock = new Date(clock.getTime() + 5 * 24 * HOUR);
  await complaints.escalate();

  clock = new Date(Date.now() - 3 * 24 * HOUR);
  const answered = await complaints.file(auth, staffUser, {
    elderId: b.id,
    category: 'attitude',
    channel: 'in_person',
    description: '护理员服务时一直看手机，说话不耐烦。',
  });
  if (provider) {
    await complaints.assign(auth, staffUser, answered.id, {
      organisationId: provider,
      note: '请服务机构核实整改',
    });
    clock = new Date(clock.getTime() + 20 * HOUR);
    await complaints.respond(auth, { userId: staffUser.userId, name: '服务机构负责人' }, answered.id, {
      response: '已约谈护理员，向老人当面道歉。',
      correctiveAction: '服务期间手机统一静音；本月复训服务礼仪。',
    });
  }

  clock = new Date(Date.now() - 10 * 24 * HOUR);
  const closed = await complaints.file(auth, staffUser, {
    elderId: c.id,
    category: 'service_quality',
    channel: 'hotline',
    description: '助浴后浴室地面没有擦干，老人差点滑倒。',
  });
  clock = new Date(clock.getTime() + 10 * HOUR);
  await complaints.respond(auth, staffUser, closed.id, {
    response: '已上门查看并擦干地面，提醒护理员。',
    correctiveAction: '助浴服务清单增加“地面擦干、防滑垫复位”。',
  });
  clock = new Date(clock.getTime() + 24 * HOUR);
  await complaints.close(auth, staffUser, closed.id, {
    satisfaction: 'satisfied',
    note: '电话回访老人，表示满意',
  });

  await seedReturnVisits(returns, auth, staffUser, demo, (d) => (clock = d));
}

/** Return visits: half of the demo's verified visits of the last fortnight, three of them called. */
async function seedReturnVisits(
  returns: ReturnVisitService,
  auth: AuthContext,
  staffUser: Actor,
  demo: DemoDistrict,
  setClock: (d: Date) => void,
) {
  setClock(new Date(Date.now() - 2 * 24 * HOUR));
  const today = todayIso(new Date());
  await returns.sample(auth, staffUser, {
    regionCode: demo.communityCode,
    from: addDays(today, -14),
    to: addDays(today, -1),
    share: 0.5,
  });
  const pending = (await returns.list(auth, { status: 'pending', limit: 10 })).items;
  const outcomes = [
    { reached: true, serviceHappened: true, result: 'satisfied' as const, note: '老人说护理员很细心' },
    {
      reached: true,
      serviceHappened: true,
      result: 'dissatisfied' as const,
      note: '老人反映服务时间不足',
      complaint: {
        category: 'service_quality' as const,
        description: '回访中老人反映约定一小时的服务四十分钟就结束了。',
      },
    },
    { reached: false, note: '电话无人接听，三天后再拨' },
  ];
  for (const [i, o] of outcomes.entries()) {
    const rv = pending[i];
    if (rv) await returns.record(auth, staffUser, rv.id, o);
  }
}
