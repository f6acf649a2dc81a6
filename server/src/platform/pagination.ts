import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * Opaque keyset cursors (`?limit=&cursor=`, PRODUCT.md §5) on (created_at, id).
 * Paginated tables keep created_at at millisecond precision (timestamptz(3)) so
 * that a cursor, which carries a JS Date, compares exactly.
 */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.createdAt.toISOString(), k.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const createdAt = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error('bad');
    return { createdAt, id };
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
