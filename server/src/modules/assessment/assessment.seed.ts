import { and, asc, desc, eq, like, sql } from 'drizzle-orm';
import type { AssessmentReason } from '@yiyang/contracts';
import { regionPrefix } from '@yiyang/contracts';
import type { Platform } from '../../platform/context.ts';
// Demo data only: picks the demo community's elders (a join-free read the elder module could offer).
// eslint-disable-next-line boundaries/dependencies
import { elders } from '../elder/elder.table.ts';
import { AssessmentService } from './assessment.service.ts';
import { GBT_42195_2022 } from './standards/index.ts';
import { AuthService } from '../auth/index.ts';
import { ElderService } from '../elder/index.ts';
import { RegionService } from '../region/index.ts';
import { findUserByUsername } from '../user/index.ts';

/** What each chosen elder gets, in turn (deterministic: the i-th elder gets PLAN[i % PLAN.length]). */
type Step = { publishedDaysAgo: number; profile: number } | { open: 'applied' | 'assigned' | 'in_progress' };
const PLAN: { steps: Step[]; reason: Exclude<AssessmentReason, 'dispute'> }[] = [
  // Two records over time: 轻度 → 中度, 能力完好 → 重度.
  {
    reason: 'initial',
    steps: [
      { publishedDaysAgo: 430, profile: 1 },
      { publishedDaysAgo: 60, profile: 1.5 },
    ],
  },
  {
    reason: 'initial',
    steps: [
      { publishedDaysAgo: 400, profile: 0 },
      { publishedDaysAgo: 35, profile: 2 },
    ],
  },
  // Routine reassessment overdue (published 13 months ago) and due within the month.
  { reason: 'subsidy_entry', steps: [{ publishedDaysAgo: 395, profile: 1.5 }] },
  { reason: 'initial', steps: [{ publishedDaysAgo: 350, profile: 0.5 }] },
  { reason: 'initial', steps: [{ publishedDaysAgo: 90, profile: 3 }] },
  { reason: 'initial', steps: [{ open: 'applied' }] },
  { reason: 'hospital_discharge', steps: [{ open: 'assigned' }] },
  { reason: 'initial', steps: [{ open: 'in_progress' }] },
  { reason: 'initial', steps: [{ publishedDaysAgo: 200, profile: 0 }] },
  { reason: 'fall_injury', steps: [{ open: 'applied' }] },
];

/**
 * Every GB/T 42195 item answered for a profile from 0 (able, level 0) to 4 (fully dependent): each
 * item takes the option at the profile's share of its range (0.5 → 轻度, 1.5 → 中度, 2 → 重度, 3 → 完全).
 */
export function profileAnswers(profile: number): Record<string, string> {
  return Object.fromEntries(
    GBT_42195_2022.items.map((item) => {
      // Never the coma option: the last option of consciousness would override the whole result.
      const options = item.options.filter((o) => o.value !== 'coma');
      const k = Math.round(((options.length - 1) * profile) / 4);
      return [item.code, options[k]!.value];
    }),
  );
}

/**
 * Demo assessments (PRODUCT.md §9) run through the real workflow — apply, assign two certified
 * assessors, fill, submit, two signatures — on a clock set back in time, so results, levels, the
 * elders' tags and next due dates come from the same publish path as in production. Elders are
 * chosen deterministically (by name and birth date) under `regionCode`, those of the demo
 * community first (its worker's pages are not empty); `count` of them.
 */
export async function seedAssessments(
  p: Platform,
  opts: { regionCode: string; communityCode: string; agencyId: string; count: number; today: Date },
): Promise<number> {
  if (opts.count === 0) return 0;
  const deps = { db: p.db, bus: p.bus, config: p.config, cipher: p.cipher };
  const regions = new RegionService(deps);
  const auth = new AuthService(deps);
  const at = (daysAgo: number) => new Date(opts.today.getTime() - daysAgo * 86_400_000);
  const service = (now: Date) =>
    new AssessmentService({
      ...deps,
      regions,
      auth,
      elders: new ElderService({ ...deps, regions, now: () => now }),
      now: () => now,
    });
  const context = async (username: string) => {
    const u = (await findUserByUsername(p.db, username))!;
    return { ctx: (await auth.contextFor(u.id, 'session'))!, actor: { userId: u.id, name: username } };
  };
  // The bureau applies (on the community's request), the agency lead assigns, the assessors fill and sign.
  const [worker, lead, first, second] = await Promise.all(
    ['admin', 'lead', 'assessor', 'assessor2'].map(context),
  );
  const chosen = await p.db
    .select({ id: elders.id })
    .from(elders)
    .where(and(like(elders.regionCode, `${regionPrefix(opts.regionCode)}%`), eq(elders.status, 'active')))
    .orderBy(
      desc(sql`${elders.regionCode} = ${opts.communityCode}`),
      asc(elders.name),
      asc(elders.birthDate),
      asc(elders.regionCode),
    )
    .limit(opts.count);
  let made = 0;
  for (const [i, { id: elderId }] of chosen.entries()) {
    const plan = PLAN[i % PLAN.length]!;
    for (const [n, step] of plan.steps.entries()) {
      const when = 'open' in step ? opts.today : at(step.publishedDaysAgo);
      const s = service(when);
      const reason = n === 0 ? plan.reason : 'routine';
      const a = await s.create(worker!.ctx, worker!.actor, { elderId, reason, source: 'cadre' });
      made++;
      if ('open' in step && step.open === 'applied') continue;
      const assessorIds = [first!.ctx.userId, second!.ctx.userId];
      // Scheduled on the day: the seeded certificates are valid from well before the oldest record.
      await s.assign(lead!.ctx, lead!.actor, a.id, {
        agencyId: opts.agencyId,
        assessorIds,
        scheduledAt: when.toISOString(),
      });
      if ('open' in step && step.open === 'assigned') continue;
      const answers = profileAnswers('open' in step ? 2 : step.profile);
      const partial = 'open' in step;
      await s.saveForm(first!.ctx, first!.actor, a.id, {
        baseRevision: 0,
        clientSavedAt: when.toISOString(),
        answers: partial ? Object.fromEntries(Object.entries(answers).slice(0, 10)) : answers,
      });
      if (partial) continue;
      await s.submit(first!.ctx, first!.actor, a.id, {});
      const meta = { ip: '127.0.0.1', requestId: 'seed' };
      await s.sign(first!.ctx, first!.actor, a.id, {}, meta);
      await s.sign(second!.ctx, second!.actor, a.id, {}, meta);
    }
  }
  return made;
}
