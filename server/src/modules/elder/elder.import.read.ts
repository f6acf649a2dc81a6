import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnKeyOf } from './elder.import.columns.ts';

/**
 * Reads an uploaded 摸底表 row by row without holding the file in memory:
 * .xlsx through the exceljs streaming reader (the first worksheet), .csv
 * through a small RFC 4180 parser over UTF-8 (with or without BOM) or GBK.
 */
export type ImportFormat = 'xlsx' | 'csv';

/** A cell as read: its text, or a formula (never evaluated, always refused). */
export type RawCell = { text: string } | { formula: true };

export interface SheetRow {
  /** The row number a spreadsheet shows (1-based, header included). */
  row: number;
  cells: Map<string, RawCell>;
}

export interface RowSource {
  /** Column keys found in the header, in order. */
  columns: string[];
  rows: AsyncIterable<SheetRow>;
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

type RawRow = { row: number; values: RawCell[] };

/** Finds the header within the first 10 rows (≥ 2 known columns); a key row right below it wins. */
async function withHeader(raw: AsyncGenerator<RawRow>): Promise<RowSource> {
  const it = raw[Symbol.asyncIterator]();
  let keys: (string | undefined)[] | null = null;
  let pending: RawRow | null = null;
  const mapRow = (r: RawRow) =>
    r.values.map((c) => ('text' in c && c.text ? columnKeyOf(c.text) : undefined));
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
    return { columns: [], rows: empty() };
  }
  // The template's hidden row of English keys (exact keys only).
  const second = await it.next();
  if (!second.done) {
    const exact = second.value.values.map((c) => ('text' in c ? c.text.trim() : ''));
    const asKeys = exact.map((k) => (k && columnKeyOf(k) === k ? k : undefined));
    if (asKeys.filter(Boolean).length >= 2 && exact.every((k, i) => !k || asKeys[i])) keys = asKeys;
    else pending = second.value;
  }
  const header = keys;
  const toSheetRow = (r: RawRow): SheetRow | null => {
    const cells = new Map<string, RawCell>();
    r.values.forEach((c, i) => {
      const key = header[i];
      if (!key) return;
      if ('formula' in c || c.text.trim() !== '') cells.set(key, c);
    });
    return cells.size ? { row: r.row, cells } : null;
  };
  async function* rows(): AsyncGenerator<SheetRow> {
    if (pending) {
      const s = toSheetRow(pending);
      if (s) yield s;
    }
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      const s = toSheetRow(next.value);
      if (s) yield s;
    }
  }
  return { columns: header.filter((k): k is string => !!k), rows: rows() };
}

async function* empty(): AsyncGenerator<SheetRow> {}

// ---------------------------------------------------------------------------
// xlsx

function cellOf(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight of the calendar date typed.
    const p = (n: number) => String(n).padStart(2, '0');
    return { text: `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())}` };
  }
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { formula: true };
    if ('richText' in v) return { text: v.richText.map((t) => t.text).join('') };
    if ('text' in v && typeof v.text === 'string') return { text: v.text };
    if ('error' in v) return { text: '' };
  }
  return { text: String(v as unknown) };
}

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
      const cells: RawCell[] = [];
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
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 0;
  const out: RawRow[] = [];
  const endRecord = () => {
    record.push(field);
    field = '';
    line++;
    out.push({ row: line, values: record.map((text) => ({ text })) });
    record = [];
  };
  let prevCr = false;
  for await (const chunk of counted(createReadStream(path), counter)) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // A quote at the end of a chunk: decided by the next chunk.
            quoted = false;
            afterQuote = true;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += c;
        continue;
      }
      if (afterQuote && c === '"') {
        // "" split across chunks.
        field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === '"' && field === '') quoted = true;
      else if (c === ',') {
        record.push(field);
        field = '';
      } else if (c === '\n') {
        if (!prevCr) endRecord();
      } else if (c === '\r') endRecord();
      else field += c;
      prevCr = c === '\r';
    }
    while (out.length) yield out.shift()!;
  }
  const rest = decoder.decode();
  if (rest) field += rest;
  if (field !== '' || record.length) endRecord();
  while (out.length) yield out.shift()!;
}
