import { and, asc, eq, gte, inArray, isNull, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { staffBases, staffCertificates, staffLeaves, staffShifts, staffTrainings } from './staff.table.ts';

export type CertificateRow = typeof staffCertificates.$inferSelect;
export type TrainingRow = typeof staffTrainings.$inferSelect;
export type ShiftRow = typeof staffShifts.$inferSelect;
export type LeaveRow = typeof staffLeaves.$inferSelect;
export type BaseRow = typeof staffBases.$inferSelect;

/**
 * `user_id = ANY($1::uuid[])`: one array parameter. Dispatch asks about a provider's every caregiver
 * (hundreds of ids); drizzle builds `IN ($1, …, $500)` one parameter at a time (≈ 3 ms of CPU per query).
 */
const ofUsers = (column: AnyColumn, userIds: string[]): SQL =>
  sql`${column} = ANY(${sql.param(userIds)}::uuid[])`;

export function staffRepo(db: Executor) {
  return {
    async certificatesOf(userIds: string[], kind?: string): Promise<CertificateRow[]> {
      if (userIds.length === 0) return [];
      const conds = [ofUsers(staffCertificates.userId, userIds), isNull(staffCertificates.revokedAt)];
      if (kind) conds.push(eq(staffCertificates.kind, kind));
      return db
        .select()
        .from(staffCertificates)
        .where(and(...conds))
        .orderBy(asc(staffCertificates.issuedOn), asc(staffCertificates.id));
    },
    async findMany(ids: string[]): Promise<CertificateRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(staffCertificates).where(inArray(staffCertificates.id, ids));
    },
    async insert(values: typeof staffCertificates.$inferInsert): Promise<CertificateRow> {
      const [r] = await db.insert(staffCertificates).values(values).returning();
      return r!;
    },
    /** Certificates are kept for the assessments that cite them: removal marks them revoked. */
    async revoke(userId: string, id: string, at: Date): Promise<CertificateRow | undefined> {
      const [r] = await db
        .update(staffCertificates)
        .set({ revokedAt: at })
        .where(
          and(
            eq(staffCertificates.id, id),
            eq(staffCertificates.userId, userId),
            isNull(staffCertificates.revokedAt),
          ),
        )
        .returning();
      return r;
    },
    ...availabilityRepo(db),
  };
}

/** Training records, shifts, leave and work bases. */
function availabilityRepo(db: Executor) {
  return {
    async trainingsOf(userIds: string[]): Promise<TrainingRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(staffTrainings)
        .where(ofUsers(staffTrainings.userId, userIds))
        .orderBy(asc(staffTrainings.startedOn), asc(staffTrainings.id));
    },
    async insertTraining(values: typeof staffTrainings.$inferInsert): Promise<TrainingRow> {
      const [r] = await db.insert(staffTrainings).values(values).returning();
      return r!;
    },
    async deleteTraining(userId: string, id: string): Promise<TrainingRow | undefined> {
      const [r] = await db
        .delete(staffTrainings)
        .where(and(eq(staffTrainings.id, id), eq(staffTrainings.userId, userId)))
        .returning();
      return r;
    },
    async shiftsOf(userIds: string[]): Promise<ShiftRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(staffShifts)
        .where(ofUsers(staffShifts.userId, userIds))
        .orderBy(asc(staffShifts.weekday), asc(staffShifts.startTime));
    },
    async insertShift(values: typeof staffShifts.$inferInsert): Promise<ShiftRow> {
      const [r] = await db.insert(staffShifts).values(values).returning();
      return r!;
    },
    async deleteShift(userId: string, id: string): Promise<ShiftRow | undefined> {
      const [r] = await db
        .delete(staffShifts)
        .where(and(eq(staffShifts.id, id), eq(staffShifts.userId, userId)))
        .returning();
      return r;
    },
    /** Leave of these users that touches the dates [from, to]. */
    async leavesOf(userIds: string[], from: string, to = '9999-12-31'): Promise<LeaveRow[]> {
      if (userIds.length === 0) return [];
      return db
        .select()
        .from(staffLeaves)
        .where(
          and(
            ofUsers(staffLeaves.userId, userIds),
            gte(staffLeaves.toDate, from),
            lte(staffLeaves.fromDate, to),
          ),
        )
        .orderBy(asc(staffLeaves.fromDate), asc(staffLeaves.id));
    },
    async insertLeave(values: typeof staffLeaves.$inferInsert): Promise<LeaveRow> {
      const [r] = await db.insert(staffLeaves).values(values).returning();
      return r!;
    },
    async deleteLeave(userId: string, id: string): Promise<LeaveRow | undefined> {
      const [r] = await db
        .delete(staffLeaves)
        .where(and(eq(staffLeaves.id, id), eq(staffLeaves.userId, userId)))
        .returning();
      return r;
    },
    async basesOf(userIds: string[]): Promise<BaseRow[]> {
      if (userIds.length === 0) return [];
      return db.select().from(staffBases).where(ofUsers(staffBases.userId, userIds));
    },
    async setBase(userId: string, lat: number, lng: number, at: Date): Promise<BaseRow> {
      const [r] = await db
        .insert(staffBases)
        .values({ userId, lat, lng, updatedAt: at })
        .onConflictDoUpdate({ target: staffBases.userId, set: { lat, lng, updatedAt: at } })
        .returning();
      return r!;
    },
  };
}
