import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { regionChanges, regions } from './region.table.ts';

export type RegionRow = typeof regions.$inferSelect;

export function regionRepo(db: Executor) {
  return {
    async find(code: string): Promise<RegionRow | undefined> {
      const [r] = await db
        .select()
        .from(regions)
        .where(and(eq(regions.code, code), isNull(regions.retiredAt)))
        .limit(1);
      return r;
    },
    async findMany(codes: string[]): Promise<RegionRow[]> {
      if (codes.length === 0) return [];
      return db.select().from(regions).where(inArray(regions.code, codes));
    },
    /** Children of a node that lie inside `prefix` (the caller's scope), with whether each has children. */
    async children(parentCode: string, prefix: string) {
      const child = sql`EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = ${regions.code} AND c.retired_at IS NULL)`;
      return db
        .select({ region: regions, hasChildren: sql<boolean>`${child}` })
        .from(regions)
        .where(
          and(
            eq(regions.parentCode, parentCode),
            like(regions.code, `${prefix}%`),
            isNull(regions.retiredAt),
          ),
        )
        .orderBy(asc(regions.code));
    },
    async withChildFlag(code: string) {
      const child = sql`EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = ${regions.code} AND c.retired_at IS NULL)`;
      const [r] = await db
        .select({ region: regions, hasChildren: sql<boolean>`${child}` })
        .from(regions)
        .where(eq(regions.code, code));
      return r;
    },
    async countByKind(prefix: string): Promise<Record<string, number>> {
      const rows = await db
        .select({ kind: regions.kind, n: sql<number>`count(*)::int` })
        .from(regions)
        .where(and(like(regions.code, `${prefix}%`), isNull(regions.retiredAt)))
        .groupBy(regions.kind);
      return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    },
    async listUnder(prefix: string): Promise<RegionRow[]> {
      return db
        .select()
        .from(regions)
        .where(like(regions.code, `${prefix}%`));
    },
    async insertMany(rows: (typeof regions.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000) await db.insert(regions).values(rows.slice(i, i + 1000));
    },
    async update(code: string, values: Partial<typeof regions.$inferInsert>): Promise<void> {
      await db
        .update(regions)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(regions.code, code));
    },
    async recordChanges(rows: (typeof regionChanges.$inferInsert)[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000)
        await db.insert(regionChanges).values(rows.slice(i, i + 1000));
    },
    async changesOf(code: string) {
      return db
        .select()
        .from(regionChanges)
        .where(eq(regionChanges.code, code))
        .orderBy(asc(regionChanges.id));
    },
  };
}
