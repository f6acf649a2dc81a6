import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cnIdCheckChar, EARLIEST_BIRTH_DATE, ELDER_MIN_AGE, type Sex } from './idNumber.ts';
import { ageOn, anniversary, chinaDate, formatYmd, type Ymd } from '../../platform/dates.ts';
import { ELDER_TAGS, type ChronicDiseaseCode, type ElderTag, type LivingSituation } from './elder.vocab.ts';
import {
  epochDay,
  fromEpochDay,
  hashCode,
  Random,
  weighted,
  type Weighted,
} from './elder.generator.random.ts';

/**
 * Deterministic synthetic elders for demo data and the 1,000,000-row import
 * benchmark (PRODUCT.md §6, §9). Same options → same records, and a smaller
 * `count` yields a prefix of a larger one. Streams: nothing grows with
 * `count` except the ID-uniqueness bitmaps (~46 KB per county and birth year).
 *
 * Every share below is an ASSUMPTION for realistic-looking data, loosely
 * based on public statistics recalled from memory [R], not a source of truth:
 * - Age (60+): 2020 census shape — 60–64 27.8 %, 65–69 28.0 %, 70–74 18.8 %,
 *   75–79 11.8 %, 80–84 7.7 %, 85–89 4.0 %, 90–94 1.5 %, 95–99 0.3 %,
 *   100–105 0.05 % (80+ ≈ 13.5 %). Share of men falls from 50 % to 25 %.
 * - Living situation: 独居 ~12 % (9 % at 60–69 → 20 % at 80+), 空巢 (couple
 *   only) ~40 %, 留守 10 % of elders in 村 (rural village codes 200–399),
 *   with other relatives 4 %, with children the rest.
 * - Tags: 特困 ~1 % (5 % of those living alone), 低保 4 %, 低收入 3 % (these
 *   three exclusive), 残疾 ~6 % (rising with age), 老党员 ~8 % (12 % of men,
 *   4 % of women), 重点优抚对象 ~1 % (mostly men), 失独 ~0.3 % and
 *   计划生育特殊家庭 ~0.5 % (incl. all 失独; only under 80, as one-child-policy
 *   parents).
 * - Household: 5 % non-local, resident for 1 month to 25 years; their ID
 *   address code comes from a county in another province. Local elders' ID
 *   address code is the residence county (real Chongqing elders often carry
 *   pre-1997 Sichuan 51xxxx codes — never treat it as the current address).
 * - Phone: none for 5 % at 60–69, 12 % at 70–79, 30 % at 80–89, 55 % at 90+.
 * - Ethnicity: 98.5 % 汉族 by default; 土家族/苗族 majorities in 黔江, 石柱,
 *   秀山, 酉阳, 彭水.
 * - Chronic diseases: independent draws per condition, scaled by age band
 *   (hypertension 45 %, diabetes 18 %, …; see DISEASES).
 */

export interface GenerateEldersOptions {
  count: number;
  seed: number;
  /** 12-digit village-level NBS codes (STANDARDS.md §5.2); the residence is drawn uniformly from these. */
  regionCodes: readonly string[];
  today: Date;
}

export interface SyntheticElder {
  /** 0-based position in the stream. */
  seq: number;
  name: string;
  sex: Sex;
  idType: 'resident_id';
  idNumber: string;
  birthDate: string;
  phone: string | null;
  regionCode: string;
  address: string;
  livingSituation: LivingSituation;
  tags: ElderTag[];
  householdLocal: boolean;
  residenceSince: string | null;
  ethnicity: string;
  chronicDiseases: ChronicDiseaseCode[];
  /** Synthetic home position (WGS-84): near a made-up centre of the village; see `syntheticCoordinates`. */
  lat: number;
  lng: number;
}

export function* generateElders(options: GenerateEldersOptions): Generator<SyntheticElder, void, undefined> {
  const { count, seed, regionCodes, today } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (regionCodes.length === 0) throw new RangeError('regionCodes must not be empty');
  const bad = regionCodes.find((c) => !/^\d{12}$/.test(c));
  if (bad !== undefined) throw new RangeError(`region code "${bad}" is not a 12-digit code`);
  const now = chinaDate(today);
  if (formatYmd({ ...now, year: now.year - MAX_AGE - 1 }) < EARLIEST_BIRTH_DATE) {
    throw new RangeError('today is too early for ages up to 105');
  }
  const rng = new Random(seed);
  const ids = new IdRegistry();
  for (let seq = 0; seq < count; seq++) yield makeElder(seq, rng, ids, regionCodes, now);
}

/** Stable CSV column names, in order (RFC 4180, UTF-8, `\n` line ends). */
export const ELDER_CSV_COLUMNS = [
  'seq', // 0-based row number
  'name',
  'sex', // male | female
  'id_type', // resident_id
  'id_number', // 18 characters
  'birth_date', // YYYY-MM-DD
  'phone', // 11-digit mobile or empty
  'region_code', // 12-digit village-level code of the residence
  'address', // free text below the region
  'living_situation', // LIVING_SITUATIONS code
  'tags', // ELDER_TAGS codes joined by |
  'household_local', // true | false
  'residence_since', // YYYY-MM-DD for non-local elders, else empty
  'ethnicity', // Chinese name, e.g. 汉族
  'chronic_diseases', // ICD-10 categories joined by |
] as const;

export function elderCsvRow(e: SyntheticElder): string {
  return [
    String(e.seq),
    csvField(e.name),
    e.sex,
    e.idType,
    e.idNumber,
    e.birthDate,
    e.phone ?? '',
    e.regionCode,
    csvField(e.address),
    e.livingSituation,
    e.tags.join('|'),
    String(e.householdLocal),
    e.residenceSince ?? '',
    csvField(e.ethnicity),
    e.chronicDiseases.join('|'),
  ].join(',');
}

/**
 * Streams a header and `count` rows into `stream` (honouring backpressure)
 * and ends it. `bom` prepends U+FEFF so that Excel reads UTF-8.
 */
export async function writeEldersCsv(
  stream: Writable,
  options: GenerateEldersOptions & { bom?: boolean },
): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  async function* chunks(): AsyncGenerator<string> {
    let chunk = `${options.bom ? '\uFEFF' : ''}${ELDER_CSV_COLUMNS.join(',')}\n`;
    for (const elder of generateElders(options)) {
      chunk += `${elderCsvRow(elder)}\n`;
      rows++;
      if (chunk.length >= 64 * 1024) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
        chunk = '';
      }
    }
    bytes += Buffer.byteLength(chunk);
    yield chunk;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), stream);
  return { rows, bytes };
}

/** One CSV field, quoted when it holds a quote, comma or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// ---------------------------------------------------------------------------
// One elder

const MAX_AGE = 105;

function makeElder(
  seq: number,
  rng: Random,
  ids: IdRegistry,
  regionCodes: readonly string[],
  now: Ymd,
): SyntheticElder {
  const regionCode = rng.pick(regionCodes);
  const county = regionCode.slice(0, 6);
  const band = AGE_BANDS.pick(rng);
  const age = band.from + rng.int(band.to - band.from + 1);
  const sex: Sex = rng.chance(band.male) ? 'male' : 'female';
  const householdLocal = !rng.chance(0.05);
  const addressCode = householdLocal ? county : pickOtherCounty(rng, county);
  const { idNumber, birth } = ids.issue(rng, addressCode, age, sex, now);
  // STANDARDS.md §5.2: village positions 10–12 = 200–399 are 村民委员会 (rural).
  const village = Number(regionCode.slice(9));
  const rural = village >= 200 && village <= 399;
  const livingSituation = pickLiving(rng, age, rural);
  return {
    seq,
    name: makeName(rng, sex),
    sex,
    idType: 'resident_id',
    idNumber,
    birthDate: formatYmd(birth),
    phone: makePhone(rng, age),
    regionCode,
    address: makeAddress(rng, regionCode, rural),
    livingSituation,
    tags: makeTags(rng, age, sex, livingSituation),
    householdLocal,
    residenceSince: householdLocal ? null : formatYmd(fromEpochDay(epochDay(now) - 30 - rng.int(25 * 365))),
    ethnicity: ethnicityTable(county).pick(rng),
    chronicDiseases: makeDiseases(rng, age, sex),
    ...syntheticCoordinates(regionCode, seq),
  };
}

/** Known county centres (the demo district); other counties get a made-up point inside China. */
const COUNTY_CENTRES: Record<string, readonly [lng: number, lat: number]> = {
  '500110': [106.651, 28.962], // 綦江区
  '500111': [105.717, 29.708], // 大足区
};

/**
 * A plausible, deterministic position for a synthetic elder: the county centre,
 * a street/town centre within ~25 km of it, a village centre within ~6 km of
 * that and the home within ~400 m. Hash-based, so it does not disturb the
 * random stream (the same seed gives the same elders as before coordinates
 * existed). Demo data only: real positions come from the form or the phone.
 */
export function syntheticCoordinates(regionCode: string, seq: number): { lat: number; lng: number } {
  // FNV alone leaves "…x"/"…y" correlated in the high bits: finish with murmur3's fmix32.
  const unit = (text: string) => {
    let h = hashCode(text);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296 - 0.5; // [-0.5, 0.5)
  };
  const county = regionCode.slice(0, 6);
  const street = regionCode.slice(0, 9);
  const [lng0, lat0] = COUNTY_CENTRES[county] ?? [
    110 + 16 * unit(`${county}x`),
    30 + 12 * unit(`${county}y`),
  ];
  const lng = lng0 + 0.5 * unit(`${street}x`) + 0.12 * unit(`${regionCode}x`) + 0.008 * unit(`${seq}x`);
  const lat = lat0 + 0.45 * unit(`${street}y`) + 0.1 * unit(`${regionCode}y`) + 0.007 * unit(`${seq}y`);
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

const AGE_BANDS = weighted([
  [{ from: ELDER_MIN_AGE, to: 64, male: 0.505 }, 27.8],
  [{ from: 65, to: 69, male: 0.495 }, 28.0],
  [{ from: 70, to: 74, male: 0.485 }, 18.8],
  [{ from: 75, to: 79, male: 0.47 }, 11.8],
  [{ from: 80, to: 84, male: 0.45 }, 7.7],
  [{ from: 85, to: 89, male: 0.41 }, 4.0],
  [{ from: 90, to: 94, male: 0.36 }, 1.5],
  [{ from: 95, to: 99, male: 0.3 }, 0.3],
  [{ from: 100, to: MAX_AGE, male: 0.25 }, 0.05],
]);

/** Unique 18-digit numbers: one bit per (address code, birth date, sequence code). */
class IdRegistry {
  readonly #used = new Map<string, Uint8Array>();

  issue(rng: Random, addressCode: string, age: number, sex: Sex, now: Ymd): { idNumber: string; birth: Ymd } {
    for (let attempt = 0; attempt < 50; attempt++) {
      // Birth date uniformly within the 365 days that give exactly `age` today.
      const latest = epochDay(anniversary(now, now.year - age));
      const birth = fromEpochDay(latest - rng.int(365));
      if (ageOn(birth, now) !== age) continue; // only possible when today is 29 Feb
      const bits = this.#bitmap(addressCode, birth.year);
      const dayIndex = epochDay(birth) - epochDay({ year: birth.year, month: 1, day: 1 });
      // GB 11643-1999: sequence code odd for men (001–999), even for women (002–998).
      const first = sex === 'male' ? 1 + 2 * rng.int(500) : 2 + 2 * rng.int(499);
      for (let probe = 0; probe < 500; probe++) {
        const sequence =
          sex === 'male' ? ((first - 1 + 2 * probe) % 1000) + 1 : ((first - 2 + 2 * probe) % 998) + 2;
        const bit = dayIndex * 1000 + sequence;
        if (bits[bit >> 3]! & (1 << (bit & 7))) continue;
        bits[bit >> 3]! |= 1 << (bit & 7);
        const body = `${addressCode}${formatYmd(birth).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
        return { idNumber: body + cnIdCheckChar(body), birth };
      }
    }
    throw new Error(`too many synthetic elders for address code ${addressCode} at age ${age}`);
  }

  #bitmap(addressCode: string, year: number): Uint8Array {
    const key = `${addressCode}${year}`;
    let bits = this.#used.get(key);
    if (!bits) {
      bits = new Uint8Array((366 * 1000) / 8);
      this.#used.set(key, bits);
    }
    return bits;
  }
}

// Real county codes in other provinces (成都锦江/青羊, 贵阳南明/云岩, 武汉江岸, 长沙芙蓉, 昆明五华, 西安新城).
const OTHER_COUNTIES = ['510104', '510105', '520102', '520103', '420102', '430102', '530102', '610102'];

function pickOtherCounty(rng: Random, county: string): string {
  const options = OTHER_COUNTIES.filter((c) => c.slice(0, 2) !== county.slice(0, 2));
  return rng.pick(options.length > 0 ? options : OTHER_COUNTIES);
}

function pickLiving(rng: Random, age: number, rural: boolean): LivingSituation {
  const alone = age < 70 ? 0.09 : age < 80 ? 0.14 : 0.2;
  const emptyNest = age < 70 ? 0.44 : age < 80 ? 0.4 : 0.28;
  const x = rng.float();
  if (x < alone) return 'alone';
  if (x < alone + emptyNest) return 'empty_nest';
  if (x < alone + emptyNest + 0.04) return 'with_others';
  return rural && rng.chance(0.2) ? 'left_behind' : 'with_children';
}

function makeTags(rng: Random, age: number, sex: Sex, living: LivingSituation): ElderTag[] {
  const tags = new Set<ElderTag>();
  // 特困, 低保 and 低收入 are rungs of one ladder: at most one applies.
  const x = rng.float();
  const poverty = living === 'alone' ? 0.05 : 0.0045;
  if (x < poverty) tags.add('extreme_poverty');
  else if (x < poverty + 0.04) tags.add('subsistence_allowance');
  else if (x < poverty + 0.07) tags.add('low_income');
  if (rng.chance(age < 70 ? 0.045 : age < 80 ? 0.07 : 0.09)) tags.add('disability');
  if (rng.chance(sex === 'male' ? 0.12 : 0.04)) tags.add('senior_party_member');
  if (rng.chance(sex === 'male' ? 0.018 : 0.0025)) tags.add('priority_entitled');
  if (age < 80) {
    const y = rng.float();
    if (y < 0.0035) tags.add('bereaved_only_child').add('family_planning_special');
    else if (y < 0.0058) tags.add('family_planning_special');
  }
  return ELDER_TAGS.filter((t) => tags.has(t));
}

const DISEASES: ReadonlyArray<{
  code: ChronicDiseaseCode;
  p: number;
  female?: number;
  byAge?: [number, number, number];
}> = [
  { code: 'I10', p: 0.45 },
  { code: 'E11', p: 0.18 },
  { code: 'I25', p: 0.12 },
  { code: 'I69', p: 0.06 },
  { code: 'J44', p: 0.08, female: 0.6 },
  { code: 'M17', p: 0.12, female: 1.4 },
  { code: 'M81', p: 0.1, female: 1.6 },
  { code: 'F03', p: 0, byAge: [0.01, 0.05, 0.15] },
  { code: 'N18', p: 0.04 },
  { code: 'H25', p: 0.1 },
];

function makeDiseases(rng: Random, age: number, sex: Sex): ChronicDiseaseCode[] {
  const band = age < 70 ? 0 : age < 80 ? 1 : 2;
  const out: ChronicDiseaseCode[] = [];
  for (const d of DISEASES) {
    const base = d.byAge ? d.byAge[band] : d.p * [0.8, 1.1, 1.3][band]!;
    const p = sex === 'female' && d.female ? Math.min(1, base * d.female) : base;
    if (rng.chance(p)) out.push(d.code);
  }
  return out;
}

// Mobile prefixes 13x–19x, weighted towards the older networks elders keep.
const PHONE_PREFIXES = weighted<string>([
  ...['130', '131', '132', '133', '135', '136', '137', '138', '139'].map((p): [string, number] => [p, 6]),
  ...['150', '151', '152', '153', '155', '157', '158', '159'].map((p): [string, number] => [p, 4]),
  ...['180', '181', '182', '183', '187', '188', '189'].map((p): [string, number] => [p, 3]),
  ...['147', '166', '173', '177', '178', '191', '198', '199'].map((p): [string, number] => [p, 1]),
]);

function makePhone(rng: Random, age: number): string | null {
  if (rng.chance(age < 70 ? 0.05 : age < 80 ? 0.12 : age < 90 ? 0.3 : 0.55)) return null;
  return PHONE_PREFIXES.pick(rng) + String(rng.int(100_000_000)).padStart(8, '0');
}

// ---------------------------------------------------------------------------
// Names: common surnames by approximate share [R], era-typical given names.

// prettier-ignore
const SURNAMES = weighted<string>([
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 48], ['杨', 32], ['黄', 24], ['赵', 22], ['吴', 21],
  ['周', 20], ['徐', 15], ['孙', 15], ['马', 13], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 12], ['罗', 12],
  ['高', 11], ['林', 10], ['郑', 9], ['梁', 8], ['谢', 8], ['唐', 8], ['宋', 7], ['许', 7], ['邓', 7],
  ['冯', 6], ['韩', 6], ['曹', 6], ['曾', 6], ['彭', 6], ['肖', 6], ['蔡', 5], ['潘', 5], ['田', 5],
  ['董', 5], ['袁', 5], ['于', 5], ['余', 5], ['叶', 5], ['蒋', 5], ['杜', 5], ['苏', 4], ['魏', 4],
  ['程', 4], ['吕', 4], ['丁', 4], ['沈', 4], ['任', 4], ['姚', 4], ['卢', 4], ['傅', 4], ['钟', 4],
  ['姜', 4], ['崔', 3], ['谭', 4], ['廖', 3], ['范', 3], ['汪', 3], ['陆', 3], ['金', 3], ['石', 3],
  ['戴', 3], ['贾', 3], ['韦', 3], ['夏', 3], ['邱', 3], ['方', 3], ['侯', 3], ['邹', 3], ['熊', 3],
  ['孟', 3], ['秦', 3], ['白', 3], ['江', 3], ['阎', 2], ['薛', 2], ['尹', 2], ['段', 2], ['雷', 2],
  ['黎', 2], ['史', 2], ['龙', 2], ['陶', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2],
  ['邵', 2], ['万', 2], ['钱', 2], ['严', 2], ['覃', 2], ['武', 2], ['向', 2], ['冉', 2], ['单', 1],
  ['欧阳', 0.5], ['司马', 0.1], ['上官', 0.1], ['诸葛', 0.1],
]);

const GIVEN = {
  male: {
    first: Array.from('国建德志文明永学光长福春金家庆世正成洪绍承少宗兴忠树开维清大'),
    second: Array.from('华明清林生山强平富贵安才发成祥荣伦全民良军东海章友和云辉泉武'),
    single: Array.from('强军林斌伟勇刚明华平忠彬杰海成'),
    classic: ['建国', '国强', '建华', '德明', '志强', '国华', '建军', '明华', '永福', '学文'],
  },
  female: {
    first: Array.from('秀玉桂淑凤素金美翠月春丽小兰琼德慧银碧光'),
    second: Array.from('英兰珍芳华梅琴莲芬霞凤云菊娥蓉群香秀贞琼'),
    single: Array.from('英芳兰珍梅琴霞莲芬萍蓉琼燕红敏'),
    classic: ['秀英', '桂英', '玉兰', '秀兰', '桂兰', '淑珍', '凤英', '玉梅', '秀珍', '玉珍', '素珍', '淑华'],
  },
} as const;

function makeName(rng: Random, sex: Sex): string {
  const g = GIVEN[sex];
  const surname = SURNAMES.pick(rng);
  const x = rng.float();
  if (x < 0.2) return surname + rng.pick(g.single);
  if (x < 0.45) return surname + rng.pick(g.classic);
  return surname + rng.pick(g.first) + rng.pick(g.second);
}

// ---------------------------------------------------------------------------
// Addresses: real names are unknown here, so communities get a stable synthetic name per code.

const PLACE_NAMES =
  '幸福 和平 新华 文昌 东风 向阳 红旗 建设 胜利 团结 光明 长青 清溪 石龙 桥河 沙溪 永兴 双河 新民 白果 太平 金山 青龙 龙井'.split(
    ' ',
  );
const ESTATES = '金桂 阳光 锦绣 滨江 书香 翠竹 康居 怡和 兴隆 南湖 福苑 华府'.split(' ');

function makeAddress(rng: Random, regionCode: string, rural: boolean): string {
  const place = PLACE_NAMES[hashCode(regionCode) % PLACE_NAMES.length];
  if (rural) return `${place}村${1 + rng.int(12)}组${1 + rng.int(120)}号`;
  const floor = 1 + rng.int(18);
  const room = String(1 + rng.int(4)).padStart(2, '0');
  return `${place}社区${rng.pick(ESTATES)}小区${1 + rng.int(30)}栋${1 + rng.int(4)}单元${floor}${room}号`;
}

// Chongqing counties with 土家族/苗族 majorities: 黔江, 石柱, 秀山, 酉阳, 彭水.
const MINORITY_COUNTIES = new Set(['500114', '500240', '500241', '500242', '500243']);
const ETHNICITY_DEFAULT = weighted<string>([
  ['汉族', 98.5],
  ['土家族', 0.8],
  ['苗族', 0.5],
  ['回族', 0.1],
  ['彝族', 0.05],
  ['壮族', 0.05],
]);
const ETHNICITY_MINORITY = weighted<string>([
  ['土家族', 45],
  ['汉族', 35],
  ['苗族', 19],
  ['侗族', 1],
]);

function ethnicityTable(county: string): Weighted<string> {
  return MINORITY_COUNTIES.has(county) ? ETHNICITY_MINORITY : ETHNICITY_DEFAULT;
}

// ---------------------------------------------------------------------------
