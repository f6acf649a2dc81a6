import type { Readable } from 'node:stream';
import ExcelJS from '../../../platform/exceljs.ts';
import { removeSpool } from '../../../platform/exceljsSpool.ts';
import { UnzipBudget } from '../../../platform/zipBudget.ts';
import { cellTooLong, readFailure, tooManyRows, xmlRunOf, type ReadLimits } from './elder.import.limits.ts';
import type { RawRow } from './elder.import.rows.ts';

/**
 * The rows of an .xlsx 摸底表 (its first worksheet) through exceljs's streaming reader, which
 * platform/exceljs.ts loads with a chunk-safe XML decoder (xlsxSax.ts). The file is refused (a
 * DomainError, elder.import.limits.ts) as soon as it inflates past the budget, holds a cell over the limit
 * or more rows than allowed; nothing of it is held whole.
 */

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

/**
 * The items of `items` until the budget is exceeded: exceljs may then be waiting on a stream that will
 * never end (a worksheet it spools to a temp file), so each read races the budget.
 */
async function* untilExceeded<T>(items: AsyncIterable<T>, budget: UnzipBudget): AsyncGenerator<T> {
  const it = items[Symbol.asyncIterator]();
  for (;;) {
    const pending = it.next();
    pending.catch(() => {}); // lost the race: the error that stopped it is the budget's
    const next = await Promise.race([pending, budget.exceeded]);
    if (next.done) return;
    yield next.value;
  }
}

/** The rows of the first worksheet of the .xlsx read from `input`; `input` is destroyed at the end. */
export async function* xlsxRows(input: Readable, limits: ReadLimits): AsyncGenerator<RawRow> {
  const budget = new UnzipBudget({ maxBytes: limits.maxUnzippedBytes, maxXmlRun: xmlRunOf(limits) });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(budget.attach(input), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  });
  let first = true;
  let rows = 0;
  try {
    for await (const sheet of untilExceeded(reader, budget)) {
      for await (const row of untilExceeded(sheet as AsyncIterable<ExcelJS.Row>, budget)) {
        if (!first) continue; // drain the other sheets (instructions, options)
        if (++rows > limits.maxRows) throw tooManyRows(limits);
        const values = row.values as ExcelJS.CellValue[];
        const cells: (string | null)[] = [];
        for (let i = 1; i < values.length; i++) {
          const cell = cellOf(values[i]);
          if (cell && cell.length > limits.maxCellChars) throw cellTooLong(limits);
          cells.push(cell);
        }
        yield { row: row.number, values: cells };
      }
      first = false;
    }
  } catch (err) {
    throw readFailure(err, limits);
  } finally {
    input.destroy();
    // What exceljs spooled and, the read given up, will not remove itself.
    for (const spool of budget.spools) {
      spool.stream.destroy();
      removeSpool(spool.path);
    }
  }
}
