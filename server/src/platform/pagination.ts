import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * Opaque keyset cursors (`?limit=&cursor=`, PRODUCT.md §5) on (created_at, id),
 * or on (group, created_at, id) for a list ordered by a leading text key first
 * (the elder registry by region code, decision 007). Paginated tables keep
 * created_at at millisecond precision (timestamptz(3)) so that a cursor, which
 * carries a JS Date, compares exactly.
 */
export interface Keyset {
  group?: string;
  createdAt: Date;
  id: string;
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export function encodeCursor(k: Keyset): string {
  const key = [k.createdAt.toISOString(), k.id];
  return Buffer.from(JSON.stringify(k.group === undefined ? key : [k.group, ...key])).toString('base64url');
}

// Every paginated table has UUID keys: a cursor with anything else is refused here, not by the database.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `grouped`: the list's cursors carry a leading group key (`Keyset.group`). */
export function decodeCursor(cursor: string | undefined, grouped = false): Keyset | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (!Array.isArray(key) || key.length !== (grouped ? 3 : 2)) throw new Error('bad');
    const [id, at] = [key.at(-1), key.at(-2)];
    const createdAt = new Date(at as string);
    if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(createdAt.getTime())) throw new Error('bad');
    if (!grouped) return { createdAt, id };
    const group = key[0];
    if (typeof group !== 'string' || group.length > 64) throw new Error('bad');
    return { group, createdAt, id };
  } catch {
    throw new DomainError('common.bad_cursor', {
      status: 400,
      errors: [{ pointer: '/query/cursor', code: 'common.bad_cursor' }],
    });
  }
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
