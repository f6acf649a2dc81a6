import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../../platform/errors.ts';
import { sniffFormat, type ImportFormat } from './elder.import.read.ts';
import { tooLarge } from './elder.import.limits.ts';

/** Uploads are spooled to `<tmpdir>/yy-import-<uuid>` while they are checked and imported. */
const SPOOL_PREFIX = 'yy-import-';

/**
 * Writes an upload to a spool file and tells its format from the first bytes (magic-byte sniffing);
 * the file is removed again when the upload is too large or neither .xlsx nor .csv.
 */
export async function spoolUpload(
  stream: Readable & { truncated?: boolean },
  fileName: string,
  maxMb: number,
): Promise<{ path: string; format: ImportFormat; size: number }> {
  const path = join(tmpdir(), `${SPOOL_PREFIX}${randomUUID()}`);
  let head = Buffer.alloc(0);
  const sniff = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (head.length < 8) head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)]);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(stream, sniff, createWriteStream(path));
    if (stream.truncated) throw tooLarge(maxMb);
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof DomainError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxMb);
    throw err;
  }
  const format = sniffFormat(head, fileName);
  if (!format) {
    await rm(path, { force: true });
    throw new DomainError('elder.import.unsupported_file', { status: 415 });
  }
  const { size } = await stat(path);
  return { path, format, size };
}

/**
 * Removes spooled uploads that an instance killed mid-import left behind: those not written for
 * `olderThanMs` (default a day; no import runs that long, and instances on one machine share the
 * folder, so a recent file may be another instance's running import). Returns how many went.
 */
export async function removeStaleSpools(
  opts: { dir?: string; olderThanMs?: number; now?: Date } = {},
): Promise<number> {
  const dir = opts.dir ?? tmpdir();
  const cutoff = (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? 24 * 3_600_000);
  let removed = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null); // gone meanwhile
    if (!info?.isFile() || info.mtimeMs >= cutoff) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}
