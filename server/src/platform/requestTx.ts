import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, Tx } from './db.ts';

/**
 * A request-wide transaction (decision 015): everything a handler does through the platform's `db` runs in
 * one transaction, so a command and what is recorded about it (its replayable result, `idempotency.ts`)
 * commit together or not at all. `ambientDb` wraps the platform's `db`: inside `inRequestTransaction` every
 * query — the service's reads, its repositories, `queryText` — goes to that transaction, and `transact()`
 * nests as a savepoint; outside, it is the plain database. Nothing else changes for code that uses `db`.
 */
interface RequestTx {
  /** Null once the transaction has ended: later work of the same async context uses the database again. */
  tx: Tx | null;
  /** Work to run only once the whole transaction has committed (e.g. publishing events to NATS). */
  afterCommit: (() => void)[];
}

const current = new AsyncLocalStorage<RequestTx>();

/** The platform's `db`, joining the request transaction of the calling async context when there is one. */
export function ambientDb(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      const on = (current.getStore()?.tx ?? target) as object;
      const value: unknown = Reflect.get(on, prop, on);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(on) : value;
    },
  });
}

/**
 * Runs `fn` in one transaction of `db` that the ambient `db` joins for everything `fn` starts. `fn` decides
 * the outcome: it returns (commit) or throws (rollback). After-commit work runs once the commit is done.
 */
export async function inRequestTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const state: RequestTx = { tx: null, afterCommit: [] };
  try {
    const out = await db.transaction((tx) => {
      state.tx = tx;
      return current.run(state, () => fn(tx));
    });
    state.tx = null;
    for (const run of state.afterCommit) run();
    return out;
  } finally {
    state.tx = null;
  }
}

/** Defers `run` until the request transaction commits; runs it now when there is none. */
export function afterRequestCommit(run: () => void): void {
  const state = current.getStore();
  if (state?.tx) state.afterCommit.push(run);
  else run();
}

/**
 * Runs `fn` outside any request transaction: for callbacks that a commit may trigger in the committing
 * request's async context (PGlite delivers NOTIFY there) but that belong to no request.
 */
export function detached<T>(fn: () => T): T {
  return current.exit(fn);
}
