import { invalidCharPosition } from '@yiyang/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../../platform/audit.ts';
import { CopyBytes, copyLine, copyTarget } from '../../../platform/copy.ts';
import { RandomPool, type FieldCipher } from '../../../platform/crypto.ts';
import { DomainError } from '../../../platform/errors.ts';
import { issueCode } from '../../../platform/issues.ts';
import { maskedSnapshot, normalizePhone, type ElderPlain } from '../elder.rules.ts';
import { todayIso } from '../../../platform/dates.ts';
import { elderCreateBody, type ElderCreate } from '../elder.schema.ts';
import { ELDER_HASH_DOMAIN, elderColumns } from '../elder.codec.ts';
import { checkIdentity, type Identity } from '../elder.identity.ts';
import { elders, elderTags, elderVersions } from '../elder.table.ts';
import {
  chronicDiseaseCode,
  IMPORT_COLUMN_BY_KEY,
  misplacedTagCode,
  MULTI_SEPARATOR,
  optionCode,
  REQUIRED_IMPORT_KEYS,
  type ImportColumn,
} from './elder.import.columns.ts';
import type { IdType, Sex } from '../idNumber.ts';

/**
 * The row rules of a 摸底表 import that need no database: the same checks as
 * `POST /elders` plus formulas, then (for a real import) the encrypted
 * columns and the COPY lines of the elder, its tags and its first version.
 * Runs in worker threads (elder.import.worker.ts) or in the calling thread,
 * with the same results. The region lookup and de-duplication need the
 * registry and the whole file: the service does them, in file order.
 */

// The reader (elder.import.read.ts, with exceljs) stays out of worker threads: rows arrive as RawRow.
/** A cell as read: its text, or a formula (never evaluated, always refused). */
export type RawCell = { text: string } | { formula: true };

export interface SheetRow {
  /** The row number a spreadsheet shows (1-based, header included). */
  row: number;
  cells: Map<string, RawCell>;
}

/**
 * A data row as read, before it is keyed by the header: the cell texts by
 * position, `null` for a formula. Plain arrays of strings, so that batches of
 * them cross to worker threads cheaply.
 */
export interface RawRow {
  row: number;
  values: (string | null)[];
}

/** A raw row keyed by the header; null when no known column has a value. */
export function sheetRow(header: readonly (string | undefined)[], r: RawRow): SheetRow | null {
  const cells = new Map<string, RawCell>();
  const n = Math.min(header.length, r.values.length);
  for (let i = 0; i < n; i++) {
    const key = header[i];
    if (!key) continue;
    const v = r.values[i]!;
    if (v === null) cells.set(key, { formula: true });
    else if (v.trim() !== '') cells.set(key, { text: v });
  }
  return cells.size ? { row: r.row, cells } : null;
}

export const IMPORT_REASON = '摸底表导入';
// OWASP "CSV injection": cells that spreadsheet apps would run as formulas, checked on the value as stored.
const FORMULA_START = /^[=+\-@]/;

/** A cell's value as stored: line breaks and tabs (Alt+Enter in Excel) become spaces, then trimmed. */
export function normaliseCell(raw: string): string {
  return (BREAKS.test(raw) ? raw.replace(BREAKS_ALL, ' ') : raw).trim();
}
const BREAKS = /[\t\n\r]/;
const BREAKS_ALL = /[\t\n\r]+/g;

/** At most 20 characters of a cell for a message, never cut inside a character. */
const clip = (value: string) => [...value].slice(0, 20).join('');

export interface Issue {
  row: number;
  column: string | null;
  kind: 'error' | 'skipped';
  code: string;
  params?: Record<string, unknown>;
}

export type PlainKey = keyof ElderPlain;

/** A row that passed every rule but the region lookup and de-duplication. */
export interface CheckedRow {
  row: number;
  plain: ElderPlain;
  tags: string[];
  /** Fields the row fills (an update changes only these). */
  provided: Set<PlainKey>;
}

export interface RowVerdict {
  row: number;
  issues: Issue[];
  /** The residence to look up, and where in `issues` its problem goes (the order of POST /elders). */
  region: { code: string; at: number } | null;
  checked: CheckedRow | null;
}

const IMPORT_TO_PLAIN: Record<string, PlainKey> = {
  name: 'name',
  idType: 'idType',
  idNumber: 'idNumber',
  birthDate: 'birthDate',
  sex: 'sex',
  phone: 'phone',
  regionCode: 'regionCode',
  address: 'address',
  householdLocal: 'householdLocal',
  householdAddress: 'householdAddress',
  residenceSince: 'residenceSince',
  livingSituation: 'livingSituation',
  ethnicity: 'ethnicity',
  education: 'education',
  maritalStatus: 'maritalStatus',
  economicSources: 'economicSources',
  chronicDiseases: 'health',
};

/** 1950-3-5, 1950/03/05, 1950.03.05, 19500305 → 1950-03-05; null when not a date. */
export function normaliseDate(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type Bad = (column: string | null, code: string, params?: Record<string, unknown>) => void;

/** Every rule of one row that needs neither the registry nor the other rows. */
export function checkRow(r: SheetRow, now: Date): RowVerdict {
  const issues: Issue[] = [];
  const verdict: RowVerdict = { row: r.row, issues, region: null, checked: null };
  const bad: Bad = (column, code, params) =>
    issues.push({ row: r.row, column, kind: 'error', code, ...(params ? { params } : {}) });
  const text = cellTexts(r, bad);
  if (issues.length) return verdict;
  for (const k of REQUIRED_IMPORT_KEYS) if (!text.get(k)) bad(k, 'common.required');

  const { input, provided, tags } = parseCells(text, bad);
  if (typeof input.phone === 'string') input.phone = input.phone.replace(/\s+/g, '');
  const parsed = elderCreateBody.safeParse(input);
  const failedKeys = new Set(issues.map((i) => i.column));
  if (!parsed.success)
    for (const zi of parsed.error.issues) {
      const key = zi.path[0] === 'health' ? 'chronicDiseases' : String(zi.path[0] ?? '');
      if (failedKeys.has(key)) continue;
      failedKeys.add(key);
      const { code, params } = issueCode(zi);
      bad(key || null, code, params);
    }
  const regionCode = typeof input.regionCode === 'string' ? input.regionCode : null;
  if (regionCode && !failedKeys.has('regionCode')) verdict.region = { code: regionCode, at: issues.length };
  const identity = rowIdentity(input, failedKeys, now, bad);
  const since = input.residenceSince as string | undefined;
  if (since && since > todayIso(now)) bad('residenceSince', 'elder.date_future');
  if (issues.length || !parsed.success || !identity) return verdict;

  // Identity fields derived from the number count as provided.
  provided.add('birthDate').add('sex').add('idType');
  verdict.checked = { row: r.row, plain: plainOfRow(parsed.data, identity), tags, provided };
  return verdict;
}

/** The cells as text; formulas and characters no text field takes are issues. */
function cellTexts(r: SheetRow, bad: Bad): Map<string, string> {
  const text = new Map<string, string>();
  for (const [key, cell] of r.cells) {
    if ('formula' in cell) {
      bad(key, 'elder.import.formula');
      continue;
    }
    // The characters no text field takes (NUL …), counted in the cell as written.
    const position = invalidCharPosition(cell.text, { multiline: true });
    const value = normaliseCell(cell.text);
    if (position) bad(key, 'common.invalid_characters', { position });
    else if (FORMULA_START.test(value)) bad(key, 'elder.import.formula');
    else text.set(key, value);
  }
  return text;
}

/** The cells as the registration body (POST /elders) would have them: dates, option codes, lists. */
function parseCells(text: Map<string, string>, bad: Bad) {
  const input: Record<string, unknown> = {};
  const provided = new Set<PlainKey>();
  let tags: string[] = [];
  for (const [key, value] of text) {
    if (!value) continue;
    const col = IMPORT_COLUMN_BY_KEY.get(key)!;
    const plainKey = IMPORT_TO_PLAIN[key];
    if (plainKey) provided.add(plainKey);
    if (col.kind === 'text') input[key] = value;
    else if (col.kind === 'date') {
      const d = normaliseDate(value);
      if (d) input[key] = d;
      else bad(key, 'elder.import.invalid_date');
    } else if (col.kind === 'enum' || col.kind === 'bool') {
      const c = optionCode(col, value);
      if (c === undefined) bad(key, 'elder.import.invalid_option', { value: clip(value) });
      else input[key] = col.kind === 'bool' ? c === 'true' : c;
    } else {
      const parts = value
        .split(MULTI_SEPARATOR)
        .map((p) => p.trim())
        .filter(Boolean);
      if (key === 'chronicDiseases') input.health = { chronicDiseases: parts.map(chronicDiseaseCode) };
      else if (key === 'tags') tags = listCodes(col, key, parts, bad);
      else input[key] = listCodes(col, key, parts, bad);
    }
  }
  return { input, provided, tags };
}

/** Option codes of a multi-valued cell, without repeats; unknown values are issues. */
function listCodes(col: ImportColumn, key: string, parts: string[], bad: Bad): string[] {
  const codes: string[] = [];
  for (const p of parts) {
    const c = optionCode(col, p);
    if (c === undefined)
      bad(key, (key === 'tags' && misplacedTagCode(p)) || 'elder.import.invalid_option', {
        value: clip(p),
      });
    else if (!codes.includes(c)) codes.push(c);
  }
  return codes;
}

/** The identity document checked as on POST /elders, unless one of its cells already failed. */
function rowIdentity(
  input: Record<string, unknown>,
  failedKeys: Set<string | null>,
  now: Date,
  bad: Bad,
): Identity | null {
  if (['idType', 'idNumber', 'birthDate', 'sex'].some((k) => failedKeys.has(k)) || !input.idNumber)
    return null;
  try {
    return checkIdentity(
      {
        idType: (input.idType as IdType | undefined) ?? 'resident_id',
        idNumber: input.idNumber as string,
        birthDate: (input.birthDate as string | undefined) ?? null,
        sex: (input.sex as Sex | undefined) ?? null,
      },
      now,
      { enforceAge: true },
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    for (const f of err.fieldErrors) bad(f.pointer.replace('/body/', ''), f.code, f.params);
    return null;
  }
}

function plainOfRow(v: ElderCreate, identity: Identity): ElderPlain {
  return {
    name: v.name,
    idType: identity.idType,
    idNumber: identity.normalized,
    birthDate: identity.birthDate,
    sex: identity.sex,
    phone: v.phone ? normalizePhone(v.phone) : null,
    regionCode: v.regionCode,
    address: v.address ?? null,
    householdLocal: v.householdLocal,
    householdAddress: v.householdAddress ?? null,
    residenceSince: v.residenceSince ?? null,
    lat: null,
    lng: null,
    livingSituation: v.livingSituation ?? null,
    ethnicity: v.ethnicity ?? null,
    education: v.education ?? null,
    maritalStatus: v.maritalStatus ?? null,
    economicSources: v.economicSources ?? [],
    health: v.health
      ? { chronicDiseases: v.health.chronicDiseases, allergies: [], medications: [], familyDoctor: null }
      : null,
    status: 'active',
    statusDate: null,
  };
}

// ---------------------------------------------------------------------------
// Batches (the unit a worker thread handles)

export interface BatchSetup {
  /** Column key per position of the file (from its header). */
  header: (string | undefined)[];
  /** The job's clock, as epoch milliseconds (the same "today" in every thread). */
  now: number;
  /** Dry run: only the blind index; a real import also encrypts and encodes COPY lines. */
  write: boolean;
  actor: Actor;
}

/** What a batch sends back per row: plain data never leaves the worker, only hashes, issues and COPY text. */
export interface RowResult {
  row: number;
  issues: Issue[];
  region: { code: string; at: number } | null;
  /** Blind index of the ID number (valid rows). */
  hash?: string;
}

/**
 * COPY lines of a batch's valid rows (real import) as UTF-8 bytes, one buffer
 * per table: row `i` of `rows` owns bytes [ends[3(i-1)+t], ends[3i+t]) of
 * table t (0 elders, 1 tags, 2 versions); a row without lines owns none.
 */
export interface BatchCopy {
  elders: Uint8Array;
  tags: Uint8Array;
  versions: Uint8Array;
  ends: Int32Array;
}

export interface BatchResult {
  /** Column keys of the `elders` COPY lines, in order. */
  elderKeys: string[];
  rows: RowResult[];
  copy: BatchCopy | null;
  /** Time the batch took in its thread (ms), for the job's breakdown. */
  ms: number;
}

/** The buffers of a result that a worker thread moves instead of copying. */
export function batchTransfer(r: BatchResult): ArrayBuffer[] {
  return r.copy
    ? [r.copy.elders, r.copy.tags, r.copy.versions, r.copy.ends].map((a) => a.buffer as ArrayBuffer)
    : [];
}

const TAG_COPY = copyTarget(elderTags, ['elderId', 'code', 'validFrom', 'source']);
const VERSION_COPY = copyTarget(elderVersions, [
  'elderId',
  'version',
  'kind',
  'changedBy',
  'changedByName',
  'reason',
  'before',
  'after',
]);
export const IMPORT_COPY = { tags: TAG_COPY, versions: VERSION_COPY };

/** The elder table's COPY target for rows shaped like `{ id, ...elderColumns() }`. */
export function elderCopyTarget(keys: readonly string[]) {
  return copyTarget(elders, keys);
}

// uuid asks the OS for 16 random bytes per id (≈ 6 µs a row in a busy worker); one refill per 1,024 ids.
const idRandom = new RandomPool(16 * 1024);
const pooledRandom16 = () => idRandom.take(16);

/** A function that processes batches of raw rows the same way in any thread. */
export function batchProcessor(cipher: FieldCipher, setup: BatchSetup): (rows: RawRow[]) => BatchResult {
  const now = new Date(setup.now);
  const today = todayIso(now);
  let elderKeys: string[] = [];
  let elderTarget: ReturnType<typeof elderCopyTarget> | null = null;
  const bytes = [new CopyBytes(), new CopyBytes(), new CopyBytes()] as const;
  return (rows) => {
    const started = performance.now();
    const out: RowResult[] = [];
    const ends: number[] = [];
    const [elderBytes, tagBytes, versionBytes] = bytes;
    for (const raw of rows) {
      const sheet = sheetRow(setup.header, raw);
      if (!sheet) continue;
      const v = checkRow(sheet, now);
      const result: RowResult = { row: v.row, issues: v.issues, region: v.region };
      out.push(result);
      const c = v.checked;
      if (!c || !setup.write) {
        if (c) result.hash = cipher.blindIndex(c.plain.idNumber, ELDER_HASH_DOMAIN.idNumber);
        ends.push(elderBytes.length, tagBytes.length, versionBytes.length);
        continue;
      }
      // Time-ordered ids (RFC 9562 v7): the primary key and the foreign-key indexes of elder_versions and
      // elder_tags grow at their right edge instead of at a random page per row (COPY ~30 % faster).
      const id = uuidv7({ rng: pooledRandom16 });
      // Added to the fresh object rather than spread into a copy (a hot path: ~1 µs a row).
      const values: Record<string, unknown> & { idNumberHash: string } = elderColumns(cipher, c.plain);
      values.id = id;
      // tag_codes as elderRepo keeps it: the codes of the rows COPYed into elder_tags below.
      values.tagCodes = [...new Set(c.tags)].sort();
      if (!elderTarget) {
        elderKeys = Object.keys(values);
        elderTarget = elderCopyTarget(elderKeys);
      }
      result.hash = values.idNumberHash;
      ends.push(elderBytes.append(copyLine(elderTarget, values)));
      for (const code of c.tags)
        tagBytes.append(copyLine(TAG_COPY, { elderId: id, code, validFrom: today, source: 'manual' }));
      ends.push(tagBytes.length);
      ends.push(
        versionBytes.append(
          copyLine(VERSION_COPY, {
            elderId: id,
            version: 1,
            kind: 'create',
            changedBy: setup.actor.userId,
            changedByName: setup.actor.name,
            reason: IMPORT_REASON,
            before: null,
            after: Object.assign(maskedSnapshot(c.plain), { tags: c.tags }),
          }),
        ),
      );
    }
    const copy = setup.write
      ? {
          elders: elderBytes.take(),
          tags: tagBytes.take(),
          versions: versionBytes.take(),
          ends: Int32Array.from(ends),
        }
      : null;
    return { elderKeys, rows: out, copy, ms: performance.now() - started };
  };
}
