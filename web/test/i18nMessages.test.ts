import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInstance } from 'i18next';
import zhCN from '../src/i18n/zh-CN.ts';
import enUS from '../src/i18n/en-US.ts';
import OPTION_NAMES from '../src/i18n/i18nextOptionNames.json' with { type: 'json' };

/**
 * The UI messages of both locales. i18next reads some names of the values
 * object as options (`t(key, { lng })` is the language, not a placeholder):
 * a placeholder with such a name crashed the phone's elder form
 * (`{{lng}}` got a number → `lng.toLowerCase is not a function`).
 * The names are i18next's t() options (Translator.translate and
 * getUsedParamsDetails in i18next 26); `count` is not among them on purpose:
 * it is the plural option and `{{count}}` is how plural messages print it.
 */

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** `{{name}}`, `{{- name}}` (unescaped) and `{{name, format}}` → name. */
function placeholders(message: string): string[] {
  const names = [...message.matchAll(/\{\{-?\s*([^,}]+?)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

const zh = flatten(zhCN as unknown as Tree);
const en = flatten(enUS as unknown as Tree);

test('both locales have the same keys', () => {
  assert.deepEqual(
    [...zh.keys()].filter((k) => !en.has(k)),
    [],
    'missing in en-US',
  );
  assert.deepEqual(
    [...en.keys()].filter((k) => !zh.has(k)),
    [],
    'missing in zh-CN',
  );
});

test('both locales use the same placeholders in each message', () => {
  const differ = [...zh].flatMap(([key, text]) => {
    const a = placeholders(text).join(', ');
    const b = placeholders(en.get(key) ?? '').join(', ');
    return a === b ? [] : [`${key}: zh-CN {${a}} en-US {${b}}`];
  });
  assert.deepEqual(differ, []);
});

test('no placeholder is named like an i18next option', () => {
  const reserved = new Set<string>(OPTION_NAMES);
  const bad = [...zh, ...en].flatMap(([key, text]) =>
    placeholders(text)
      .filter((p) => reserved.has(p) || p.startsWith('defaultValue'))
      .map((p) => `${key}: {{${p}}}`),
  );
  assert.deepEqual(bad, []);
});

test('every message renders with numbers for its placeholders, in both locales', () => {
  // The app's own settings (src/i18n/index.ts), on a separate instance.
  const i18n = createInstance();
  void i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  for (const lng of ['zh-CN', 'en-US'] as const) {
    const fixed = i18n.getFixedT(lng);
    for (const [key, text] of lng === 'zh-CN' ? zh : en) {
      const names = placeholders(text);
      const values = Object.fromEntries(names.map((n, i) => [n, 90 + i]));
      let out = '';
      assert.doesNotThrow(() => {
        out = (fixed as unknown as (k: string, o: object) => string)(key, values);
      }, `${lng} ${key}`);
      for (let i = 0; i < names.length; i++)
        assert.ok(out.includes(String(90 + i)), `${lng} ${key} prints {{${names[i]}}}: ${out}`);
    }
  }
});
