import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { ChunkDecoder } from '../../../platform/textDecoding.ts';
import { columnKeyOf } from './elder.import.columns.ts';
import {
  cellTooLong,
  DEFAULT_READ_LIMITS,
  pendingCsvOf,
  readFailure,
  tooManyRows,
  type ReadLimits,
} from './elder.import.limits.ts';
import { precheckCsv, precheckXlsx } from './elder.import.precheck.ts';
import type { RawRow } from './elder.import.rows.ts';
import { xlsxRows } from './elder.import.xlsx.ts';

/**
 * Reads an uploaded 摸底表 row by row without holding the file in memory:
 * .xlsx through the exceljs streaming reader (the first worksheet,
 * elder.import.xlsx.ts), .csv through a small RFC 4180 parser over UTF-8
 * (with or without BOM) or GBK. Either is refused whole past the limits of
 * elder.import.limits.ts.
 */
export type ImportFormat = 'xlsx' | 'csv';

export interface RowSource {
  /** Column keys found in the header, in order. */
  columns: string[];
  /** The column key of each position (undefined: a column the import ignores). */
  header: (string | undefined)[];
  /** Data rows with at least one known, non-blank cell. */
  rows: AsyncIterable<RawRow>;
}

/** What the first bytes and the name say the upload is; null when it is neither. */
export function sniffFormat(head: Buffer, fileName: string): ImportFormat | null {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  // .xlsx is a ZIP container: "PK\x03\x04".
  const zip = head.length >= 4 && head.readUInt32BE(0) === 0x504b0304;
  if (ext === 'xlsx') return zip ? 'xlsx' : null;
  if (ext === 'csv' || ext === 'txt') {
    if (zip || head.includes(0)) return null; // a workbook renamed to .csv, .xls (OLE), or other binary
    return 'csv';
  }
  return null;
}

/** Bytes read so far, for the job's progress fraction. */
export interface ByteCounter {
  read: number;
}

function counted(stream: Readable, counter: ByteCounter): Readable {
  stream.on('data', (chunk: Buffer) => {
    counter.read += chunk.length;
  });
  return stream;
}

export async function openRows(
  path: string,
  format: ImportFormat,
  counter: ByteCounter,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<RowSource> {
  if (format === 'xlsx') await precheckXlsx(path, limits);
  else await precheckCsv(path, limits, () => countCsvRecords(path, limits));
  const raw =
    format === 'xlsx'
      ? xlsxRows(counted(createReadStream(path), counter), limits)
      : csvRows(path, counter, limits);
  return withHeader(raw);
}

function hasData(header: readonly (string | undefined)[], r: RawRow): boolean {
  const n = Math.min(header.length, r.values.length);
  for (let i = 0; i < n; i++) {
    if (!header[i]) continue;
    const v = r.values[i]!;
    if (v === null || v.trim() !== '') return true;
  }
  return false;
}

/** Finds the header within the first 10 rows (≥ 2 known columns); a key row right below it wins. */
async function withHeader(raw: AsyncGenerator<RawRow>): Promise<RowSource> {
  const it = raw[Symbol.asyncIterator]();
  let keys: (string | undefined)[] | null = null;
  let pending: RawRow | null = null;
  const mapRow = (r: RawRow) => r.values.map((c) => (c ? columnKeyOf(c) : undefined));
  for (let i = 0; i < 10; i++) {
    const next = await it.next();
    if (next.done) break;
    const mapped = mapRow(next.value);
    if (mapped.filter(Boolean).length >= 2) {
      keys = mapped;
      break;
    }
  }
  if (!keys) {
    await it.return?.(undefined);
    return { columns: [], header: [], rows: empty() };
  }
  // The template's hidden row of English keys (exact keys only).
  const second = await it.next();
  if (!second.done) {
    const exact = second.value.values.map((c) => (c === null ? '' : c.trim()));
    const asKeys = exact.map((k) => (k && columnKeyOf(k) === k ? k : undefined));
    if (asKeys.filter(Boolean).length >= 2 && exact.every((k, i) => !k || asKeys[i])) keys = asKeys;
    else pending = second.value;
  }
  const header = keys;
  async function* rows(): AsyncGenerator<RawRow> {
    if (pending && hasData(header, pending)) yield pending;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      if (hasData(header, next.value)) yield next.value;
    }
  }
  return { columns: header.filter((k): k is string => !!k), header, rows: rows() };
}

async function* empty(): AsyncGenerator<RawRow> {}

// ---------------------------------------------------------------------------
// csv

/**
 * UTF-8 or GBK (what Excel saves as "CSV" on Chinese Windows), told apart by the first bytes that are not
 * ASCII, wherever they are: a GBK file may start with thousands of ASCII rows (an English key row, pinyin
 * names). A BOM or an all-ASCII file is UTF-8.
 */
async function sniffEncoding(path: string): Promise<'utf-8' | 'gbk'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let position = 0; ;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, position);
      if (bytesRead === 0) return 'utf-8';
      const head = buf.subarray(0, bytesRead);
      if (position === 0 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
      if (isAscii(head)) {
        position += bytesRead;
        continue;
      }
      let first = 0;
      while (head[first]! < 0x80) first++;
      // 64 KiB from the first non-ASCII byte; the decoder tolerates a character cut at its end.
      const { bytesRead: n } = await fh.read(buf, 0, buf.length, position + first);
      try {
        new ChunkDecoder('utf-8').write(buf.subarray(0, n));
        return 'utf-8';
      } catch {
        return 'gbk';
      }
    }
  } finally {
    await fh.close();
  }
}

async function* csvRows(path: string, counter: ByteCounter, limits: ReadLimits): AsyncGenerator<RawRow> {
  const encoding = await sniffEncoding(path);
  // Streaming (a character may straddle two chunks) and fatal: bytes of another encoding further on —
  // a file pasted together from a UTF-8 and a GBK one — refuse the file instead of storing U+FFFD. A
  // leading BOM is dropped.
  const decoder = new ChunkDecoder(encoding);
  const parser = new CsvParser();
  const maxPending = pendingCsvOf(limits);
  let records = 0;
  const checked = (rows: RawRow[]) => {
    records += rows.length;
    if (records > limits.maxRows) throw tooManyRows(limits);
    for (const r of rows)
      for (const v of r.values) if (v !== null && v.length > limits.maxCellChars) throw cellTooLong(limits);
    // An open quote or a missing line break: refused before the parser rescans megabytes per chunk.
    if (parser.pending > maxPending) throw cellTooLong(limits);
    return rows;
  };
  const file = counted(createReadStream(path, { highWaterMark: 256 * 1024 }), counter);
  try {
    for await (const chunk of file) yield* checked(parser.push(decoder.write(chunk as Buffer), false));
    yield* checked(parser.push(decoder.end(), true));
  } catch (err) {
    throw readFailure(err, limits);
  } finally {
    file.destroy();
  }
}

async function countCsvRecords(path: string, limits: ReadLimits): Promise<number> {
  let records = 0;
  for await (const _ of csvRows(path, { read: 0 }, { ...limits, maxRows: Number.MAX_SAFE_INTEGER }))
    records++;
  return records;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 records from decoded text pushed chunk by chunk. A quote opens a
 * quoted field only at the start of a field ("" inside is one quote; text
 * after the closing quote is kept); CR, LF and CRLF end a record; an
 * unfinished record waits for the next chunk. Rows are numbered by record.
 */
export class CsvParser {
  private carry = '';
  private line = 0;

  /** Characters of the unfinished record waiting for the next chunk. */
  get pending(): number {
    return this.carry.length;
  }

  push(chunk: string, final: boolean): RawRow[] {
    const text = this.carry + chunk;
    const out: RawRow[] = [];
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      const end = this.record(text, pos, final, out);
      if (end < 0) break; // unfinished: it waits for the next chunk
      pos = end;
    }
    this.carry = pos < n ? text.slice(pos) : '';
    if (final) this.carry = '';
    return out;
  }

  /** The record starting at `start` into `out`: where the next one starts, or -1 when it is unfinished. */
  private record(text: string, start: number, final: boolean, out: RawRow[]): number {
    const n = text.length;
    let pos = start;
    const values: string[] = [];
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        const quoted = quotedField(text, pos, final);
        if (!quoted) return -1;
        values.push(quoted.field);
        pos = quoted.end;
      } else {
        const k = fieldEnd(text, pos);
        values.push(text.slice(pos, k));
        pos = k;
      }
      if (pos >= n) {
        if (!final) return -1;
        break;
      }
      const c = text.charCodeAt(pos);
      pos++;
      if (c === COMMA) {
        if (pos >= n && !final) return -1;
        if (pos >= n) {
          values.push('');
          break;
        }
        continue;
      }
      // CR at the end of a chunk: the LF of a CRLF may follow.
      if (c === CR) {
        if (pos >= n && !final) return -1;
        if (text.charCodeAt(pos) === LF) pos++;
      }
      break;
    }
    out.push({ row: ++this.line, values });
    return pos;
  }
}

/** Where the unquoted text from `k` ends: the next comma or line break, or the end of the text. */
function fieldEnd(text: string, k: number): number {
  const n = text.length;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === COMMA || c === LF || c === CR) break;
    k++;
  }
  return k;
}

/** A quoted field from its opening quote at `pos`: up to the closing quote that is not doubled; null when unfinished. */
function quotedField(text: string, pos: number, final: boolean): { field: string; end: number } | null {
  const n = text.length;
  let j = pos + 1;
  let parts = '';
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1 || (q + 1 === n && !final)) {
      if (!final) return null;
      parts += text.slice(j);
      j = n;
      break;
    }
    if (text.charCodeAt(q + 1) === QUOTE) {
      parts += text.slice(j, q + 1);
      j = q + 2;
      continue;
    }
    parts += text.slice(j, q);
    j = q + 1;
    break;
  }
  // Anything between the closing quote and the delimiter belongs to the field.
  const end = fieldEnd(text, j);
  return { field: parts + text.slice(j, end), end };
}
