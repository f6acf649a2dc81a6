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

/** Loads `text` (lines from `copyLine`) into the target table on `tx`'s connection. */
export async function copyIn(tx: Executor, target: CopyTarget, text: string): Promise<void> {
  if (text === '') return;
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
  await (client as PgliteLike).query(statement(target, `'/dev/blob'`), [], { blob: new Blob([text]) });
}

function isPgClient(c: unknown): boolean {
  return typeof c === 'object' && c !== null && 'connection' in c && 'processID' in c;
}
