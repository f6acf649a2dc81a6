/**
 * The zod schemas of the wire (`@yiyang/contracts/wire`): the server
 * validates and serialises with them and the OpenAPI document is built from
 * them; the web imports only their inferred types (through the package's
 * main entry, type-only, so zod stays out of the browser bundle).
 */
export * from './auth.wire.ts';
export * from './audit.wire.ts';
export * from './coverage.wire.ts';
export * from './elder.wire.ts';
export * from './elder.import.wire.ts';
export * from './organisation.wire.ts';
export * from './region.wire.ts';
export * from './service.wire.ts';
export * from './stats.wire.ts';
export * from './user.wire.ts';

/** A cursor page: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
