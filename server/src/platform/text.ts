import { z } from 'zod';
import { invalidCharPosition, letterCount, type TextRules } from '@yiyang/contracts';
import { DomainError } from './errors.ts';
import { issueCode, type IssueLike } from './issues.ts';

/**
 * The one schema of text input: every string a route reads from a body, a
 * query string or a path, and every cell of an import, starts here. It trims
 * and refuses the characters contracts `text.ts` names (NUL, other control
 * characters, lone surrogates …) with `common.invalid_characters` and the
 * position, so that bad input is a 400 at its field instead of a database
 * error (PRODUCT.md §7). Chain `.min()`, `.max()`, `.regex()` as on
 * `z.string()`.
 */
export function text(rules: TextRules & { trim?: boolean } = {}) {
  const base = rules.trim === false ? z.string() : z.string().trim();
  return base.superRefine((s, ctx) => {
    const position = invalidCharPosition(s, rules);
    if (position)
      ctx.addIssue({ code: 'custom', message: 'common.invalid_characters', params: { position }, input: s });
  });
}

/**
 * A reason written to the audit log (a reveal, a correction, a status
 * change …): multi-line text holding at least `minLetters` letters once
 * spaces, zero-width characters and punctuation are left out (contracts
 * `letterCount`). `code` names the message of a reason that is too thin.
 */
export function reasonText(minLetters: number, code = 'common.reason_too_short', max = 500) {
  return text({ multiline: true })
    .superRefine((s, ctx) => {
      if (letterCount(s) < minLetters)
        ctx.addIssue({ code: 'custom', message: code, params: { minimum: minLetters }, input: s });
    })
    .max(max);
}

/**
 * Free-form JSON (an assessment form's basic information): any value, but
 * every string in it, key or value, follows `text({ multiline: true })`'s
 * character rules — jsonb refuses \u0000 and lone surrogates outright.
 */
export function jsonValue() {
  return z.unknown().superRefine((value, ctx) => {
    const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
    while (stack.length) {
      const { v, path } = stack.pop()!;
      if (typeof v === 'string') {
        const position = invalidCharPosition(v, { multiline: true });
        if (position)
          ctx.addIssue({ code: 'custom', message: 'common.invalid_characters', params: { position }, path });
      } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          const position = invalidCharPosition(k);
          if (position)
            ctx.addIssue({
              code: 'custom',
              message: 'common.invalid_characters',
              params: { position },
              path,
            });
          stack.push({ v: x, path: [...path, k] });
        }
    }
  });
}

/**
 * A text value that does not come through a route schema (an uploaded
 * file's name): parsed with `schema`, refused as a 400 at `pointer`.
 */
export function parseText<T>(schema: z.ZodType<T>, value: unknown, pointer: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new DomainError('common.validation', {
    status: 400,
    errors: r.error.issues.map((issue) => ({ pointer, ...issueCode(issue as IssueLike) })),
  });
}
