import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

// The public-surface rules (docs/modules.md, "Public surfaces") are lint rules: this test plants a
// reach-in and a dead export in a throw-away module folder and shows that eslint and knip refuse them.
const root = new URL('../..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);

function run(cmd: string, args: string[]) {
  const r = spawnSync(bin(cmd), args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('eslint refuses a module importing another module other than through its index.ts', () => {
  const name = `zzplanted${randomBytes(4).toString('hex')}`;
  const dir = join(root, 'server/src/modules', name);
  try {
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'reach.ts'),
      "import { elderRepo } from '../elder/elder.repo.ts';\nexport const planted = elderRepo;\n",
    );
    writeFileSync(
      join(dir, 'surface.ts'),
      "import { findElder } from '../elder/index.ts';\nexport const planted = findElder;\n",
    );
    const bad = run('eslint', [join(dir, 'reach.ts')]);
    assert.equal(bad.status, 1, bad.out);
    assert.match(bad.out, /boundaries\/dependencies/);
    assert.match(bad.out, /only through its index\.ts/);
    const good = run('eslint', [join(dir, 'surface.ts')]);
    assert.equal(good.status, 0, good.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('knip refuses an export nobody imports', () => {
  const name = `zzplanted${randomBytes(4).toString('hex')}`;
  const dir = join(root, 'server/src/modules', name);
  // The project's configuration, plus the planted folder's entry (a real module is reached from main.ts).
  const config = JSON.parse(readFileSync(join(root, 'knip.json'), 'utf8'));
  config.workspaces.server.entry.push(`src/modules/${name}/entry.ts`);
  const configPath = join(root, `knip.${name}.json`);
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'entry.ts'), "import { used } from './dead.ts';\nexport default used;\n");
    writeFileSync(join(dir, 'dead.ts'), 'export const used = 1;\nexport const plantedDeadExport = 2;\n');
    writeFileSync(configPath, JSON.stringify(config));
    const r = run('knip', ['--config', configPath, '--workspace', 'server', '--include', 'exports,files']);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /plantedDeadExport/);
    assert.doesNotMatch(r.out, /\bused\b.*dead\.ts/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(configPath, { force: true });
  }
});
