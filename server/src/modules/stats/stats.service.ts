import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { StatsSource } from '../../platform/module.ts';
import { findRegion, type RegionService } from '../region/index.ts';

/**
 * Counts for the console home page and, later, the big screen: the region counted under, and every
 * module's counts (its manifest's `stats`, in the order of modules/index.ts).
 */
export class StatsService {
  constructor(
    private readonly deps: { db: Db; regions: RegionService; sources: () => readonly StatsSource[] },
  ) {}

  /** The names of the counts, in order (the response schema). */
  keys(): string[] {
    return this.deps.sources().flatMap((s) => s.keys);
  }

  async overview(auth: AuthContext, regionCode: string | undefined) {
    const { db } = this.deps;
    if (regionCode) assertCovers(auth, { regionCode }, '/query/regionCode');
    const root = regionCode ?? (await this.deps.regions.rootOf(auth));
    const region = root ? await findRegion(db, root) : undefined;
    if (regionCode && !region) throw notFound('region.unknown', { code: regionCode });
    const counts: Record<string, number> = {};
    for (const source of this.deps.sources()) {
      const c = await source.count({ auth, regionCode, root: root ?? null });
      for (const k of source.keys) counts[k] = c[k] ?? 0;
    }
    return { regionCode: root ?? null, regionName: region?.name ?? null, counts };
  }
}
