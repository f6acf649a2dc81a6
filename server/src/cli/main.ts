import { ConfigError, describeConfig, loadConfig } from '../config.ts';
import { closePlatform, createPlatform, type Platform } from '../platform/context.ts';
import { AuthCache } from '../platform/authCache.ts';
import { modules } from '../modules/index.ts';
import { seedDemo } from '../modules/seed/index.ts';
import { createServices, runStartup, type AnyModule, type BuiltModules } from '../platform/module.ts';

/**
 * `npm run yiyang -- <command>`: operations from the shell, on the same
 * configuration as the server (DATABASE_URL unset = the PGlite data folder;
 * stop the server first when using PGlite, which allows one process).
 * Modules add their commands in their manifests (`cli`).
 */
const column = (usage: string, help: string) =>
  usage.length > 24 ? `  ${usage}\n${' '.repeat(28)}${help}` : `  ${usage.padEnd(26)}${help}`;

const HELP = [
  'Usage: npm run yiyang -- <command>',
  '',
  ...(modules as readonly AnyModule[]).flatMap((m) => (m.cli ?? []).map((c) => column(c.usage, c.help))),
  column('db migrate', 'apply migrations (and the modules’ data migrations, e.g. masked elder columns)'),
  column('seed', 'seed the demo district into an empty database'),
  column('config', 'print the effective configuration (secrets hidden)'),
  '',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
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
  // The database is opened once, by the first command that asks (with the modules' `prepare` tasks).
  let opened: { platform: Platform; built: BuiltModules } | null = null;
  const open = async () => {
    if (!opened) {
      const platform = await createPlatform(config, { broker: false });
      opened = { platform, built: null! };
      await runStartup(platform, modules, ['prepare']);
      opened.built = createServices(platform, modules, new AuthCache(config.AUTH_CACHE_SECONDS * 1000));
    }
    return opened;
  };
  try {
    const list: readonly AnyModule[] = modules;
    for (const m of list)
      for (const c of m.cli ?? []) {
        if (c.words[0] !== cmd || c.words[1] !== sub) continue;
        const io = {
          args: rest,
          async open() {
            const { platform, built } = await open();
            const b = built.byName(m.name)!;
            return { platform, s: b.services, deps: b.deps };
          },
          out: (line: string) => console.log(line),
          err: (line: string) => console.error(line),
        };
        const code = await c.run(io);
        if (code === 64) console.error(HELP);
        return code;
      }
    if (cmd === 'db' && sub === 'migrate') {
      const { platform } = await open();
      const done = await runStartup(platform, modules, ['migrate']);
      const notes = done.flatMap(({ task, count }) => (count && task.summary ? [task.summary(count)] : []));
      console.log(['Migrations applied.', ...notes].join(' '));
      return 0;
    }
    if (cmd === 'seed') {
      const { platform } = await open();
      const accounts = await seedDemo(platform);
      console.log(
        accounts ? `Seeded ${accounts.length} demo accounts.` : 'Database not empty: nothing seeded.',
      );
      return 0;
    }
    console.error(HELP);
    return 64;
  } finally {
    if (opened) await closePlatform((opened as { platform: Platform }).platform);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
