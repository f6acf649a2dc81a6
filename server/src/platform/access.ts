import { and, eq, inArray, like, or, SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isPersonalAccount, regionPrefix, type Permission, type RoleCode } from '@yiyang/contracts';
import { DomainError } from './errors.ts';

/**
 * Where a user may read and act: the subtree of a region node and/or one organisation (PRODUCT.md §2), joined
 * by three relationship grants (decision 010): an elder's own record, the elders bound to a family member with
 * consent, and what is assigned to the user while the assignment lasts. This module is the ONE place that
 * turns a scope into SQL or a yes/no; handlers and services never compare codes or ids themselves.
 */
export interface Scope {
  /** Every region code in scope starts with this (e.g. '500110' county, '500110001001' community). */
  regionPrefix: string | null;
  organisationId: string | null;
  /** Elders related to the account: its own record (self) and elders bound to it as family with consent. */
  elderIds?: readonly string[];
  /** The account, for "assigned to me": assignments are read in SQL, so each one's duration holds to the second. */
  userId?: string | null;
}

/** An account's relationship to an elder (decision 010); a family binding without consent is none. */
export interface ElderRelation {
  elderId: string;
  kind: 'self' | 'family';
  /** May the account act for the elder (order, apply, confirm)? Always for self; family: `elder_family.may_act_for`. */
  mayActFor: boolean;
}

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  roles: RoleCode[];
  permissions: ReadonlySet<Permission>;
  regionCode: string | null;
  organisationId: string | null;
  relations: readonly ElderRelation[];
  scope: Scope;
  via: 'session' | 'token';
  sessionTokenHash?: string;
  csrfToken?: string;
}

export function scopeOf(regionCode: string | null, organisationId: string | null): Scope {
  return { regionPrefix: regionCode ? regionPrefix(regionCode) : null, organisationId };
}

/**
 * Where an account acts as staff: its region/organisation binding — none for a personal account (elder,
 * family member, volunteer: PERSONAL_ROLES), whose binding only says who administers it. AuthContext carries
 * this, so no code reading `auth.regionCode` (a region tree's root, an import's area) grants more.
 */
export function bindingOf(account: {
  roles: readonly string[];
  regionCode: string | null;
  organisationId: string | null;
}): { regionCode: string | null; organisationId: string | null } {
  if (isPersonalAccount(account.roles)) return { regionCode: null, organisationId: null };
  return { regionCode: account.regionCode, organisationId: account.organisationId };
}

/** The scope of a signed-in account: its binding (`bindingOf`), its relationships, its assignments. */
export function accountScope(
  account: {
    userId: string;
    roles: readonly string[];
    regionCode: string | null;
    organisationId: string | null;
  },
  relations: readonly ElderRelation[],
): Scope {
  const binding = bindingOf(account);
  return {
    ...scopeOf(binding.regionCode, binding.organisationId),
    elderIds: relations.map((r) => r.elderId),
    userId: account.userId,
  };
}

/** Columns a table is scoped by. Tables name theirs once, next to their repo. */
export interface ScopeColumns {
  /** A column, or an expression where a row's region is derived (a user bound only to an organisation). */
  region?: PgColumn | SQL;
  organisation?: PgColumn;
  /** The elder a row belongs to: rows of the account's related elders are in scope (self, family). */
  elder?: PgColumn;
  /** The registry's own id column: an elder is in scope while a current assignment concerns them. */
  assignedElder?: PgColumn;
  /** Rows that are subjects of assignments (an order, an incident): in scope while assigned to the account. */
  assigned?: { subjectType: string; id: PgColumn };
}

/**
 * SQL condition "row is in scope": region subtree OR own organisation OR a relationship grant. A user with
 * none sees nothing (the condition is false, never absent).
 */
export function inScope(scope: Scope, cols: ScopeColumns): SQL {
  const parts = scopeBranches(scope, cols);
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

/** An assignment is current from `valid_from` until `valid_to` (open-ended when null), unless released. */
const CURRENT_ASSIGNMENT =
  'released_at IS NULL AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())';

/**
 * One grant of a scope; their OR is the scope. Each is narrowed by the region chosen in the console: for the
 * region branch, nested subtrees intersect to the inner prefix and disjoint ones to nothing, so every branch
 * has at most one `regionPrefix` (one index range).
 */
type ScopeBranch = { regionPrefix: string | null } & (
  | { kind: 'region' }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'elders'; elderIds: readonly string[] }
  | { kind: 'assignedElders'; userId: string }
  | { kind: 'assigned'; userId: string; subjectType: string }
);
type ColumnNames = { [K in keyof Omit<ScopeColumns, 'assigned'>]: boolean } & { assigned?: string };

function branchesOf(scope: Scope, regionCode: string | undefined, cols: ColumnNames): ScopeBranch[] {
  const narrow = regionCode && cols.region ? regionPrefix(regionCode) : null;
  const out: ScopeBranch[] = [];
  if (scope.regionPrefix !== null && cols.region) {
    if (narrow === null || scope.regionPrefix.startsWith(narrow))
      out.push({ kind: 'region', regionPrefix: scope.regionPrefix });
    else if (narrow.startsWith(scope.regionPrefix)) out.push({ kind: 'region', regionPrefix: narrow });
  }
  if (scope.organisationId !== null && cols.organisation)
    out.push({ kind: 'organisation', organisationId: scope.organisationId, regionPrefix: narrow });
  if (scope.elderIds?.length && cols.elder)
    out.push({ kind: 'elders', elderIds: scope.elderIds, regionPrefix: narrow });
  if (scope.userId && cols.assignedElder)
    out.push({ kind: 'assignedElders', userId: scope.userId, regionPrefix: narrow });
  if (scope.userId && cols.assigned)
    out.push({ kind: 'assigned', userId: scope.userId, subjectType: cols.assigned, regionPrefix: narrow });
  return out;
}

const namesOf = (cols: ScopeColumns): ColumnNames => ({
  region: !!cols.region,
  organisation: !!cols.organisation,
  elder: !!cols.elder,
  assignedElder: !!cols.assignedElder,
  ...(cols.assigned ? { assigned: cols.assigned.subjectType } : {}),
});

/**
 * The scope as conditions whose OR is `inScope` — the region subtree, the organisation, each relationship
 * grant — each usable by an index on its own. For hot queries that run one ordered, limited query per branch
 * and merge the results (an OR across columns rules out an ordered index scan). Empty: nothing in scope.
 */
export function scopeBranches(scope: Scope, cols: ScopeColumns, regionCode?: string): SQL[] {
  return branchesOf(scope, regionCode, namesOf(cols)).map((b) => {
    const parts: SQL[] = [];
    if (b.kind === 'organisation') parts.push(eq(cols.organisation!, b.organisationId));
    else if (b.kind === 'elders') parts.push(inArray(cols.elder!, [...b.elderIds]));
    else if (b.kind === 'assignedElders')
      parts.push(
        sql`${cols.assignedElder!} = ANY(ARRAY(SELECT elder_id FROM assignments WHERE user_id = ${b.userId} AND elder_id IS NOT NULL AND ${sql.raw(CURRENT_ASSIGNMENT)}))`,
      );
    else if (b.kind === 'assigned') parts.push(assignedTo(scope, b.subjectType, cols.assigned!.id));
    if (b.regionPrefix !== null) parts.push(inSubtree(cols.region!, b.regionPrefix));
    return parts.length === 1 ? parts[0]! : and(...parts)!;
  });
}

/**
 * "Assigned to me": rows whose `id` is a subject of `subjectType` assigned to the account right now (decision
 * 010). For a module that narrows a role to its own tasks (a caregiver's orders) on top of `inScope`.
 */
export function assignedTo(scope: Scope, subjectType: string, id: PgColumn): SQL {
  if (!scope.userId) return sql`false`;
  return sql`${id} = ANY(ARRAY(SELECT subject_id FROM assignments WHERE user_id = ${scope.userId} AND subject_type = ${subjectType} AND ${sql.raw(CURRENT_ASSIGNMENT)}))`;
}

/**
 * `scopeBranches` as SQL text, for hot queries written without the query builder (prepared once per
 * shape). `param` adds a value and returns its placeholder. The region prefix is a byte-wise range
 * (`~>=~`/`~<~`, region codes being digits: every code under `p` sorts before `p || ':'`), which an
 * index with text_pattern_ops serves even in a generic plan, unlike `LIKE $1`.
 */
export function scopeBranchesText(
  scope: Scope,
  cols: { region: string; organisation: string; elder?: string; assignedElder?: string },
  regionCode: string | undefined,
  param: (value: unknown) => string,
): string[] {
  const names = {
    region: true,
    organisation: true,
    elder: !!cols.elder,
    assignedElder: !!cols.assignedElder,
  };
  return branchesOf(scope, regionCode, names).map((b) => {
    const parts: string[] = [];
    if (b.kind === 'organisation') parts.push(`${cols.organisation} = ${param(b.organisationId)}`);
    else if (b.kind === 'elders') parts.push(`${cols.elder} = ANY(${param(b.elderIds)}::uuid[])`);
    else if (b.kind === 'assignedElders')
      parts.push(
        `${cols.assignedElder} = ANY(ARRAY(SELECT elder_id FROM assignments WHERE user_id = ${param(b.userId)}::uuid AND elder_id IS NOT NULL AND ${CURRENT_ASSIGNMENT}))`,
      );
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
function inSubtree(col: PgColumn | SQL, prefix: string): SQL {
  if (!(col instanceof SQL)) return prefix.length === 12 ? eq(col, prefix) : like(col, `${prefix}%`);
  return prefix.length === 12 ? sql`${col} = ${prefix}` : sql`${col} LIKE ${`${prefix}%`}`;
}

/** Scope condition AND an optional narrowing filter by a region chosen in the console. */
export function inScopeAndRegion(scope: Scope, cols: ScopeColumns, regionCode?: string): SQL {
  const base = inScope(scope, cols);
  if (!regionCode || !cols.region) return base;
  return and(base, inSubtree(cols.region, regionPrefix(regionCode)))!;
}

/**
 * Is a target (region and/or organisation, or an elder) inside the scope? For commands that name where they
 * act. Assignments are not consulted (they are read in SQL: `assignedTo`).
 */
export function covers(
  scope: Scope,
  target: { regionCode?: string | null; organisationId?: string | null; elderId?: string | null },
): boolean {
  if (target.regionCode && scope.regionPrefix !== null && target.regionCode.startsWith(scope.regionPrefix))
    return true;
  if (
    target.organisationId &&
    scope.organisationId !== null &&
    target.organisationId === scope.organisationId
  )
    return true;
  return !!target.elderId && !!scope.elderIds?.includes(target.elderId);
}

/**
 * May the account act for this elder through a relationship (order a service, apply, confirm a visit)?
 * Its own record, or a family binding with consent and may-act-for. Staff act through their scope instead.
 */
export function actsFor(auth: AuthContext, elderId: string): boolean {
  return auth.relations.some((r) => r.elderId === elderId && r.mayActFor);
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
