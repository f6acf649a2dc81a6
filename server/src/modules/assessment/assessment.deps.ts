import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import type { TransactDeps } from '../../platform/uow.ts';
import type { AuthService } from '../auth/index.ts';
import type { ElderService } from '../elder/index.ts';
import type { RegionService } from '../region/index.ts';

/** What the assessment module's services use (app.ts passes them to `AssessmentService`). */
export type AssessmentDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  elders: ElderService;
  regions: RegionService;
  auth: AuthService;
  now?: () => Date;
};

/** The service clock (tests and the demo seed set it back). */
export const nowOf = (deps: AssessmentDeps): Date => deps.now?.() ?? new Date();
