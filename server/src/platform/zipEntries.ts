import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { UnzipBudget, type ZipEntryStream } from './zipBudget.ts';

/**
 * A fix for streaming .xlsx reads (exceljs 4.4 over unzipper 0.10).
 *
 * exceljs's WorkbookReader walks the zip entries of `unzipper.Parse` with a helper that stops at the
 * first 'end' event, and pauses the stream while it handles an entry (a worksheet is spooled to a temp
 * file). unzipper emits a synthetic 'end' as soon as its *writable* side finishes, while entries may
 * still wait in its *readable* buffer. The entries at the end of the zip were then skipped at random
 * under load: `xl/workbook.xml` in files that exceljs writes ("Cannot read properties of undefined
 * (reading 'sheets')", exceljs#962), shared strings or styles in others.
 *
 * `unzipper.Parse` is wrapped (the module object exceljs itself requires) so that the writable side
 * finishing ends the readable side with `push(null)` instead: Node emits the real 'end' once the
 * buffered entries have been read. A zip cut short still ends (unzipper does not push null itself then).
 *
 * The same wrapper counts the entries of an input that carries an UnzipBudget (zipBudget.ts) against it:
 * each entry is handed to the budget as Parse pushes it, before its first byte is inflated.
 */
interface UnzipperModule {
  Parse: ((opts?: object) => Duplex) & { yiyangFixed?: true };
}

const unzipper = createRequire(import.meta.url)('unzipper') as UnzipperModule;

/**
 * The entries' stream of unzipper.Parse, ended only after its entries have been read, and counted against
 * the UnzipBudget of its input if it has one (idempotent).
 */
export function fixZipEarlyEnd(): void {
  if (unzipper.Parse.yiyangFixed) return;
  const original = unzipper.Parse;
  const fixed = Object.assign(
    (opts?: object) => {
      const parse = original(opts);
      // Parse's own listener (PullStream adds another, which it needs): "finish → emit end and close".
      const early = parse.listeners('finish').find((l) => /emit\(\s*['"]end['"]\s*\)/.test(String(l)));
      if (early) {
        parse.removeListener('finish', early as (...args: unknown[]) => void);
        parse.on('finish', () => parse.push(null));
      }
      // `input.pipe(parse)` emits 'pipe' before any byte flows, so before the first entry.
      parse.once('pipe', (input: unknown) => {
        const budget = UnzipBudget.of(input);
        if (!budget) return;
        const push = parse.push.bind(parse);
        parse.push = (chunk: unknown, encoding?: BufferEncoding) => {
          if (chunk !== null && typeof chunk === 'object' && 'path' in chunk)
            budget.watch(chunk as ZipEntryStream);
          return push(chunk, encoding);
        };
      });
      return parse;
    },
    { yiyangFixed: true as const },
  );
  unzipper.Parse = fixed;
}
