import { readFileSync } from 'node:fs';

/** A load client's job: JSON in the argument, or `@path` of a file holding it (too long for argv). */
export const readJob = (arg: string): string =>
  arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg;
