import type { AssessmentStats, StandardCode } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { assessmentRepo } from './assessment.repo.ts';
import { findStandard } from './standards/index.ts';
import { type RegionService, tallyByChildRegion } from '../region/index.ts';

type ElderState = Awaited<ReturnType<ReturnType<typeof assessmentRepo>['elderStates']>>[number];

const share = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : 0);

/** One region's counts; 失能占比 and 半失能占比 are shares of the assessed elders, not of the registry. */
function tally(regionCode: string, regionName: string | null, rows: readonly ElderState[]) {
  const assessed = rows.filter((r) => r.level !== null);
  const semi = assessed.filter((r) => r.level! >= 1 && r.level! <= 2).length;
  const dis = assessed.filter((r) => r.level! >= 3).length;
  return {
    regionCode,
    regionName,
    elders: rows.length,
    assessed: assessed.length,
    semiDisabled: semi,
    disabled: dis,
    semiDisabledShare: share(semi, assessed.length),
    disabledShare: share(dis, assessed.length),
  };
}

function byLevel(rows: readonly ElderState[]): AssessmentStats['byLevel'] {
  const counts = new Map<string, { standardCode: StandardCode; level: number; count: number }>();
  for (const r of rows) {
    if (r.level === null || !r.standardCode) continue;
    const k = `${r.standardCode}|${r.level}`;
    const c = counts.get(k) ?? { standardCode: r.standardCode as StandardCode, level: r.level, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  const assessed = rows.filter((r) => r.level !== null).length;
  return [...counts.values()]
    .sort((x, y) => x.standardCode.localeCompare(y.standardCode) || x.level - y.level)
    .map((c) => ({
      ...c,
      name: findStandard(c.standardCode)?.levels[c.level]?.zhShort ?? String(c.level),
      nameEn: findStandard(c.standardCode)?.levels[c.level]?.en ?? String(c.level),
      share: share(c.count, assessed),
    }));
}

/**
 * `GET /stats/assessments` (decision 006): active elders in scope with their current published
 * level, by level and by child region (`tallyByChildRegion`).
 */
export async function assessmentStats(
  deps: { db: Db; regions: RegionService },
  auth: AuthContext,
  regionCode: string | undefined,
): Promise<AssessmentStats> {
  if (regionCode) assertCovers(auth, { regionCode }, '/query/regionCode');
  const root = regionCode ?? (await deps.regions.rootOf(auth));
  if (!root) return { ...tally('', null, []), byLevel: [], children: [] };
  const rootRegion = await deps.regions.get(auth, root).catch(() => null);
  const rows = await assessmentRepo(deps.db).elderStates(auth, root);
  const children = (await deps.regions.children(auth, root)).filter((c) => c.code !== root);
  return {
    ...tally(root, rootRegion?.name ?? null, rows),
    byLevel: byLevel(rows),
    children: tallyByChildRegion(
      children,
      rows,
      (r) => r.regionCode,
      (c, rs) => tally(c.code, c.name, rs),
    ),
  };
}
