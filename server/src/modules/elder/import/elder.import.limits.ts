import { DomainError } from '../../../platform/errors.ts';
import { TextEncodingError } from '../../../platform/textDecoding.ts';
import { UnzipLimitError } from '../../../platform/zipBudget.ts';

/**
 * What a 摸底表 may hold before it is refused whole (decision 012): the reader stops at the first row,
 * cell or inflated byte past a limit, so a small file cannot make the server hold or parse hundreds of
 * megabytes. Config: IMPORT_MAX_ROWS, IMPORT_MAX_CELL_CHARS, IMPORT_XLSX_MAX_UNZIPPED_MB.
 */
export interface ReadLimits {
  /** Rows of the data sheet (xlsx) or records (CSV), header and blank rows included. */
  maxRows: number;
  /** Characters of one cell. */
  maxCellChars: number;
  /** Bytes an .xlsx inflates to, all its parts together. */
  maxUnzippedBytes: number;
}

const MIB = 1024 * 1024;

/** The config defaults. */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxRows: 1_048_576,
  maxCellChars: 32_767,
  maxUnzippedBytes: 256 * MIB,
};

/** The config default of IMPORT_MAX_MB (the upload): a 1,000,000-row 摸底表 CSV is about 150 MiB. */
export const DEFAULT_IMPORT_MAX_MB = 256;

export const tooLarge = (maxMb: number): DomainError =>
  new DomainError('elder.import.file_too_large', { status: 413, params: { maxMb } });

/**
 * The longest run of XML bytes without `<` an .xlsx may hold (zipBudget.ts): a cell of `maxCellChars`
 * characters is at most 4 bytes each in UTF-8, up to 10 as a character reference (`&#x2000B;`); 8 per
 * character, and never less than 64 KiB for tags and attributes.
 */
export const xmlRunOf = (limits: ReadLimits): number => Math.max(64 * 1024, 8 * limits.maxCellChars);

/**
 * CSV: the longest record still waiting for its end (an open quote, or no line break) before the file
 * is refused as holding a cell over the limit — 64 cells at the limit (the template has 16 columns).
 */
export const pendingCsvOf = (limits: ReadLimits): number => 64 * limits.maxCellChars;

/** The parameters of the limit messages (contracts messages.ts). */
export function limitParams(limits: ReadLimits): Record<string, number> {
  return {
    maxRows: limits.maxRows,
    maxCellChars: limits.maxCellChars,
    maxUnzippedMb: Math.round(limits.maxUnzippedBytes / MIB),
  };
}

const refusal = (code: string, limits: ReadLimits) =>
  new DomainError(code, { status: 422, params: limitParams(limits) });

export const tooManyRows = (limits: ReadLimits) => refusal('elder.import.too_many_rows', limits);
export const cellTooLong = (limits: ReadLimits) => refusal('elder.import.cell_too_long', limits);

/** A reading failure as the job's error: limits and text encoding by their codes, anything else as is. */
export function readFailure(err: unknown, limits: ReadLimits): unknown {
  if (err instanceof UnzipLimitError)
    return err.limit === 'xml_run' ? cellTooLong(limits) : refusal('elder.import.unzipped_too_large', limits);
  if (err instanceof TextEncodingError) return refusal('elder.import.bad_encoding', limits);
  return err;
}
