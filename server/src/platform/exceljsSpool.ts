import { createRequire } from 'node:module';

/**
 * exceljs's streaming reader spools a worksheet that comes before the shared strings (Excel's own order)
 * to a temp file from `tmp.file()`, and removes it (closing the descriptor tmp opened) only after it has
 * parsed that file. A read given up before — a zip bomb refused by its UnzipBudget, a malformed sheet —
 * left the file and the descriptor until the process exits: up to the unzip limit of disk per refused
 * upload. `tmp.file` (the module object exceljs requires) is wrapped to remember each file's removal, so
 * that the reader can remove what exceljs left (`removeSpool`).
 */
type Cleanup = (next?: () => void) => void;
type FileCallback = (err: Error | null, path: string, fd: number, cleanup: Cleanup) => unknown;
interface TmpModule {
  file: ((...args: unknown[]) => unknown) & { yiyangTracked?: true };
}

const tmp = createRequire(createRequire(import.meta.url).resolve('exceljs'))('tmp') as TmpModule;
const pending = new Map<string, Cleanup>();

/** Remembers the removal of every temp file exceljs creates until it is removed (idempotent). */
export function trackSpools(): void {
  if (tmp.file.yiyangTracked) return;
  const original = tmp.file;
  tmp.file = Object.assign(
    function file(this: unknown, ...args: unknown[]) {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function')
        args[last] = ((err, path, fd, cleanup) => {
          if (err) return (callback as FileCallback)(err, path, fd, cleanup);
          const remove: Cleanup = (next) => {
            pending.delete(path);
            cleanup(next);
          };
          pending.set(path, remove);
          return (callback as FileCallback)(err, path, fd, remove);
        }) satisfies FileCallback;
      return original.apply(this, args);
    },
    { yiyangTracked: true as const },
  );
}

/** Removes the temp file at `path` and closes tmp's descriptor, unless exceljs already has. */
export function removeSpool(path: string): void {
  pending.get(path)?.();
}

/** Temp files of exceljs not removed yet (tests). */
export function pendingSpools(): number {
  return pending.size;
}
