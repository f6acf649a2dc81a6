import type { ElderAbility } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db.ts';
import type { UnitOfWork } from '../../platform/uow.ts';
import { idNumberHashOf, phoneHashOf, plainOf } from './elder.codec.ts';
import { ElderCommands } from './elder.commands.ts';
import { ElderFamily } from './elder.family.ts';
import type { ManualTagInput } from './elder.identity.ts';
import { ElderQueries, type ElderDeps } from './elder.queries.ts';
import type { ElderRow } from './elder.repo.ts';
import type { ElderPlain } from './elder.rules.ts';
import type {
  ElderCreate,
  ElderDetail,
  ElderListQuery,
  ElderUpdate,
  FamilyCreate,
  FamilyUpdate,
  FamilyView,
  RevealField,
} from './elder.schema.ts';
import type { ElderStatus } from './elder.vocab.ts';
import type { IdType, Sex } from './idNumber.ts';

// Re-exported for the callers that imported them from this file (the assessment module among them).
export { ELDER_CIPHER_CONTEXT } from './elder.codec.ts';
export {} from './elder.identity.ts';
export { backfillElderMasks } from './elder.backfill.ts';
export type { ElderDeps } from './elder.queries.ts';

/**
 * The elder registry's use cases, as the routes and other modules see them: reads in
 * elder.queries.ts, state changes in elder.commands.ts, family members in elder.family.ts.
 * The row codec (elder.codec.ts) and the input checks (elder.identity.ts) are pure; import
 * them from there.
 */
export class ElderService {
  private readonly queries: ElderQueries;
  private readonly commands: ElderCommands;
  private readonly family: ElderFamily;

  constructor(private readonly deps: ElderDeps) {
    this.queries = new ElderQueries(deps);
    this.commands = new ElderCommands(deps, this.queries);
    this.family = new ElderFamily(deps, this.queries);
  }

  idNumberHash(normalized: string): string {
    return idNumberHashOf(this.deps.cipher, normalized);
  }

  phoneHash(phone: string | null | undefined): string | null {
    return phoneHashOf(this.deps.cipher, phone);
  }

  /** Decrypted fields of a row (for history diffs; never returned to a client as is). */
  plain(e: ElderRow): ElderPlain {
    return plainOf(this.deps.cipher, e);
  }

  // Queries (elder.queries.ts)

  list(auth: AuthContext, q: ElderListQuery) {
    return this.queries.list(auth, q);
  }
  count(auth: AuthContext, q: Omit<ElderListQuery, 'q' | 'cursor' | 'limit'>) {
    return this.queries.count(auth, q);
  }

  get(auth: AuthContext, id: string): Promise<ElderDetail> {
    return this.queries.get(auth, id);
  }

  history(auth: AuthContext, id: string) {
    return this.queries.history(auth, id);
  }

  validateId(input: { idType: IdType; idNumber: string; birthDate?: string | null; sex?: Sex | null }) {
    return this.queries.validateId(input);
  }

  /** Full values of chosen fields; PRODUCT.md §4.15: a reason, and an audit entry for every read. */
  reveal(auth: AuthContext, actor: Actor, id: string, input: { reason: string; fields: RevealField[] }) {
    return this.queries.reveal(auth, actor, id, input);
  }

  statsByRegion(auth: AuthContext, regionCode: string | undefined) {
    return this.queries.statsByRegion(auth, regionCode);
  }

  /** Served elders in scope (not moved out or deceased), for the home page. */
  countInScope(auth: AuthContext, regionCode?: string): Promise<number> {
    return this.queries.countInScope(auth, regionCode);
  }

  // Commands (elder.commands.ts)

  create(auth: AuthContext, actor: Actor, input: ElderCreate): Promise<ElderDetail> {
    return this.commands.create(auth, actor, input);
  }

  update(auth: AuthContext, actor: Actor, id: string, input: ElderUpdate): Promise<ElderDetail> {
    return this.commands.update(auth, actor, id, input);
  }

  /** Status change with its date; death and move-out announce themselves so services and subsidies stop. */
  changeStatus(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { status: ElderStatus; date: string; reason: string },
  ): Promise<ElderDetail> {
    return this.commands.changeStatus(auth, actor, id, input);
  }

  /** Replaces the manual tags; assessment-sourced tags are kept and cannot be written here. */
  setTags(
    auth: AuthContext,
    actor: Actor,
    id: string,
    input: { tags: ManualTagInput[]; reason?: string | undefined },
  ): Promise<ElderDetail> {
    return this.commands.setTags(auth, actor, id, input);
  }

  /** The assessment module's tags (decision 006), inside its publishing transaction. */
  replaceAssessmentTags(
    tx: Tx,
    uow: UnitOfWork,
    actor: Actor,
    elderId: string,
    input: { codes: readonly string[]; validFrom: string; reason: string; ability: ElderAbility },
  ): Promise<ElderRow> {
    return this.commands.replaceAssessmentTags(tx, uow, actor, elderId, input);
  }

  // Family members (elder.family.ts)

  addFamily(auth: AuthContext, actor: Actor, elderId: string, input: FamilyCreate): Promise<FamilyView> {
    return this.family.addFamily(auth, actor, elderId, input);
  }

  updateFamily(
    auth: AuthContext,
    actor: Actor,
    elderId: string,
    memberId: string,
    input: FamilyUpdate,
  ): Promise<FamilyView> {
    return this.family.updateFamily(auth, actor, elderId, memberId, input);
  }

  removeFamily(auth: AuthContext, actor: Actor, elderId: string, memberId: string): Promise<void> {
    return this.family.removeFamily(auth, actor, elderId, memberId);
  }
}
