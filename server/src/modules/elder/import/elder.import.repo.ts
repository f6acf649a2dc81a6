import { and, asc, eq, sql } from 'drizzle-orm';
import { inScope, type Scope } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { elders } from '../elder.table.ts';
import { elderImportIssues, elderImportJobs } from './elder.import.table.ts';

export type ImportJobRow = typeof elderImportJobs.$inferSelect;
export type ImportIssueRow = typeof elderImportIssues.$inferSelect;

const JOB_SCOPE = { region: elderImportJobs.regionCode, organisation: elderImportJobs.organisationId };

export function elderImportRepo(db: Executor) {
  return {
    async insertJob(values: typeof elderImportJobs.$inferInsert): Promise<ImportJobRow> {
      const [r] = await db.insert(elderImportJobs).values(values).returning();
      return r!;
    },
    async updateJob(id: string, values: Partial<typeof elderImportJobs.$inferInsert>): Promise<void> {
      await db
        .update(elderImportJobs)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(elderImportJobs.id, id));
    },
    async findJobInScope(scope: Scope, id: string): Promise<ImportJobRow | undefined> {
      const [r] = await db
        .select()
        .from(elderImportJobs)
        .where(and(eq(elderImportJobs.id, id), inScope(scope, JOB_SCOPE)))
        .limit(1);
      return r;
    },
    async insertIssues(rows: (typeof elderImportIssues.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000)
        await db.insert(elderImportIssues).values(rows.slice(i, i + 1000));
    },
    async issues(jobId: string, limit: number): Promise<ImportIssueRow[]> {
      return db
        .select()
        .from(elderImportIssues)
        .where(eq(elderImportIssues.jobId, jobId))
        .orderBy(asc(elderImportIssues.row), asc(elderImportIssues.id))
        .limit(limit);
    },
    /** Existing records by blind index, whatever their scope (de-duplication is per deployment). */
    async eldersByIdNumberHashes(hashes: string[]) {
      if (hashes.length === 0) return [];
      // One array parameter: thousands of separate parameters cost more to build than the lookup.
      return db
        .select()
        .from(elders)
        .where(sql`${elders.idNumberHash} = ANY(${sql.param(hashes)}::text[])`);
    },
  };
}
