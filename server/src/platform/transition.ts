import type { EventMap, EventTopic } from '@yiyang/contracts';
import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Actor } from './audit.ts';
import type { Tx } from './db.ts';
import { notFound, type DomainError } from './errors.ts';
import type { UnitOfWork } from './uow.ts';

/**
 * State changes as declared data (STYLE.md habit 4, decision 016-state-transitions): a module
 * declares its state machine once — for each command the states it may start from, the state it
 * ends in, an optional guard, and what it records (timeline action, audit action, event topic) —
 * and every command runs through the one `transition()`: lock → guard → update → timeline →
 * audit → event, inside the caller's `transact()` unit of work.
 */

/** A table with a primary key `id` and a text `status`; `updatedAt`, when present, is stamped. */
export type StatefulTable = PgTable & { id: AnyPgColumn; status: AnyPgColumn; updatedAt?: AnyPgColumn };
export type RowOf<T extends StatefulTable> = T['$inferSelect'];
export type PatchOf<T extends StatefulTable> = Partial<T['$inferInsert']>;

/** One command of a state machine. */
export interface TransitionRule<S extends string, R> {
  /** States the command may start from. */
  from: readonly S[];
  to: S;
  /** A condition besides the state (e.g. a time window); returns the error to refuse with. */
  guard?: (row: R, now: Date) => DomainError | null;
  /** Timeline action recorded for the row; none when absent. */
  timeline?: string;
  /** Audit action; none when absent. */
  audit?: string;
  /** Domain event topic of the EventMap (contracts), emitted through the outbox; none when absent. */
  topic?: EventTopic;
}

export interface StateMachine<T extends StatefulTable, S extends string, C extends string> {
  /** Audit entity type, e.g. 'assessment'. */
  entityType: string;
  table: T;
  transitions: { readonly [K in C]: TransitionRule<S, RowOf<T>> };
  /** The error for a command refused in the row's state; each module keeps its stable codes. */
  refused(row: RowOf<T>, command: C): DomainError;
  /** The error when the row does not exist (default 404 `common.not_found`). */
  missing?(): DomainError;
  /** Where audit entries and events of the row are scoped. */
  scope(row: RowOf<T>): { regionCode?: string | null; organisationId?: string | null };
  /** Appends one timeline row (the module's own table). */
  timeline?(tx: Tx, entry: TimelineEntry): Promise<void>;
}

export interface TimelineEntry {
  entityId: string;
  action: string;
  actor: Actor;
  at: Date;
}

/** What one call adds to the declared rule: the row's other columns, texts, payload. */
export interface TransitionSpec<T extends StatefulTable> {
  /** Columns updated with the status. */
  patch?: PatchOf<T>;
  /** Timeline rows (default: one, by the actor, now); their action is the rule's. */
  timeline?: { actor?: Actor; at?: Date }[];
  audit?: { summary?: string; detail?: Record<string, unknown>; reason?: string | null };
  /** Event payload: the rule's topic's payload in the EventMap (default `{ id, from, to }`). */
  payload?: EventMap[EventTopic];
}

/** This call's spec, or a function of the locked row returning it (it may also throw or write side rows). */
export type TransitionPrepare<T extends StatefulTable> =
  TransitionSpec<T> | ((locked: RowOf<T>) => Promise<TransitionSpec<T>> | TransitionSpec<T>);

/** The unit of work a transition runs in (from `transact()`), with the command's clock. */
export interface TransitionContext {
  tx: Tx;
  uow: UnitOfWork;
  actor: Actor;
  now: Date;
}

const statusOf = (row: unknown): string => (row as { status: string }).status;

/**
 * Whether `command` may run on `row` (state, then guard); throws the machine's error otherwise.
 * Commands also call it before their transaction, to refuse early (before slower checks).
 */
export function assertTransition<T extends StatefulTable, S extends string, C extends string>(
  machine: StateMachine<T, S, C>,
  row: RowOf<T>,
  command: C,
  now: Date,
): TransitionRule<S, RowOf<T>> {
  const rule = machine.transitions[command];
  if (!rule.from.includes(statusOf(row) as S)) throw machine.refused(row, command);
  const refusal = rule.guard?.(row, now);
  if (refusal) throw refusal;
  return rule;
}

/** Whether `command` is allowed in `status` by the table alone (no guard). */
export function canTransition<S extends string, C extends string>(
  machine: { transitions: { readonly [K in C]: { from: readonly S[] } } },
  status: string,
  command: C,
): boolean {
  return machine.transitions[command].from.includes(status as S);
}

/**
 * Runs `command` on row `id` inside the caller's transaction: locks the row (SELECT … FOR UPDATE,
 * so concurrent commands on one row serialise and the second sees the first's state), checks the
 * table, calls `prepare` with the locked row (extra checks that throw, side rows, and this call's
 * patch/texts), updates the status, appends the timeline, audits and emits. Returns the updated row.
 */
export async function transition<T extends StatefulTable, S extends string, C extends string>(
  ctx: TransitionContext,
  machine: StateMachine<T, S, C>,
  id: string,
  command: C,
  prepare: TransitionPrepare<T> = {},
): Promise<RowOf<T>> {
  const { tx, uow, actor, now } = ctx;
  const table = machine.table;
  const [locked] = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for('update')
    .limit(1)) as RowOf<T>[];
  if (!locked) throw machine.missing?.() ?? notFound();
  const rule = assertTransition(machine, locked, command, now);
  const spec = typeof prepare === 'function' ? await prepare(locked) : prepare;
  const from = statusOf(locked);
  const values: Record<string, unknown> = { ...spec.patch, status: rule.to };
  if (table.updatedAt) values.updatedAt = new Date();
  const [row] = (await tx
    .update(table)
    .set(values as never)
    .where(eq(table.id, id))
    .returning()) as RowOf<T>[];
  if (rule.timeline && machine.timeline)
    for (const t of spec.timeline ?? [{}])
      await machine.timeline(tx, {
        entityId: id,
        action: rule.timeline,
        actor: t.actor ?? actor,
        at: t.at ?? now,
      });
  const scope = machine.scope(row!);
  if (rule.audit)
    uow.audit({
      // audit actions: the `audit: '…'` of each module's transition table
      action: rule.audit,
      entityType: machine.entityType,
      entityId: id,
      regionCode: scope.regionCode ?? null,
      organisationId: scope.organisationId ?? null,
      summary: spec.audit?.summary ?? `${machine.entityType} ${command}: ${from} → ${rule.to}`,
      ...(spec.audit?.detail ? { detail: spec.audit.detail } : {}),
      ...(spec.audit?.reason !== undefined ? { reason: spec.audit.reason } : {}),
    });
  if (rule.topic)
    uow.emit(rule.topic, (spec.payload ?? { id, from, to: rule.to }) as EventMap[EventTopic], {
      regionCode: scope.regionCode ?? null,
      organisationId: scope.organisationId ?? null,
    });
  return row!;
}
