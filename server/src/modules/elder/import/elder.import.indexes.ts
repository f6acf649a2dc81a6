import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../platform/db.ts';
import { hasPgCode } from '../../../platform/errors.ts';
import { elderDeferredIndexes, elderImportJobs } from './elder.import.table.ts';

/**
 * Bulk mode of a 摸底表 import (decision 008): when an import is large and the
 * registry small (a district's first onboarding), the secondary indexes of
 * `elders` are dropped before the first batch and built once after the last,
 * instead of being maintained row by row (measured: 1,000,000 rows into an
 * empty registry, COPY with all indexes 183 s; see the decision for the rest).
 *
 * - Only non-unique indexes: the primary key and the ID-number blind index
 *   stay, so identity and de-duplication are enforced throughout.
 * - The drop and the record of what was dropped (`elder_deferred_indexes`)
 *   commit together; each rebuild and the removal of its record too. After a
 *   crash at any point the table lists exactly the missing indexes, and
 *   `restoreDeferredIndexes` (end of the job, failure, start-up) builds them.
 * - Locks: the drop needs ACCESS EXCLUSIVE for an instant and gives up after
 *   `lock_timeout` (the import then runs with its indexes); a build holds
 *   SHARE, so other writes to `elders` wait for it while reads go on.
 */

/** Estimated rows of the file from its size (the synthetic 摸底表 is ~175 bytes per row). */
const BYTES_PER_ROW = 175;

export interface BulkRule {
  /** Smallest estimated import worth dropping indexes for. */
  minRows: number;
}

export const DEFAULT_BULK_RULE: BulkRule = { minRows: 100_000 };

/**
 * Whether an import of `fileBytes` should defer the indexes: at least `minRows`
 * rows, and more of them than the registry already holds (building indexes over
 * the whole table then costs less than maintaining them for every new row).
 */
export async function wantsBulkMode(db: Db, fileBytes: number, rule: BulkRule): Promise<boolean> {
  const rows = fileBytes / BYTES_PER_ROW;
  if (rows < rule.minRows) return false;
  // The planner's estimate: no scan of a large registry (-1 before the first ANALYZE: counted then).
  const [est] = await rowsOf<{ n: number }>(
    db,
    sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'elders'::regclass`,
  );
  let registry = Number(est?.n ?? -1);
  if (registry < 0) {
    const [counted] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM elders`);
    registry = Number(counted!.n);
  }
  return registry < rows;
}

/** Drops the non-unique secondary indexes of `elders` for `jobId`; the number dropped (0: lock not had in time). */
export async function deferElderIndexes(db: Db, jobId: string, lockTimeoutMs = 5_000): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`));
      await tx.execute(sql`LOCK TABLE elders IN ACCESS EXCLUSIVE MODE`);
      const found = await rowsOf<{ name: string; definition: string }>(
        tx,
        sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = 'elders'::regclass AND NOT i.indisunique AND NOT i.indisprimary
               AND i.indisvalid`,
      );
      for (const { name, definition } of found) {
        await tx.insert(elderDeferredIndexes).values({ name, definition, jobId }).onConflictDoNothing();
        await tx.execute(sql.raw(`DROP INDEX ${quoteIdent(name)}`));
      }
      return found.length;
    });
  } catch (err) {
    // 55P03 lock_not_available: someone holds the table; import with the indexes in place.
    if (hasPgCode(err, '55P03')) return 0;
    throw err;
  }
}

/**
 * Builds the recorded indexes, `lanes` at a time (PostgreSQL builds each on its
 * own connection): those of `jobId`, or with `orphans`, those of every job that
 * is no longer running (its instance finished, failed or died). Each index is
 * claimed with `FOR UPDATE SKIP LOCKED`, so two instances never build the same
 * one. Returns the number built.
 */
export async function restoreDeferredIndexes(
  db: Db,
  which: { jobId: string } | { orphans: true; staleMs: number },
  lanes = 2,
): Promise<number> {
  const pending = await db
    .select({ name: elderDeferredIndexes.name, jobId: elderDeferredIndexes.jobId })
    .from(elderDeferredIndexes)
    .leftJoin(elderImportJobs, eq(elderImportJobs.id, elderDeferredIndexes.jobId))
    .where(
      'jobId' in which
        ? eq(elderDeferredIndexes.jobId, which.jobId)
        : sql`${elderImportJobs.id} IS NULL OR ${elderImportJobs.status} <> 'running'
              OR ${elderImportJobs.updatedAt} < now() - make_interval(secs => ${which.staleMs / 1000})`,
    );
  const queue = pending.map((p) => p.name);
  let built = 0;
  const lane = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const done = await db.transaction(async (tx) => {
        const [claimed] = await rowsOf<{ definition: string }>(
          tx,
          sql`SELECT definition FROM elder_deferred_indexes WHERE name = ${name} FOR UPDATE SKIP LOCKED`,
        );
        const definition = claimed?.definition;
        if (definition === undefined) return false;
        await tx.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
        await tx.execute(sql.raw(ifNotExists(definition)));
        await tx.delete(elderDeferredIndexes).where(eq(elderDeferredIndexes.name, name));
        return true;
      });
      if (done) built++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
  return built;
}

/** `CREATE INDEX name ON public.elders …` (pg_get_indexdef) → `CREATE INDEX IF NOT EXISTS name ON …`. */
function ifNotExists(definition: string): string {
  const m = /^CREATE INDEX (\S+) ON public\.elders /.exec(definition);
  if (!m) throw new Error(`not a deferred index of elders: ${definition.slice(0, 80)}`);
  return `CREATE INDEX IF NOT EXISTS ${definition.slice('CREATE INDEX '.length)}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
