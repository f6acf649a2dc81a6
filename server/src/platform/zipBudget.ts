import type { Readable, Transform, Writable } from 'node:stream';

/**
 * Limits on what a zip (an .xlsx) may inflate to, counted while its entries stream out of the inflater
 * — a 312 KB file can hold a 300 MiB worksheet — so that a zip bomb is refused after the limit rather than
 * materialised: in memory, in exceljs's temp files, or in an XML parser's buffer.
 *
 * - `maxBytes`: all entries together, as inflated (what exceljs reads, spools or drains).
 * - `maxXmlRun`: the longest run of bytes without a `<` in an XML entry (`.xml`, `.rels`). Every text
 *   node and every tag lies between two `<`, so this bounds any one cell's XML, which the XML parser
 *   otherwise accumulates whole (one 300 MiB cell). `<` (0x3C) never occurs inside a multi-byte UTF-8
 *   character, so the bytes are scanned as they come.
 *
 * The budget travels with the input: `attach(stream)` marks the stream that is piped into
 * `unzipper.Parse`, and zipEntries.ts's wrapper of Parse watches every entry of a marked input. A limit
 * passed stops the entry (destroyed with an UnzipLimitError), destroys the input, and rejects `exceeded`:
 * exceljs may be waiting on another stream (a temp file it spools to), so the reader races its reads
 * against `exceeded` rather than wait for exceljs to notice, and then removes the files entries were
 * piped into (`spools`: exceljs's temp files, exceljsSpool.ts).
 */
export interface UnzipLimits {
  maxBytes: number;
  maxXmlRun: number;
}

export type UnzipLimit = 'unzipped_bytes' | 'xml_run';

export class UnzipLimitError extends Error {
  constructor(
    readonly limit: UnzipLimit,
    readonly max: number,
  ) {
    super(
      limit === 'unzipped_bytes'
        ? `the zip inflates to more than ${max} bytes`
        : `an XML run over ${max} bytes`,
    );
    this.name = 'UnzipLimitError';
  }
}

const BUDGET = Symbol('yiyang.unzipBudget');
const LT = 0x3c;

/** An entry of unzipper.Parse: a PassThrough with the entry's path. */
export type ZipEntryStream = Transform & { path: string };

export class UnzipBudget {
  /** Bytes inflated so far, all entries. */
  bytes = 0;
  error: UnzipLimitError | null = null;
  /** Rejects with the UnzipLimitError once a limit is passed; never resolves. */
  readonly exceeded: Promise<never>;
  /** Files the entries were piped into (exceljs spools worksheets to temp files), with their streams. */
  readonly spools: { path: string; stream: Writable }[] = [];
  private reject!: (err: Error) => void;
  private readonly inputs: Readable[] = [];

  constructor(readonly limits: UnzipLimits) {
    this.exceeded = new Promise<never>((_resolve, reject) => (this.reject = reject));
    // Awaited by the reader only while it reads: a limit passed after it stopped is no unhandled rejection.
    this.exceeded.catch(() => {});
  }

  /** The budget `attach` gave `stream`, if any. */
  static of(stream: unknown): UnzipBudget | undefined {
    return (stream as { [BUDGET]?: UnzipBudget } | null)?.[BUDGET];
  }

  /** Marks `input` (the zip's bytes): the unzipper.Parse it is piped into counts against this budget. */
  attach<T extends Readable>(input: T): T {
    (input as T & { [BUDGET]?: UnzipBudget })[BUDGET] = this;
    this.inputs.push(input);
    return input;
  }

  /** Counts what `entry` passes on, from its first byte (call it before data flows). */
  watch(entry: ZipEntryStream): void {
    // The error reaches whoever reads the entry; an entry being piped or drained has no listener of its own.
    entry.on('error', () => {});
    const pipe = entry.pipe.bind(entry);
    entry.pipe = ((dest: Writable, options?: { end?: boolean }) => {
      const path = (dest as Writable & { path?: unknown }).path;
      if (typeof path === 'string') this.spools.push({ path, stream: dest });
      return pipe(dest, options);
    }) as typeof entry.pipe;
    const xml = /\.(xml|rels)$/i.test(entry.path);
    const pass = entry._transform.bind(entry);
    let run = 0;
    entry._transform = (chunk: Buffer, encoding, done) => {
      if (this.error) return; // given up: nothing more passes (the entry is destroyed)
      this.bytes += chunk.length;
      if (this.bytes > this.limits.maxBytes)
        return this.fail(entry, new UnzipLimitError('unzipped_bytes', this.limits.maxBytes));
      if (xml) {
        run = runAfter(chunk, run, this.limits.maxXmlRun);
        if (run < 0) return this.fail(entry, new UnzipLimitError('xml_run', this.limits.maxXmlRun));
      }
      pass(chunk, encoding, done);
    };
  }

  private fail(entry: ZipEntryStream, err: UnzipLimitError): void {
    this.error = err;
    this.reject(err);
    entry.destroy(err);
    for (const input of this.inputs) input.destroy();
  }
}

/**
 * The run of bytes without `<` at the end of `chunk`, given the run before it; -1 when some run
 * (across the boundary or inside the chunk) is longer than `max`.
 */
export function runAfter(chunk: Uint8Array, run: number, max: number): number {
  const first = chunk.indexOf(LT);
  if (first === -1) return run + chunk.length > max ? -1 : run + chunk.length;
  if (run + first > max) return -1;
  // A run between two `<` inside the chunk can only be too long in a chunk longer than `max`.
  if (chunk.length > max + 1)
    for (let at = first; ;) {
      const next = chunk.indexOf(LT, at + 1);
      if (next === -1) break;
      if (next - at - 1 > max) return -1;
      at = next;
    }
  const tail = chunk.length - chunk.lastIndexOf(LT) - 1;
  return tail > max ? -1 : tail;
}
