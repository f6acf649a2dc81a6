import { buildApp } from '../app.ts';
import { ConfigError, describeConfig, loadConfig } from '../config.ts';
import { SYSTEM_ACTOR, verifyAuditChain } from '../platform/audit.ts';
import { closePlatform, createPlatform } from '../platform/context.ts';
import { backfillElderMasks } from '../modules/elder/elder.backfill.ts';
import { replacementReport } from '../modules/elder/elder.replacement.ts';
import { RegionService } from '../modules/region/region.service.ts';
import { listCounties } from '../modules/region/region.source.ts';
import { seedDemo } from '../modules/seed/seed.ts';
import { syncRoles } from '../modules/user/role.sync.ts';

/**
 * `npm run yiyang -- <command>`: operations from the shell, on the same
 * configuration as the server (DATABASE_URL unset = the PGlite data folder;
 * stop the server first when using PGlite, which allows one process).
 */
const HELP = `Usage: npm run yiyang -- <command>

  regions import <county>   import a county's division tree (e.g. 500110 綦江区)
  regions counties [prov]   list county codes in the bundled division data
  audit verify              verify the audit log's hash chain
  assessments due-scan      create routine reassessment applications that are due
  elders replacement-chars [region]
                            list elders whose text holds U+FFFD (�), e.g. names and addresses that
                            .xlsx imports damaged before decision 012 (masked values and ids)
  db migrate                apply migrations (and fill masked columns of older elder rows)
  seed                      seed the demo district into an empty database
  config                    print the effective configuration (secrets hidden)
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, arg] = argv;
  const config = loadConfig();
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(HELP);
    return 0;
  }
  if (cmd === 'config') {
    const settings = describeConfig(config);
    const width = Math.max(...settings.map((s) => s.key.length));
    for (const s of settings) console.log(`${s.key.padEnd(width)} ${s.value.padEnd(24)} ${s.description}`);
    return 0;
  }
  if (cmd === 'regions' && sub === 'counties') {
    for (const c of await listCounties(arg)) console.log(`${c.code} ${c.name}`);
    return 0;
  }
  const platform = await createPlatform(config, { broker: false });
  try {
    await syncRoles(platform.db);
    if (cmd === 'regions' && sub === 'import' && arg) {
      const started = Date.now();
      const s = await new RegionService(platform).importCounty(SYSTEM_ACTOR, arg);
      console.log(
        `Imported ${s.county}: ${s.total} divisions (${s.created} new, ${s.renamed} renamed, ${s.moved} moved, ${s.retired} retired, ${s.unchanged} unchanged) in ${Date.now() - started} ms`,
      );
      return 0;
    }
    if (cmd === 'audit' && sub === 'verify') {
      const r = await verifyAuditChain(platform.db);
      console.log(
        r.ok
          ? `Audit chain intact: ${r.checked} entries.`
          : `Audit chain BROKEN at entry ${r.brokenAt} (${r.checked} verified before it).`,
      );
      return r.ok ? 0 : 2;
    }
    if (cmd === 'assessments' && sub === 'due-scan') {
      const { services } = await buildApp(platform);
      const r = await services.assessments.dueScan();
      console.log(`Routine reassessment applications created: ${r.created}.`);
      return 0;
    }
    if (cmd === 'elders' && sub === 'replacement-chars') {
      const { services } = await buildApp(platform);
      const deps = { db: platform.db, elders: services.elders };
      for await (const line of replacementReport(deps, arg ? { regionCode: arg } : {})) console.log(line);
      return 0;
    }
    if (cmd === 'db' && sub === 'migrate') {
      const masked = await backfillElderMasks(platform);
      console.log(`Migrations applied.${masked ? ` Masked list columns filled for ${masked} elders.` : ''}`);
      return 0;
    }
    if (cmd === 'seed') {
      const accounts = await seedDemo(platform);
      console.log(
        accounts ? `Seeded ${accounts.length} demo accounts.` : 'Database not empty: nothing seeded.',
      );
      return 0;
    }
    console.error(HELP);
    return 64;
  } finally {
    await closePlatform(platform);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof Error && 'code' in err && err.code === 'region.county_not_found')
      console.error(`County ${process.argv[4]} is not in the bundled division data.`);
    else console.error(err);
    process.exit(1);
  },
);
