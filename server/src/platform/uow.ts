import type { EventMap, EventScope, EventTopic } from '@yiyang/contracts';
import type { Db, Tx } from './db.ts';
import { chainEntries, type Actor, type AuditEntry } from './audit.ts';
import type { EventBus, LoggedEvent, PendingEvent } from './events.ts';
import { takeShard, writeLedger } from './ledger.ts';
import { afterRequestCommit } from './requestTx.ts';

/**
 * What a command records besides its own rows: audit entries and domain
 * events, written in the same transaction (STYLE.md habit 4: outbox).
 */
export class UnitOfWork {
  readonly audits: AuditEntry[] = [];
  readonly events: PendingEvent[] = [];
  audit(entry: AuditEntry): void {
    this.audits.push(entry);
  }
  /** A domain event of the EventMap (contracts), seen by consoles whose scope covers `scope`. */
  emit<T extends EventTopic>(topic: T, payload: EventMap[T], scope: EventScope): void {
    this.events.push({ topic, payload, scope });
  }
}

export interface TransactDeps {
  db: Db;
  bus: EventBus;
}

export async function transact<T>(
  deps: TransactDeps,
  actor: Actor,
  fn: (tx: Tx, uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  let published: LoggedEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const uow = new UnitOfWork();
    const value = await fn(tx, uow);
    if (uow.audits.length === 0 && uow.events.length === 0) return value;
    // Held from here to commit: the shard's chain and event numbers follow its commit order.
    const head = await takeShard(tx);
    const at = new Date();
    published = await writeLedger(tx, head, chainEntries(head.auditHash, actor, uow.audits, at), uow.events, {
      notify: deps.bus.notifiesInTransaction,
      at,
    });
    return value;
  });
  // Inside a request transaction (an idempotent command) this was a savepoint: publish once it all commits.
  afterRequestCommit(() => deps.bus.afterCommit(published));
  return result;
}
