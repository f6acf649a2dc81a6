/* global process, console */
/* eslint-disable no-console -- command-line script */
// Sums the gzipped JS (and CSS) a page loads: the entry chunk plus the lazy
// route chunk(s) given, with all their static imports, from dist/.vite/manifest.json.
// Usage: node web/scripts/first-load-size.mjs [src/modules/auth/LoginPage.tsx ...]
// Budget (PRODUCT.md §6): ≤ 500 KB gzipped JS for the first page.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const routes = process.argv.slice(2);
if (routes.length === 0) routes.push('src/modules/auth/LoginPage.tsx');

const seen = new Set();
const files = new Set();
function walk(key) {
  if (seen.has(key)) return;
  seen.add(key);
  const m = manifest[key];
  if (!m) throw new Error(`not in manifest: ${key}`);
  files.add(m.file);
  for (const c of m.css ?? []) files.add(c);
  for (const i of m.imports ?? []) walk(i);
}
walk('index.html');
for (const r of routes) walk(r);

let js = 0;
let css = 0;
for (const f of files) {
  const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  if (f.endsWith('.js')) js += gz;
  else css += gz;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`first load (${['index.html', ...routes].join(' + ')}): ${files.size} files`);
console.log(`  JS  ${kb(js)} KB gzipped (budget 500 KB, ${((js / (500 * 1024)) * 100).toFixed(0)} %)`);
console.log(`  CSS ${kb(css)} KB gzipped`);
