import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { DomainError } from '../../../platform/errors.ts';
import { limitParams, tooManyRows, type ReadLimits } from './elder.import.limits.ts';

/**
 * Cheap looks at a spooled upload before any row is read, so that an honest file past a limit is refused
 * before its first batch is written (a refusal then changes nothing):
 * - .xlsx: the sizes its zip directory declares, summed, against the unzip limit;
 * - CSV: its line breaks, an upper bound of its records, against the row limit (counted exactly, by
 *   `countRecords`, only when the bound is over).
 * A file whose directory lies is still refused while it inflates (zipBudget.ts), possibly after some
 * batches were written (decision 008: committed batches stay) — only a crafted file can do that.
 */
interface ZipDirectory {
  files: { uncompressedSize: number }[];
}
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { file(path: string): Promise<ZipDirectory> };
};

export async function precheckXlsx(path: string, limits: ReadLimits): Promise<void> {
  // No readable directory: the streaming reader decides (and counts).
  const dir = await unzipper.Open.file(path).catch(() => null);
  if (!dir) return;
  let declared = 0;
  for (const f of dir.files) declared += f.uncompressedSize;
  if (declared > limits.maxUnzippedBytes)
    throw new DomainError('elder.import.unzipped_too_large', { status: 422, params: limitParams(limits) });
}

const LF = 0x0a;
const CR = 0x0d;

/** Line breaks (LF, CR not followed by LF) of the file at `path`, plus one: at least its records. */
async function lineBound(path: string): Promise<number> {
  let lines = 1;
  let lastWasCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    if (lastWasCr && chunk[0] !== LF) lines++;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) lines++;
    for (let at = chunk.indexOf(CR); at !== -1; at = chunk.indexOf(CR, at + 1))
      if (at + 1 < chunk.length && chunk[at + 1] !== LF) lines++;
    lastWasCr = chunk[chunk.length - 1] === CR;
  }
  return lastWasCr ? lines + 1 : lines;
}

export async function precheckCsv(
  path: string,
  limits: ReadLimits,
  countRecords: () => Promise<number>,
): Promise<void> {
  if ((await lineBound(path)) <= limits.maxRows) return;
  // Quoted fields may hold line breaks: only a parse tells (a rare, slower path).
  if ((await countRecords()) > limits.maxRows) throw tooManyRows(limits);
}
