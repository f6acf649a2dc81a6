import { regionPrefix } from '@yiyang/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { baseDeps, defineModule } from '../../platform/module.ts';
import { regionRepo } from './region.repo.ts';
import { regionRoutes } from './region.routes.ts';
import { RegionService } from './region.service.ts';
import { listCounties } from './region.source.ts';

/** The division tree (行政区划): counties imported from the bundled data, scope roots of every user. */
export const regionModule = defineModule({
  name: 'region',
  needs: [],
  create: (ctx) => ({ regions: new RegionService(baseDeps(ctx)) }),
  routes: (app, s) => regionRoutes(app, s.regions),
  stats: {
    keys: ['streets', 'towns', 'communities', 'villages'],
    async count({ root }, _s, _deps, ctx) {
      const kinds = root ? await regionRepo(ctx.db).countByKind(regionPrefix(root)) : {};
      return {
        streets: kinds.street ?? 0,
        towns: (kinds.town ?? 0) + (kinds.township ?? 0) + (kinds.other_town ?? 0),
        communities: kinds.community ?? 0,
        villages: (kinds.village ?? 0) + (kinds.other_village ?? 0),
      };
    },
  },
  cli: [
    {
      words: ['regions', 'import'],
      usage: 'regions import <county>',
      help: "import a county's division tree (e.g. 500110 綦江区)",
      async run({ args: [county], open, out, err }) {
        if (!county) return 64;
        const { s } = await open();
        const started = Date.now();
        try {
          const r = await s.regions.importCounty(SYSTEM_ACTOR, county);
          out(
            `Imported ${r.county}: ${r.total} divisions (${r.created} new, ${r.renamed} renamed, ${r.moved} moved, ${r.retired} retired, ${r.unchanged} unchanged) in ${Date.now() - started} ms`,
          );
          return 0;
        } catch (e) {
          if (e instanceof Error && 'code' in e && e.code === 'region.county_not_found') {
            err(`County ${county} is not in the bundled division data.`);
            return 1;
          }
          throw e;
        }
      },
    },
    {
      words: ['regions', 'counties'],
      usage: 'regions counties [prov]',
      help: 'list county codes in the bundled division data',
      async run({ args: [prov], out }) {
        for (const c of await listCounties(prov)) out(`${c.code} ${c.name}`);
        return 0;
      },
    },
  ],
  authz: async () => (w) => Promise.resolve({ 'victim.regionCode': w.victim.regionCode }),
});
