import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Executor } from './db.ts';

/**
 * Bulk loads with `COPY … FROM STDIN` (text format) inside a Drizzle
 * transaction: on PostgreSQL through pg-copy-streams on the transaction's
 * connection, on PGlite through its `/dev/blob` device. Rows are encoded by
 * the columns' own Drizzle mappings (arrays, JSON, booleans, dates), so a
 * column added to a table needs no change here.
 */
export interface CopyTarget {
  table: string;
  keys: readonly string[];
  columns: readonly Column[];
}

export function copyTarget(table: PgTable, keys: readonly string[]): CopyTarget {
  const all = getTableColumns(table) as Record<string, Column>;
  const columns = keys.map((k) => {
    const c = all[k];
    if (!c) throw new Error(`COPY: ${getTableName(table)} has no column "${k}"`);
    return c;
  });
  return { table: getTableName(table), keys, columns };
}

// COPY text format: backslash, tab, newline and carriage return are escaped; NULL is \N.
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const driver = column.mapToDriverValue(value);
  const text =
    typeof driver === 'string'
      ? driver
      : driver instanceof Date
        ? driver.toISOString()
        : typeof driver === 'object'
          ? JSON.stringify(driver)
          : String(driver);
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : text;
}

/** One line of COPY text (with its newline) for `row`, in the target's column order. */
export function copyLine(target: CopyTarget, row: Record<string, unknown>): string {
  let line = '';
  for (let i = 0; i < target.keys.length; i++) {
    if (i) line += '\t';
    line += field(target.columns[i]!, row[target.keys[i]!]);
  }
  return `${line}\n`;
}

function statement(target: CopyTarget, source: string): string {
  const cols = target.columns.map((c) => `"${c.name}"`).join(', ');
  return `COPY "${target.table}" (${cols}) FROM ${source}`;
}

interface PgliteLike {
  query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/**
 * COPY lines appended as UTF-8 bytes, for a worker thread to hand over in one
 * transferable buffer instead of thousands of strings (the receiving thread
 * then neither clones nor re-encodes them). `append` returns the byte offset
 * after the line, so a caller can keep each row's range.
 */
export class CopyBytes {
  private buf = Buffer.allocUnsafe(1 << 16);
  length = 0;

  append(text: string): number {
    // At most 3 bytes per UTF-16 unit.
    if (this.length + text.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + text.length * 3));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(text, this.length);
    return this.length;
  }

  /** The bytes so far, in a buffer of their own (transferable), and a fresh start. */
  take(): Uint8Array {
    const out = new Uint8Array(this.length);
    out.set(this.buf.subarray(0, this.length));
    this.length = 0;
    return out;
  }
}

/**
 * One buffer of `parts`: views that follow each other in the same buffer (the
 * rows of one worker batch) are merged first, so the common case copies little.
 */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const runs: Uint8Array[] = [];
  let run: Uint8Array | null = null;
  let end = 0;
  for (const p of parts) {
    if (p.length === 0) continue;
    if (run && p.buffer === run.buffer && p.byteOffset === end) {
      end += p.byteLength;
      continue;
    }
    if (run) runs.push(new Uint8Array(run.buffer, run.byteOffset, end - run.byteOffset));
    run = p;
    end = p.byteOffset + p.byteLength;
  }
  if (run) runs.push(new Uint8Array(run.buffer, run.byteOffset, end - run.byteOffset));
  return runs.length === 1 ? runs[0]! : Buffer.concat(runs);
}

/** Loads `text` (lines from `copyLine`, as text or UTF-8 bytes) into the target table on `tx`'s connection. */
export async function copyIn(tx: Executor, target: CopyTarget, text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  // Drizzle keeps the connection (a pg client or a PGlite transaction) on its session.
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (typeof (client as { release?: unknown }).release === 'function' || isPgClient(client)) {
    const stream = (client as pg.PoolClient).query(copyFrom(statement(target, 'STDIN')));
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text);
    });
    return;
  }
  // A Blob takes bytes over a plain ArrayBuffer only: copy a view (PGlite imports are small).
  const part = typeof text === 'string' ? text : new Uint8Array(text);
  await (client as PgliteLike).query(statement(target, `'/dev/blob'`), [], { blob: new Blob([part]) });
}

function isPgClient(c: unknown): boolean {
  return typeof c === 'object' && c !== null && 'connection' in c && 'processID' in c;
}
