import { ConfigError, loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { closePlatform, createPlatform } from './platform/context.ts';
import { seedDemo } from './modules/seed/seed.ts';
import { backfillElderMasks } from './modules/elder/elder.backfill.ts';
import { restoreDeferredIndexes } from './modules/elder/import/elder.import.indexes.ts';
import { IMPORT_STALE_MS, removeStaleSpools } from './modules/elder/import/elder.import.service.ts';
import { syncRoles } from './modules/user/role.sync.ts';
import { ROLE_NAMES } from '@yiyang/contracts';

/** Start: config → database (migrated) → app → listen (STYLE.md). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const platform = await createPlatform(config);
  const { log } = platform;
  await syncRoles(platform.db);
  const masked = await backfillElderMasks(platform);
  if (masked) log.info({ rows: masked }, 'filled masked list columns of existing elders');
  // Indexes an import left deferred when its instance died (decision 008).
  const rebuilt = await restoreDeferredIndexes(platform.db, { orphans: true, staleMs: IMPORT_STALE_MS });
  if (rebuilt) log.info({ indexes: rebuilt }, 'rebuilt elder indexes an interrupted import had deferred');
  // Uploads spooled by imports whose instance was killed (personal data: not left in /tmp).
  const spools = await removeStaleSpools().catch(
    (err: unknown) => (log.warn({ err }, 'spool cleanup failed'), 0),
  );
  if (spools) log.info({ files: spools }, 'removed stale import uploads');
  const seeded = config.SEED_DEMO ? await seedDemo(platform) : null;
  const { app, services } = await buildApp(platform);
  await app.listen({ host: config.HOST, port: config.PORT });
  // Daily routine-reassessment scan (12 months after the last result); idempotent across instances.
  const dueScan = () =>
    services.assessments
      .dueScan()
      .then((r) => log.info(r, 'assessment due scan'))
      .catch((err: unknown) => log.warn({ err }, 'assessment due scan failed'));
  void dueScan();
  const dueTimer = setInterval(() => void dueScan(), 24 * 3_600_000);
  dueTimer.unref();

  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `  颐养 Yiyang is running: ${url}`,
    `  API docs: ${url}/api/docs   mobile app: ${url}/m`,
    `  database: ${platform.database.kind === 'pglite' ? `PGlite (${config.dataDir}/pglite)` : 'PostgreSQL'}`,
    `  MQTT: ${platform.broker ? `${platform.broker.url}${platform.broker.embedded ? ' (embedded)' : ''}` : 'disabled'}`,
  ];
  if (config.SEED_DEMO) {
    lines.push(
      '',
      `  Demo accounts (password: ${config.DEMO_PASSWORD})${seeded ? '' : ' — seeded earlier'}:`,
    );
    const accounts = seeded ?? [];
    for (const a of accounts)
      lines.push(
        `    ${a.username.padEnd(10)} ${ROLE_NAMES[a.role].zh} / ${ROLE_NAMES[a.role].en} — ${a.scope}`,
      );
    if (!seeded)
      lines.push(
        '    admin, street, community, village, provider, caregiver, lead, assessor, assessor2, hotline, volunteer, elder, family, inspector',
      );
  }
  // The banner goes to stdout as plain text, beside the JSON logs.
  process.stdout.write(lines.join('\n') + '\n\n');

  // Graceful shutdown: stop accepting, finish in-flight requests, close connections.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    clearInterval(dueTimer);
    await app.close();
    await closePlatform(platform);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
