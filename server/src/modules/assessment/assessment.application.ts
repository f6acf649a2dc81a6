import {
  localized,
  type AssessmentReason,
  type AssessmentSource,
  type LocalizedText,
  type StandardCode,
} from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db.ts';
import { DomainError, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { maskName } from '../../platform/masking.ts';
import { transact, type UnitOfWork } from '../../platform/uow.ts';
import { nowOf, type AssessmentDeps } from './assessment.deps.ts';
import { assessmentRepo, type AssessmentRow } from './assessment.repo.ts';
import type { AssessmentQueries } from './assessment.queries.ts';
import type { AssessmentCreate, DetailView } from './assessment.schema.ts';
import { DEFAULT_STANDARD_CODE } from './standards/index.ts';
import { type ElderRow, findElder, findElderInScope } from '../elder/index.ts';

// Elders no assessment can be applied for, by the status the message names.
const INACTIVE_STATUS_TEXT: Record<string, LocalizedText> = {
  deceased: localized('已故', 'deceased'),
  moved_out: localized('已迁出', 'moved out'),
};

export interface ApplicationInput {
  reason: AssessmentReason;
  source: AssessmentSource;
  standardCode?: StandardCode | undefined;
  note?: string | undefined;
  dueBy?: string | null;
  supersedesId?: string | null;
}

const openExists = (id: string | undefined) =>
  new DomainError('assessment.open_exists', { status: 409, params: { id }, meta: { openId: id } });

/**
 * A new application (the record's first state, `applied`): at most one open assessment per elder
 * (decision 006), checked here and by the unique index.
 */
export async function insertApplication(
  deps: AssessmentDeps,
  tx: Tx,
  uow: UnitOfWork,
  actor: Actor,
  elder: ElderRow,
  input: ApplicationInput,
): Promise<AssessmentRow> {
  const open = await assessmentRepo(tx).openOf(elder.id);
  if (open) throw openExists(open.id);
  const now = nowOf(deps);
  const a = await assessmentRepo(tx).insert({
    elderId: elder.id,
    regionCode: elder.regionCode,
    standardCode: input.standardCode ?? DEFAULT_STANDARD_CODE,
    reason: input.reason,
    source: input.source,
    note: input.note ?? null,
    appliedBy: actor.userId,
    appliedByName: actor.name,
    dueBy: input.dueBy ?? null,
    supersedesId: input.supersedesId ?? null,
    createdAt: now,
  });
  await assessmentRepo(tx).addEvent({
    assessmentId: a.id,
    action: 'applied',
    byUserId: actor.userId,
    byName: actor.name,
    at: nowOf(deps),
  });
  uow.audit({
    action: 'assessment.apply',
    entityType: 'assessment',
    entityId: a.id,
    regionCode: a.regionCode,
    summary: `老人 ${maskName(elder.name)} 申请能力评估（${input.reason}）`,
    detail: { elderId: elder.id, reason: input.reason, source: input.source, standardCode: a.standardCode },
  });
  uow.emit(
    'assessment.applied',
    { id: a.id, elderId: elder.id, reason: input.reason },
    { regionCode: a.regionCode },
  );
  return a;
}

/** Unique-index races (two instances handling one event) end as "already open". */
export async function openRace<T>(deps: AssessmentDeps, fn: () => Promise<T>, elderId: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const open = await assessmentRepo(deps.db).openOf(elderId);
    throw openExists(open?.id);
  }
}

/** Applications: by people (`create`) and automatic ones (events, due scan). */
export class AssessmentApplications {
  constructor(
    private readonly deps: AssessmentDeps,
    private readonly queries: AssessmentQueries,
  ) {}

  async create(auth: AuthContext, actor: Actor, input: AssessmentCreate): Promise<DetailView> {
    const r = await findElderInScope(this.deps.db, auth.scope, input.elderId);
    if (!r) throw notFound('elder.not_found');
    const inactive = INACTIVE_STATUS_TEXT[r.elder.status];
    if (inactive) {
      const params = { status: inactive };
      throw new DomainError('assessment.elder_inactive', {
        status: 422,
        params,
        errors: [{ pointer: '/body/elderId', code: 'assessment.elder_inactive', params }],
      });
    }
    const a = await openRace(
      this.deps,
      () =>
        transact(this.deps, actor, (tx, uow) => insertApplication(this.deps, tx, uow, actor, r.elder, input)),
      r.elder.id,
    );
    return this.queries.get(auth, a.id);
  }

  /** Automatic application (events, due scan); null when the elder already has an open one. */
  async applyAutomatic(elderId: string, reason: AssessmentReason, dueBy: string | null = null) {
    const elder = await findElder(this.deps.db, elderId);
    if (!elder || ['deceased', 'moved_out'].includes(elder.status)) return null;
    try {
      return await openRace(
        this.deps,
        () =>
          transact(this.deps, SYSTEM_ACTOR, (tx, uow) =>
            insertApplication(this.deps, tx, uow, SYSTEM_ACTOR, elder, {
              reason,
              source: 'automatic',
              dueBy,
            }),
          ),
        elderId,
      );
    } catch (err) {
      if (err instanceof DomainError && err.code === 'assessment.open_exists') return null;
      throw err;
    }
  }
}
