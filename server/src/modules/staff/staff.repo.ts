import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { staffCertificates } from './staff.table.ts';

export type CertificateRow = typeof staffCertificates.$inferSelect;

export function staffRepo(db: Executor) {
  return {
    async certificatesOf(userIds: string[], kind?: string): Promise<CertificateRow[]> {
      if (userIds.length === 0) return [];
      const conds = [inArray(staffCertificates.userId, userIds), isNull(staffCertificates.revokedAt)];
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
  };
}
