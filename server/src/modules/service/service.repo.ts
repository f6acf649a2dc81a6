import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { serviceItems } from './service.table.ts';

export type ServiceItemRow = typeof serviceItems.$inferSelect;

/** Rows valid on `onDate` ([validFrom, validTo], validTo null = open). */
export const itemValidOn = (onDate: string): SQL =>
  and(
    lte(serviceItems.validFrom, onDate),
    or(isNull(serviceItems.validTo), gte(serviceItems.validTo, onDate)),
  )!;

/** A district's items, optionally only those valid on a date and of a category, by category and code. */
async function listItems(
  db: Executor,
  f: { districtCode: string; onDate?: string; category?: string; code?: string },
) {
  const conds: SQL[] = [eq(serviceItems.districtCode, f.districtCode)];
  if (f.onDate) conds.push(itemValidOn(f.onDate));
  if (f.category) conds.push(eq(serviceItems.category, f.category));
  if (f.code) conds.push(eq(serviceItems.code, f.code));
  return db
    .select()
    .from(serviceItems)
    .where(and(...conds))
    .orderBy(
      sql`array_position(ARRAY['daily_living','basic_care','health_management','visiting_care','emotional_support','errands','home_adaptation'], ${serviceItems.category})`,
      asc(serviceItems.code),
      asc(serviceItems.validFrom),
    );
}

/** The catalogue's SQL (service_items). */
export function catalogueRepo(db: Executor) {
  return {
    async findById(id: string): Promise<ServiceItemRow | undefined> {
      const [r] = await db.select().from(serviceItems).where(eq(serviceItems.id, id)).limit(1);
      return r;
    },
    /** The version of `code` in the district valid on `onDate`. */
    async findByCodeOn(
      districtCode: string,
      code: string,
      onDate: string,
    ): Promise<ServiceItemRow | undefined> {
      const [r] = await db
        .select()
        .from(serviceItems)
        .where(
          and(eq(serviceItems.districtCode, districtCode), eq(serviceItems.code, code), itemValidOn(onDate)),
        )
        .limit(1);
      return r;
    },
    /** Every version of `code` in the district, oldest first. */
    async versionsOf(districtCode: string, code: string): Promise<ServiceItemRow[]> {
      return db
        .select()
        .from(serviceItems)
        .where(and(eq(serviceItems.districtCode, districtCode), eq(serviceItems.code, code)))
        .orderBy(asc(serviceItems.validFrom));
    },
    list: (f: Parameters<typeof listItems>[1]) => listItems(db, f),
    /** The districts that publish a catalogue. */
    async districts(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ code: serviceItems.districtCode })
        .from(serviceItems)
        .orderBy(asc(serviceItems.districtCode));
      return rows.map((r) => r.code);
    },
    /** Which of `codes` the district's catalogue has (any version). */
    async existingCodes(districtCode: string, codes: string[]): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ code: serviceItems.code })
        .from(serviceItems)
        .where(and(eq(serviceItems.districtCode, districtCode), inArray(serviceItems.code, codes)));
      return new Set(rows.map((r) => r.code));
    },
    async insert(values: typeof serviceItems.$inferInsert): Promise<ServiceItemRow> {
      const [r] = await db.insert(serviceItems).values(values).returning();
      return r!;
    },
    async insertMany(values: (typeof serviceItems.$inferInsert)[]): Promise<void> {
      if (values.length) await db.insert(serviceItems).values(values);
    },
    /** Updates a version if it is still at `version` (optimistic lock); undefined when it moved on. */
    async update(
      id: string,
      version: number,
      values: Partial<typeof serviceItems.$inferInsert>,
    ): Promise<ServiceItemRow | undefined> {
      const [r] = await db
        .update(serviceItems)
        .set({ ...values, updatedAt: new Date(), version: sql`${serviceItems.version} + 1` })
        .where(and(eq(serviceItems.id, id), eq(serviceItems.version, version)))
        .returning();
      return r;
    },
  };
}

/** The version valid on `onDate` of the item (same district and code) with this id, in one statement. */
export async function findItemVersionOn(
  db: Executor,
  id: string,
  onDate: string,
): Promise<ServiceItemRow | undefined> {
  const same = db
    .select({ districtCode: serviceItems.districtCode, code: serviceItems.code })
    .from(serviceItems)
    .where(eq(serviceItems.id, id));
  const [r] = await db
    .select()
    .from(serviceItems)
    .where(and(sql`(${serviceItems.districtCode}, ${serviceItems.code}) = (${same})`, itemValidOn(onDate)))
    .limit(1);
  return r;
}
