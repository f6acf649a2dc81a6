import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import type { TransactDeps } from '../../platform/uow.ts';
import type { ElderService } from '../elder/index.ts';
import type { RegionService } from '../region/index.ts';
import type { Ladder } from './alarm.ladder.ts';
import type { Notifier } from './alarm.notify.ts';

/** What the alarm module's services use. */
export type AlarmDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  elders: ElderService;
  regions: RegionService;
  notifier: Notifier;
  ladder: Ladder;
  /** The service clock (tests and the demo seed set it). */
  now?: () => Date;
};

/** What the commands and the ladder use (no elder service: the demo seed builds them without one). */
export type CommandDeps = Omit<AlarmDeps, 'elders' | 'regions'>;

export const nowOf = (deps: { now?: () => Date }): Date => deps.now?.() ?? new Date();
