import { ALARM_TARGETS, regionPrefix, type AlarmStats, type AlarmStatsCounts } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import { addMonths, chinaDate, chinaDayStart } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { findRegion, tallyByChildRegion, type RegionService } from '../region/index.ts';
import { alarmStatsExtraRepo, alarmStatsRepo, type Counts } from './alarm.stats.repo.ts';

/** `YYYY-MM` of China time → the month's instants [from, to). */
export function monthWindow(month: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const mon = Number(m?.[2]);
  if (!m || mon < 1 || mon > 12 || year < 2000) return null;
  const first = `${m[1]}-${m[2]}-01`;
  return { from: chinaDayStart(first), to: chinaDayStart(addMonths(first, 1)) };
}

/** The month (China time) an instant falls in, `YYYY-MM`. */
export function monthOf(now: Date): string {
  const d = chinaDate(now);
  return `${d.year}-${String(d.month).padStart(2, '0')}`;
}

const share = (n: number, of: number): number | null => (of ? Math.round((n / of) * 10_000) / 10_000 : null);

/** Counters with their shares (null where nothing counts towards one: no "0 %" for an empty month). */
export function withShares(c: Counts): AlarmStatsCounts {
  return {
    ...c,
    ack60Share: share(c.ack60, c.total),
    ack180Share: share(c.ack180, c.total),
    door45Share: share(c.door45, c.doorDue),
    falseShare: share(c.falseAlarms, c.coded),
  };
}

const ZERO: Counts = {
  total: 0,
  acknowledged: 0,
  ack60: 0,
  ack180: 0,
  doorDue: 0,
  door45: 0,
  coded: 0,
  falseAlarms: 0,
};

function sum(rows: readonly Counts[]): Counts {
  const out = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO) as (keyof Counts)[]) out[k] += r[k];
  return out;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * The answering statistics of one month in one region (issue 17 §4, PRODUCT.md §4.6 targets, decision 026):
 * shares acknowledged within 60 s and 180 s, at the door within 45 minutes, outcomes, the false-alarm rate
 * per device type, per seat and per child region, per day, and the devices online now.
 */
export async function alarmStats(
  deps: { db: Db; regions: RegionService; now: () => Date },
  auth: AuthContext,
  q: { regionCode?: string | undefined; month?: string | undefined },
): Promise<AlarmStats> {
  if (q.regionCode) assertCovers(auth, { regionCode: q.regionCode }, '/query/regionCode');
  const month = q.month ?? monthOf(deps.now());
  const window = monthWindow(month);
  if (!window) throw invalidField('/query/month', 'common.invalid_format');
  const root = q.regionCode ?? (await deps.regions.rootOf(auth));
  if (!root) throw notFound('region.unknown', { code: '' });
  const region = await findRegion(deps.db, root);
  if (!region) throw notFound('region.unknown', { code: root });
  const w = { prefix: regionPrefix(root), ...window };
  const repo = alarmStatsRepo(deps.db);
  const extra = alarmStatsExtraRepo(deps.db);
  const [overall, communities, seats, types, kinds, outcomes, daily, devices] = await Promise.all([
    repo.overall(w),
    repo.byCommunity(w),
    repo.bySeat(w),
    repo.byDeviceType(w),
    extra.byKind(w),
    extra.byOutcome(w),
    extra.daily(w),
    extra.devicesOnline(w.prefix, deps.now()),
  ]);
  const children = (await deps.regions.children(auth, root)).filter((c) => c.code !== root);
  const byRegion = tallyByChildRegion(
    children,
    communities,
    (r) => r.regionCode,
    (c, rs) => ({ regionCode: c.code, regionName: c.name, ...withShares(sum(rs)) }),
  ).filter((r) => r.total > 0);
  return {
    regionCode: root,
    regionName: region.name,
    month,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    targets: ALARM_TARGETS,
    ...withShares(overall),
    open: overall.open,
    ackP50Seconds: round1(overall.ackP50),
    ackP90Seconds: round1(overall.ackP90),
    doorP50Minutes: round1(overall.doorP50),
    doorP90Minutes: round1(overall.doorP90),
    byKind: kinds,
    byOutcome: outcomes,
    byDeviceType: types.map((t) => ({ ...withShares(t), type: t.type })),
    bySeat: seats.map((s) => ({
      ...withShares(s),
      userId: s.userId,
      seatName: s.seatName,
      ackP50Seconds: round1(s.ackP50),
    })),
    byRegion,
    daily: daily.map((d) => ({ ...withShares(d), date: d.date })),
    devices: { ...devices, onlineShare: share(devices.online, devices.total) },
  };
}
