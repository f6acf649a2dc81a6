import { z } from 'zod';
import { DomainError } from './errors.ts';
import { text } from './text.ts';

/**
 * Opaque keyset cursors (`?limit=&cursor=`, PRODUCT.md §5) on (created_at, id),
 * or on (…lead, created_at, id) for a list ordered by leading text keys first
 * (the elder registry by region code, decision 007; its name search by match
 * kind and name, decision 009). Paginated tables keep created_at at
 * millisecond precision (timestamptz(3)) so that a cursor, which carries a JS
 * Date, compares exactly.
 */
export interface Keyset {
  lead?: string[];
  createdAt: Date;
  id: string;
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Room for leading keys such as a 50-character name's full pinyin.
  cursor: text().max(1000).optional(),
};

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([...(k.lead ?? []), k.createdAt.toISOString(), k.id])).toString(
    'base64url',
  );
}

/** The 400 of a cursor that this list did not issue. */
export function badCursor(): DomainError {
  return new DomainError('common.bad_cursor', {
    status: 400,
    errors: [{ pointer: '/query/cursor', code: 'common.bad_cursor' }],
  });
}

// Every paginated table has UUID keys: a cursor with anything else is refused here, not by the database.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `leads`: how many leading text keys the list's cursors carry (`Keyset.lead`). */
export function decodeCursor(cursor: string | undefined, leads = 0): Keyset | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(key) || key.length !== leads + 2) throw badCursor();
  const [id, at] = [key.at(-1), key.at(-2)];
  const createdAt = new Date(typeof at === 'string' ? at : Number.NaN);
  if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(createdAt.getTime())) throw badCursor();
  if (leads === 0) return { createdAt, id };
  const lead = key.slice(0, leads);
  if (!lead.every((v): v is string => typeof v === 'string' && v.length <= 400)) throw badCursor();
  return { lead, createdAt, id };
}

/** Splits a limit+1 result into a page and the cursor of the next one. */
export function page<T>(
  rows: T[],
  limit: number,
  key: (row: T) => Keyset,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
