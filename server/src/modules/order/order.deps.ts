import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import type { TransactDeps } from '../../platform/uow.ts';

/** What the order module's services use. */
export type OrderDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  /** The service clock (tests and the demo seed set it back). */
  now?: () => Date;
  /** Minutes an order may wait for a provider before each escalation level (default 30). */
  escalateAfterMinutes?: number;
  /** Days ahead that recurring plans generate orders for (default 7). */
  planHorizonDays?: number;
};

export const nowOf = (deps: OrderDeps): Date => deps.now?.() ?? new Date();
