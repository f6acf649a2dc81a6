import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';

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
 */
interface UnzipperModule {
  Parse: ((opts?: object) => Duplex) & { yiyangFixed?: true };
}

const unzipper = createRequire(import.meta.url)('unzipper') as UnzipperModule;

/** The entries' stream of unzipper.Parse, ended only after its entries have been read (idempotent). */
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
      return parse;
    },
    { yiyangFixed: true as const },
  );
  unzipper.Parse = fixed;
}
