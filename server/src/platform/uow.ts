import type { Db, Tx } from './db.ts';
import { appendAudit, type Actor, type AuditEntry } from './audit.ts';
import { appendOutbox, type DomainEvent, type EventBus } from './events.ts';

/**
 * What a command records besides its own rows: audit entries and domain
 * events, written in the same transaction (STYLE.md habit 4: outbox).
 */
export class UnitOfWork {
  readonly audits: AuditEntry[] = [];
  readonly events: DomainEvent[] = [];
  audit(entry: AuditEntry): void {
    this.audits.push(entry);
  }
  emit(event: DomainEvent): void {
    this.events.push(event);
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
  let published: Awaited<ReturnType<typeof appendOutbox>> = [];
  const result = await deps.db.transaction(async (tx) => {
    const uow = new UnitOfWork();
    const value = await fn(tx, uow);
    await appendAudit(tx, actor, uow.audits);
    published = await appendOutbox(tx, uow.events, deps.bus.notifiesInTransaction);
    return value;
  });
  deps.bus.afterCommit(published);
  return result;
}
