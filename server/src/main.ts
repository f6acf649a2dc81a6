import { ConfigError, loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { closePlatform, createPlatform } from './platform/context.ts';
import { seedDemo } from './modules/seed/index.ts';
import { modules } from './modules/index.ts';
import { runStartup, startSchedules } from './platform/module.ts';
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
  // Every module's start-up tasks: reference data, data migrations, what a killed instance left behind.
  await runStartup(platform, modules, ['prepare', 'migrate', 'repair']);
  const seeded = config.SEED_DEMO ? await seedDemo(platform) : null;
  const { app, built } = await buildApp(platform);
  await app.listen({ host: config.HOST, port: config.PORT });
  // Every module's schedules (e.g. the daily assessment due scan); each runs once now.
  const stopSchedules = startSchedules(built, log);

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
        '    admin, street, community, village, provider, caregiver, lead, assessor, assessor2, hotline, supervisor, dutyofficer, responder, responder2, volunteer, elder, family, inspector',
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
    stopSchedules();
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
