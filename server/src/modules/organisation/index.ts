/** The organisation module's public surface (docs/modules.md, "Public surfaces"). */
import type { Scope } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { organisationRepo } from './organisation.repo.ts';

/** The organisation with this id, whoever asks (callers check scope themselves). */
export const findOrganisation = (db: Executor, id: string) => organisationRepo(db).findById(id);
/** The organisation with this id when it lies in `scope`. */
export const findOrganisationInScope = (db: Executor, scope: Scope, id: string) =>
  organisationRepo(db).findInScope(scope, id);
/** Active organisations of a type whose region lies under `regionCode` (e.g. a county's providers), oldest first. */
export const organisationsOfType = (db: Executor, regionCode: string, type: string) =>
  organisationRepo(db).ofType(regionCode, type);
