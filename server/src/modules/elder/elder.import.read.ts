import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fixZipEarlyEnd } from '../../platform/zipEntries.ts';
import { columnKeyOf } from './elder.import.columns.ts';
import type { RawRow } from './elder.import.rows.ts';

/**
 * Reads an uploaded 摸底表 row by row without holding the file in memory:
 * .xlsx through the exceljs streaming reader (the first worksheet), .csv
 * through a small RFC 4180 parser over UTF-8 (with or without BOM) or GBK.
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

export async function openRows(path: string, format: ImportFormat, counter: ByteCounter): Promise<RowSource> {
  const raw = format === 'xlsx' ? xlsxRows(path, counter) : csvRows(path, counter);
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
// xlsx

/** A cell's text; null for a formula. */
function cellOf(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the calendar date typed.
    const p = (n: number) => String(n).padStart(2, '0');
    return `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())}`;
  }
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return String(v as unknown);
}

// Without it, entries at the end of an .xlsx were skipped at random under load (platform/zipEntries.ts).
fixZipEarlyEnd();

async function* xlsxRows(path: string, counter: ByteCounter): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted(createReadStream(path), counter), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  let first = true;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (!first) continue; // drain the other sheets (instructions, options)
      const values = row.values as ExcelJS.CellValue[];
      const cells: (string | null)[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
      yield { row: row.number, values: cells };
    }
    first = false;
  }
}

// ---------------------------------------------------------------------------
// csv

async function sniffEncoding(path: string): Promise<'utf-8' | 'gbk'> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
    try {
      // stream: true tolerates a character cut at the end of the sample.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      return 'utf-8';
    } catch {
      return 'gbk';
    }
  } finally {
    await fh.close();
  }
}

async function* csvRows(path: string, counter: ByteCounter): AsyncGenerator<RawRow> {
  const encoding = await sniffEncoding(path);
  // ignoreBOM false: the decoder drops a leading U+FEFF.
  const decoder = new TextDecoder(encoding);
  const parser = new CsvParser();
  for await (const chunk of counted(createReadStream(path, { highWaterMark: 256 * 1024 }), counter)) {
    const rows = parser.push(decoder.decode(chunk as Buffer, { stream: true }), false);
    for (const r of rows) yield r;
  }
  for (const r of parser.push(decoder.decode(), true)) yield r;
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

  push(chunk: string, final: boolean): RawRow[] {
    const text = this.carry + chunk;
    const out: RawRow[] = [];
    const n = text.length;
    let pos = 0;
    record: while (pos < n) {
      const start = pos;
      const values: string[] = [];
      for (;;) {
        let field: string;
        let c = text.charCodeAt(pos);
        if (c === QUOTE) {
          // Quoted: up to the closing quote that is not doubled.
          let j = pos + 1;
          let parts = '';
          for (;;) {
            const q = text.indexOf('"', j);
            if (q === -1 || (q + 1 === n && !final)) {
              if (!final) {
                pos = start;
                break record;
              }
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
          let k = j;
          while (k < n) {
            c = text.charCodeAt(k);
            if (c === COMMA || c === LF || c === CR) break;
            k++;
          }
          field = parts + text.slice(j, k);
          pos = k;
        } else {
          let k = pos;
          while (k < n) {
            c = text.charCodeAt(k);
            if (c === COMMA || c === LF || c === CR) break;
            k++;
          }
          field = text.slice(pos, k);
          pos = k;
        }
        values.push(field);
        if (pos >= n) {
          if (!final) {
            pos = start;
            break record;
          }
          break;
        }
        c = text.charCodeAt(pos);
        pos++;
        if (c === COMMA) {
          if (pos >= n && !final) {
            pos = start;
            break record;
          }
          if (pos >= n) {
            values.push('');
            break;
          }
          continue;
        }
        if (c === CR) {
          if (pos >= n && !final) {
            // CR at the end of a chunk: the LF of a CRLF may follow.
            pos = start;
            break record;
          }
          if (text.charCodeAt(pos) === LF) pos++;
        }
        break;
      }
      out.push({ row: ++this.line, values });
    }
    this.carry = pos < n ? text.slice(pos) : '';
    if (final) this.carry = '';
    return out;
  }
}
