import { and, eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { regionPrefix, type Permission, type RoleCode } from '@yiyang/contracts';
import { DomainError, forbidden } from './errors.ts';

/**
 * Where a user may read and act: the subtree of a region node and/or one
 * organisation (PRODUCT.md §2). This module is the ONE place that turns a
 * scope into SQL or a yes/no; handlers and services never compare codes
 * themselves.
 */
export interface Scope {
  /** Every region code in scope starts with this (e.g. '500110' county, '500110001001' community). */
  regionPrefix: string | null;
  organisationId: string | null;
}

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  roles: RoleCode[];
  permissions: ReadonlySet<Permission>;
  regionCode: string | null;
  organisationId: string | null;
  scope: Scope;
  via: 'session' | 'token';
  sessionTokenHash?: string;
  csrfToken?: string;
}

export function scopeOf(regionCode: string | null, organisationId: string | null): Scope {
  return { regionPrefix: regionCode ? regionPrefix(regionCode) : null, organisationId };
}

/** Columns a table is scoped by. Tables name theirs once, next to their repo. */
export interface ScopeColumns {
  region?: PgColumn;
  organisation?: PgColumn;
}

/**
 * SQL condition "row is in scope": region subtree OR own organisation. A user
 * with neither binding sees nothing (the condition is false, never absent).
 */
export function inScope(scope: Scope, cols: ScopeColumns): SQL {
  const parts = scopeBranches(scope, cols);
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

/**
 * The branches of a scope, whose OR is the scope: the region subtree and/or the own organisation, each
 * narrowed by an optional region chosen in the console. Nested subtrees intersect to the inner prefix,
 * disjoint ones to nothing, so every branch has at most one prefix (one index range).
 */
type ScopeBranch = { regionPrefix: string | null; organisationId: string | null };
function branchesOf(scope: Scope, regionCode: string | undefined, hasRegion: boolean): ScopeBranch[] {
  const narrow = regionCode && hasRegion ? regionPrefix(regionCode) : null;
  const out: ScopeBranch[] = [];
  if (scope.regionPrefix !== null && hasRegion) {
    if (narrow === null || scope.regionPrefix.startsWith(narrow))
      out.push({ regionPrefix: scope.regionPrefix, organisationId: null });
    else if (narrow.startsWith(scope.regionPrefix)) out.push({ regionPrefix: narrow, organisationId: null });
  }
  if (scope.organisationId !== null) out.push({ regionPrefix: narrow, organisationId: scope.organisationId });
  return out;
}

/**
 * The scope as conditions whose OR is `inScope` — the region subtree, the organisation — each usable
 * by an index on its own. For hot queries that run one ordered, limited query per branch and merge
 * the results (an OR across two columns rules out an ordered index scan). Empty: nothing in scope.
 */
export function scopeBranches(scope: Scope, cols: ScopeColumns, regionCode?: string): SQL[] {
  return branchesOf(scope, regionCode, !!cols.region)
    .filter((b) => b.organisationId === null || cols.organisation)
    .map((b) => {
      const parts: SQL[] = [];
      if (b.organisationId !== null) parts.push(eq(cols.organisation!, b.organisationId));
      if (b.regionPrefix !== null) parts.push(inSubtree(cols.region!, b.regionPrefix));
      return parts.length === 1 ? parts[0]! : and(...parts)!;
    });
}

/**
 * `scopeBranches` as SQL text, for hot queries written without the query builder (prepared once per
 * shape). `param` adds a value and returns its placeholder. The region prefix is a byte-wise range
 * (`~>=~`/`~<~`, region codes being digits: every code under `p` sorts before `p || ':'`), which an
 * index with text_pattern_ops serves even in a generic plan, unlike `LIKE $1`.
 */
export function scopeBranchesText(
  scope: Scope,
  cols: { region: string; organisation: string },
  regionCode: string | undefined,
  param: (value: unknown) => string,
): string[] {
  return branchesOf(scope, regionCode, true).map((b) => {
    const parts: string[] = [];
    if (b.organisationId !== null) parts.push(`${cols.organisation} = ${param(b.organisationId)}`);
    if (b.regionPrefix !== null)
      parts.push(
        b.regionPrefix.length === 12
          ? `${cols.region} = ${param(b.regionPrefix)}`
          : `${cols.region} ~>=~ ${param(b.regionPrefix)} AND ${cols.region} ~<~ ${param(`${b.regionPrefix}:`)}`,
      );
    return parts.join(' AND ');
  });
}

/**
 * "Code starts with prefix". A full 12-digit prefix (a community or village, a leaf) is written as
 * equality: the same rows, but an index on (region_code, created_at, …) then yields them in keyset order.
 */
function inSubtree(col: PgColumn, prefix: string): SQL {
  return prefix.length === 12 ? eq(col, prefix) : like(col, `${prefix}%`);
}

/** Scope condition AND an optional narrowing filter by a region chosen in the console. */
export function inScopeAndRegion(scope: Scope, cols: ScopeColumns, regionCode?: string): SQL {
  const base = inScope(scope, cols);
  if (!regionCode || !cols.region) return base;
  return and(base, inSubtree(cols.region, regionPrefix(regionCode)))!;
}

/** Is a target (region and/or organisation) inside the scope? For commands that name where they act. */
export function covers(
  scope: Scope,
  target: { regionCode?: string | null; organisationId?: string | null },
): boolean {
  if (target.regionCode && scope.regionPrefix !== null && target.regionCode.startsWith(scope.regionPrefix))
    return true;
  if (
    target.organisationId &&
    scope.organisationId !== null &&
    target.organisationId === scope.organisationId
  )
    return true;
  return false;
}

export function assertCovers(
  auth: AuthContext,
  target: { regionCode?: string | null; organisationId?: string | null },
  pointer?: string,
): void {
  if (covers(auth.scope, target)) return;
  throw new DomainError('auth.out_of_scope', {
    status: 403,
    errors: pointer ? [{ pointer, code: 'auth.out_of_scope' }] : [],
  });
}

/** Is scope `inner` entirely inside `outer`? Used so nobody creates a user wider than themselves. */
export function scopeWithin(inner: Scope, outer: Scope): boolean {
  const regionOk =
    inner.regionPrefix === null ||
    (outer.regionPrefix !== null && inner.regionPrefix.startsWith(outer.regionPrefix));
  const orgOk = inner.organisationId === null || inner.organisationId === outer.organisationId || regionOk;
  return regionOk && orgOk;
}

export function hasPermission(auth: AuthContext | null | undefined, permission: Permission): boolean {
  return !!auth && auth.permissions.has(permission);
}

export function requirePermission(auth: AuthContext, permission: Permission): void {
  if (!auth.permissions.has(permission)) throw forbidden();
}

/**
 * Route-level access declared beside each route (STYLE.md habit 1).
 * 'public': no sign-in; 'authenticated': any signed-in user; a permission;
 * or `{ anyOf }`: any one of several permissions (e.g. cancelling an
 * assessment is for whoever may apply for it or assign it).
 */
export type RouteAccess = 'public' | 'authenticated' | Permission | { anyOf: readonly Permission[] };

/** Does a signed-in user pass a route's declared access? */
export function grants(auth: AuthContext, access: Exclude<RouteAccess, 'public'>): boolean {
  if (access === 'authenticated') return true;
  if (typeof access === 'string') return auth.permissions.has(access);
  return access.anyOf.some((p) => auth.permissions.has(p));
}
