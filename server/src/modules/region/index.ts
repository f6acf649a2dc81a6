/**
 * The region module's public surface (docs/modules.md, "Public surfaces"): what other modules may
 * import. The module keeps its repository and tables; other modules read through these functions.
 */
import type { Executor } from '../../platform/db.ts';
import { regionRepo } from './region.repo.ts';

export { RegionService } from './region.service.ts';
export { tallyByChildRegion } from './region.tally.ts';

/** The division with this code, if known. */
export const findRegion = (db: Executor, code: string) => regionRepo(db).find(code);
/** The direct children of `parentCode` (codes under `prefix`), with their counts. */
export const regionChildren = (db: Executor, parentCode: string, prefix: string) =>
  regionRepo(db).children(parentCode, prefix);
/** Every division under a code prefix. */
export const regionsUnder = (db: Executor, prefix: string) => regionRepo(db).listUnder(prefix);
