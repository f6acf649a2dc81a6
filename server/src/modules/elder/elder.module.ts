import { baseDeps, defineModule } from '../../platform/module.ts';
import { regionModule } from '../region/region.module.ts';
import { ElderExportService } from './elder.export.ts';
import { DEFAULT_BULK_RULE, restoreDeferredIndexes } from './import/elder.import.indexes.ts';
import { elderImportRoutes } from './import/elder.import.routes.ts';
import { ElderImportService, IMPORT_STALE_MS, removeStaleSpools } from './import/elder.import.service.ts';
import { replacementReport } from './elder.replacement.ts';
import { elderRoutes } from './elder.routes.ts';
import { demoElderHomes, linkDemoAccounts, seedElders } from './elder.seed.ts';
import { backfillElderMasks, ElderService } from './elder.service.ts';
import { findUserByUsername, renameUser } from '../user/index.ts';

/** The elder registry (老年人档案): records, family bindings, the 摸底表 import and the export. */
export const elderModule = defineModule({
  name: 'elder',
  needs: [regionModule],
  create(ctx, { region }) {
    const deps = baseDeps(ctx);
    const { config } = ctx;
    const elders = new ElderService({ ...deps, regions: region.regions });
    return {
      elders,
      imports: new ElderImportService({
        ...deps,
        elders,
        log: ctx.log,
        maxMb: config.IMPORT_MAX_MB,
        limits: {
          maxRows: config.IMPORT_MAX_ROWS,
          maxCellChars: config.IMPORT_MAX_CELL_CHARS,
          maxUnzippedBytes: config.IMPORT_XLSX_MAX_UNZIPPED_MB * 1024 * 1024,
        },
        ...(ctx.database.kind === 'postgres' ? { bulk: DEFAULT_BULK_RULE } : {}),
      }),
      elderExports: new ElderExportService({ ...deps, elders }),
    };
  },
  routes(app, s) {
    elderRoutes(app, s.elders);
    elderImportRoutes(app, s.imports, s.elderExports);
  },
  // Background imports of this instance finish (or fail and record it) before the platform closes.
  close: (s) => s.imports.drain(),
  startup: [
    {
      phase: 'migrate',
      name: 'filled masked list columns of existing elders',
      unit: 'rows',
      run: (p) => backfillElderMasks(p),
      summary: (n) => `Masked list columns filled for ${n} elders.`,
    },
    {
      // Indexes an import left deferred when its instance died (decision 008).
      phase: 'repair',
      name: 'rebuilt elder indexes an interrupted import had deferred',
      unit: 'indexes',
      run: (p) => restoreDeferredIndexes(p.db, { orphans: true, staleMs: IMPORT_STALE_MS }),
    },
    {
      // Uploads spooled by imports whose instance was killed (personal data: not left in /tmp).
      phase: 'repair',
      name: 'removed stale import uploads',
      unit: 'files',
      run: (p) =>
        removeStaleSpools().catch((err: unknown) => (p.log.warn({ err }, 'spool cleanup failed'), 0)),
    },
  ],
  async seed(ctx, demo) {
    // Synthetic elders in every community and village; the demo community and village get ~2 % each.
    const homes = demo.regions.filter((r) => r.level === 'village').map((r) => r.code);
    const weighted = demoElderHomes(homes, demo.communityCode, demo.villageCode);
    if (homes.length)
      await seedElders(ctx, { count: ctx.config.DEMO_ELDERS, regionCodes: weighted, today: new Date() });
    // The demo elder account is a real demo elder of the community, the family account their son (decision 010).
    const [elder, family] = [
      await findUserByUsername(ctx.db, 'elder'),
      await findUserByUsername(ctx.db, 'family'),
    ];
    if (!elder || !family) return;
    const linked = await linkDemoAccounts(ctx, {
      regionCode: demo.communityCode,
      elderUserId: elder.id,
      familyUserId: family.id,
      today: new Date(),
    });
    if (!linked) return;
    await renameUser(ctx.db, elder.id, `老人${linked.elderName}`);
    await renameUser(ctx.db, family.id, `家属${linked.sonName}`);
    for (const a of demo.accounts)
      if (a.username === 'elder') a.scope = `本人档案：${linked.elderName}`;
      else if (a.username === 'family') a.scope = `${linked.elderName}之子，已授权查看`;
  },
  stats: {
    keys: ['elders'],
    // Served elders: every status but moved out and deceased.
    count: async ({ auth, regionCode }, s) => ({ elders: await s.elders.countInScope(auth, regionCode) }),
  },
  cli: [
    {
      words: ['elders', 'replacement-chars'],
      usage: 'elders replacement-chars [region]',
      help: `list elders whose text holds U+FFFD (�), e.g. names and addresses that
                            .xlsx imports damaged before decision 012 (masked values and ids)`,
      async run({ args: [regionCode], open, out }) {
        const { platform, s } = await open();
        const deps = { db: platform.db, elders: s.elders };
        for await (const line of replacementReport(deps, regionCode ? { regionCode } : {})) out(line);
        return 0;
      },
    },
  ],
  authz: async () => (await import('./elder.authz.ts')).elderAuthz,
});
