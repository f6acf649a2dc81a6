import { covers } from '../../../platform/access.ts';
import { copyIn, joinBytes } from '../../../platform/copy.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { DomainError, isUniqueViolation } from '../../../platform/errors.ts';
import { transact, type UnitOfWork } from '../../../platform/uow.ts';
import { elderColumns } from '../elder.codec.ts';
import { elderRepo, type ElderRow } from '../elder.repo.ts';
import { maskedDiff, type ElderPlain } from '../elder.rules.ts';
import { todayIso } from '../../../platform/dates.ts';
import { elderImportRepo } from './elder.import.repo.ts';
import {
  checkRow,
  elderCopyTarget,
  IMPORT_COPY,
  IMPORT_REASON,
  sheetRow,
  type Issue,
} from './elder.import.rows.ts';
import type { ImportDeps, ValidRow, WriteContext } from './elder.import.types.ts';

/**
 * The write side of a 摸底表 import: a batch of checked rows against what the
 * registry holds, then new records by COPY and updates row by row, in one
 * transaction with one audit entry and event; a row-level failure falls back
 * to one savepoint per row so the others land.
 */

type Update = { row: ValidRow; elder: ElderRow };
type Written = { created: number; updated: number; unchanged: number };
export type BatchOutcome = {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  issues: Issue[];
};

/**
 * A row's write was refused (a data or integrity error such as a record
 * registered meanwhile, or a domain rule): worth retrying row by row.
 * Anything else (connection lost, a bug) aborts the job.
 */
function rowLevelFailure(err: unknown): boolean {
  if (err instanceof DomainError) return true;
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (typeof e.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(e.code)) return true;
  return false;
}

export class ImportWriter {
  constructor(private readonly deps: ImportDeps) {}

  /** The registry's records with the ID numbers of `batch`, by blind index. */
  async registered(ctx: WriteContext, batch: ValidRow[]): Promise<Map<string, ElderRow>> {
    if (batch.length === 0) return new Map();
    const looking = performance.now();
    const found = await elderImportRepo(this.deps.db).eldersByIdNumberHashes(batch.map((b) => b.hash));
    ctx.timings.lookup += performance.now() - looking;
    return new Map(found.map((e) => [e.idNumberHash, e]));
  }

  /** Sorts a batch by what the registry holds (`existing`) and (unless a dry run) writes it, one transaction. */
  async flush(ctx: WriteContext, batch: ValidRow[], existing: Map<string, ElderRow>): Promise<BatchOutcome> {
    const { actor, job } = ctx;
    const out: BatchOutcome = { created: 0, updated: 0, skipped: 0, failed: 0, issues: [] };
    if (batch.length === 0) return out;
    const { creates, updates } = this.sort(ctx, batch, existing, out);
    if (job.dryRun) {
      out.created += creates.length;
      out.updated += updates.length;
      return out;
    }
    if (creates.length + updates.length === 0) return out;
    const batchNo = ++ctx.batchNo;
    await transact(this.deps, actor, async (tx, uow) => {
      const result = await this.writeOrRowByRow(tx, ctx, batchNo, creates, updates, out);
      out.created += result.created;
      out.updated += result.updated;
      out.skipped += result.unchanged;
      if (result.created + result.updated > 0) announce(uow, ctx, batch, result);
    });
    return out;
  }

  /** New records, updates of records in scope; duplicates skipped or (out of scope) refused. */
  private sort(ctx: WriteContext, batch: ValidRow[], existing: Map<string, ElderRow>, out: BatchOutcome) {
    const creates: ValidRow[] = [];
    const updates: Update[] = [];
    for (const b of batch) {
      const e = existing.get(b.hash);
      if (!e) creates.push(b);
      else if (ctx.job.onDuplicate === 'skip') {
        out.skipped++;
        out.issues.push({
          row: b.row,
          column: 'idNumber',
          kind: 'skipped',
          code: 'elder.import.duplicate_skipped',
        });
      } else if (!covers(ctx.auth.scope, { regionCode: e.regionCode, organisationId: e.organisationId })) {
        out.failed++;
        out.issues.push({
          row: b.row,
          column: 'idNumber',
          kind: 'error',
          code: 'elder.import.duplicate_out_of_scope',
        });
      } else updates.push({ row: b, elder: e });
    }
    return { creates, updates };
  }

  private async writeOrRowByRow(
    tx: Tx,
    ctx: WriteContext,
    batchNo: number,
    creates: ValidRow[],
    updates: Update[],
    out: BatchOutcome,
  ): Promise<Written> {
    try {
      return await tx.transaction((sp) => this.write(sp, ctx, batchNo, creates, updates));
    } catch (err) {
      if (!rowLevelFailure(err)) throw err;
    }
    // Some row failed (e.g. registered meanwhile by someone else): one savepoint per row, so the others land.
    const result: Written = { created: 0, updated: 0, unchanged: 0 };
    const single = [
      ...creates.map((c) => ({ row: c.row, run: () => [[c], []] as const })),
      ...updates.map((u) => ({ row: u.row.row, run: () => [[], [u]] as const })),
    ];
    for (const s of single) {
      const [c, u] = s.run();
      try {
        const r = await tx.transaction((sp) => this.write(sp, ctx, batchNo, [...c], [...u]));
        result.created += r.created;
        result.updated += r.updated;
        result.unchanged += r.unchanged;
      } catch (err) {
        if (!rowLevelFailure(err)) throw err;
        out.failed++;
        out.issues.push({
          row: s.row,
          column: isUniqueViolation(err) ? 'idNumber' : null,
          kind: 'error',
          code: isUniqueViolation(err) ? 'elder.duplicate_id_number' : 'elder.import.write_failed',
        });
      }
    }
    return result;
  }

  /** Writes new records by COPY (elders, then tags, then first versions) and updates row by row. */
  private async write(
    tx: Executor,
    ctx: WriteContext,
    batchNo: number,
    creates: ValidRow[],
    updates: Update[],
  ): Promise<Written> {
    let updated = 0;
    let unchanged = 0;
    if (creates.length) {
      const started = performance.now();
      await copyIn(tx, elderCopyTarget(ctx.elderKeys), joinBytes(creates.map((c) => c.elder)));
      await copyIn(tx, IMPORT_COPY.tags, joinBytes(creates.map((c) => c.tags)));
      await this.deps.faults?.midBatch?.(batchNo);
      await copyIn(tx, IMPORT_COPY.versions, joinBytes(creates.map((c) => c.version)));
      ctx.timings.copy += performance.now() - started;
    }
    for (const u of updates) {
      if (await this.update(tx, ctx, u)) updated++;
      else unchanged++;
    }
    return { created: creates.length, updated, unchanged };
  }

  /** One record updated from its row (re-checked); false when the row changes nothing. */
  private async update(tx: Executor, ctx: WriteContext, { row: valid, elder }: Update): Promise<boolean> {
    const repo = elderRepo(tx);
    const today = todayIso(ctx.now);
    const sheet = sheetRow(ctx.header, valid.raw);
    const row = sheet && checkRow(sheet, ctx.now).checked;
    if (!row) throw new Error('an import row changed between its check and its update');
    const before = this.deps.elders.plain(elder);
    const after: ElderPlain = { ...before };
    for (const k of row.provided) (after as unknown as Record<string, unknown>)[k] = row.plain[k];
    if (row.provided.has('health'))
      after.health = {
        ...(before.health ?? { allergies: [], medications: [], familyDoctor: null }),
        chronicDiseases: row.plain.health?.chronicDiseases ?? [],
      };
    const held = new Set(
      (await repo.tagsOf([elder.id]))
        .filter((t) => t.validFrom <= today && (t.validTo === null || t.validTo >= today))
        .map((t) => t.code),
    );
    const newTags = row.tags.filter((t) => !held.has(t));
    const diff = maskedDiff(before, after);
    if (!diff && newTags.length === 0) return false;
    const e = await repo.updateVersioned(
      elder.id,
      elder.version,
      diff ? elderColumns(this.deps.cipher, after) : {},
    );
    if (!e) throw new DomainError('common.conflict', { status: 409 });
    if (newTags.length)
      await repo.insertTags(
        newTags.map((code) => ({ elderId: elder.id, code, validFrom: today, source: 'manual' })),
      );
    await repo.insertVersion({
      elderId: elder.id,
      version: e.version,
      kind: 'update',
      changedBy: ctx.actor.userId,
      changedByName: ctx.actor.name,
      reason: IMPORT_REASON,
      before: { ...(diff?.before ?? {}), ...(newTags.length ? { tags: [...held] } : {}) },
      after: { ...(diff?.after ?? {}), ...(newTags.length ? { tags: [...held, ...newTags] } : {}) },
    });
    return true;
  }
}

/** One audit entry and one event per written batch, with the rows it spans. */
function announce(uow: UnitOfWork, ctx: WriteContext, batch: ValidRow[], result: Written): void {
  const { job } = ctx;
  let fromRow = Infinity;
  let toRow = -Infinity;
  for (const b of batch) {
    fromRow = Math.min(fromRow, b.row);
    toRow = Math.max(toRow, b.row);
  }
  uow.audit({
    action: 'elder.import',
    entityType: 'elder_import_job',
    entityId: job.id,
    regionCode: job.regionCode,
    organisationId: job.organisationId,
    summary: `批量导入老人：新增 ${result.created} 名，更新 ${result.updated} 名`,
    detail: { jobId: job.id, created: result.created, updated: result.updated, fromRow, toRow },
    reason: IMPORT_REASON,
  });
  uow.emit(
    'elder.imported',
    { jobId: job.id, created: result.created, updated: result.updated },
    { regionCode: job.regionCode },
  );
}
