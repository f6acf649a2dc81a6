import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, LOCALES } from '@yiyang/contracts';

/**
 * Issue 13 item 1: the audit log shows a label, never a code. The actions and entity types are found in
 * the server's code, not listed here, so a module merged later is checked too: `action: 'x.y'` and
 * `entityType: 'x'` literals, the `audit: 'x.y'` of transition tables, and the values an `// audit
 * actions: …` comment names where an action is computed.
 */
const SRC = new URL('../../', import.meta.url).pathname;
const DOTTED = /^[a-z][a-z_]*\.[a-z][a-z_]*$/;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.ts$/.test(name) && !/\.test\.ts$|\.authz\.ts$/.test(name)) out.push(p);
  }
  return out;
}

function discover() {
  const actions = new Map<string, string>();
  const entities = new Map<string, string>();
  const undeclared: string[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(SRC, file);
    for (const m of text.matchAll(/\b(?:action|audit):\s*'([^']+)'/g))
      if (DOTTED.test(m[1]!)) actions.set(m[1]!, where);
    for (const m of text.matchAll(/\bentityType:\s*'([^']+)'/g)) entities.set(m[1]!, where);
    // Every uow.audit(…) names its action as one literal, or says which values it computes.
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!/\buow\.audit\(/.test(line)) return;
      const j = lines.findIndex((l, k) => k > i && /^\s*action:/.test(l));
      if (j < 0) return;
      const expr = lines[j]!.replace(/^\s*action:\s*/, '').replace(/,\s*$/, '');
      if (/^'[^']+'$/.test(expr)) return;
      const literals = [...expr.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
      const note = lines.slice(i, j).find((l) => l.includes('// audit actions:'));
      // `cond ? 'a.b' : 'c.d'` takes only literals.
      if (!note && !/^[^?]+\?\s*'[^']+'\s*:\s*'[^']+'$/.test(expr))
        undeclared.push(`${where}:${j + 1} action: ${expr}`);
      for (const v of [...literals, ...(note?.match(/[a-z_]+\.[a-z_]+/g) ?? [])])
        if (DOTTED.test(v)) actions.set(v, where);
    });
  }
  return { actions, entities, undeclared };
}

const found = discover();

test('the scan finds the actions it must (it is not silently looking elsewhere)', () => {
  for (const a of [
    'auth.login',
    'auth.locked',
    'elder.view_sensitive',
    'elder.tags_change',
    'assessment.publish',
  ])
    assert.ok(found.actions.has(a), `${a} not discovered`);
  assert.ok(found.entities.has('elder') && found.entities.has('user'));
});

test('a computed audit action says which values it takes (// audit actions: …)', () => {
  assert.deepEqual(found.undeclared, []);
});

test('every audit action written in the code has a label in every locale', () => {
  const missing = [...found.actions].flatMap(([a, file]) =>
    LOCALES.filter((l) => !AUDIT_ACTION_LABELS[a]?.[l]?.trim()).map((l) => `${a} (${file}): ${l}`),
  );
  assert.deepEqual(missing, [], 'add them to packages/contracts/src/audit.labels.ts');
});

test('every audited entity type has a label in every locale', () => {
  const missing = [...found.entities].flatMap(([e, file]) =>
    LOCALES.filter((l) => !AUDIT_ENTITY_LABELS[e]?.[l]?.trim()).map((l) => `${e} (${file}): ${l}`),
  );
  assert.deepEqual(missing, [], 'add them to packages/contracts/src/audit.labels.ts');
});

test('labels are in their language: Chinese in zh-CN, none in en-US', () => {
  for (const [code, label] of Object.entries({ ...AUDIT_ACTION_LABELS, ...AUDIT_ENTITY_LABELS })) {
    assert.match(label['zh-CN'], /\p{Script=Han}/u, code);
    assert.doesNotMatch(label['en-US'], /\p{Script=Han}/u, code);
  }
});
