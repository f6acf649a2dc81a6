import { regionPrefix } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { elderRepo } from '../elder/elder.repo.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import { regionRepo } from '../region/region.repo.ts';
import type { RegionService } from '../region/region.service.ts';
import { userRepo } from '../user/user.repo.ts';

/** Counts for the console home page and, later, the big screen; each module adds its own. */
export class StatsService {
  constructor(private readonly deps: { db: Db; regions: RegionService }) {}

  async overview(auth: AuthContext, regionCode: string | undefined) {
    const { db } = this.deps;
    if (regionCode) assertCovers(auth, { regionCode }, '/query/regionCode');
    const root = regionCode ?? (await this.deps.regions.rootOf(auth));
    const region = root ? await regionRepo(db).find(root) : undefined;
    if (regionCode && !region) throw notFound('region.unknown', { code: regionCode });
    const kinds = root ? await regionRepo(db).countByKind(regionPrefix(root)) : {};
    return {
      regionCode: root ?? null,
      regionName: region?.name ?? null,
      counts: {
        streets: kinds.street ?? 0,
        towns: (kinds.town ?? 0) + (kinds.township ?? 0) + (kinds.other_town ?? 0),
        communities: kinds.community ?? 0,
        villages: (kinds.village ?? 0) + (kinds.other_village ?? 0),
        organisations: await organisationRepo(db).countInScope(auth.scope, regionCode),
        users: await userRepo(db).countInScope(auth.scope, regionCode),
        // Served elders: every status but moved out and deceased.
        elders: await elderRepo(db).countInScope(auth.scope, regionCode),
      },
    };
  }
}
