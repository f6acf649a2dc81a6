import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from './db.ts';
import { assignments } from './platform.table.ts';

/**
 * Writes of "assigned to me" (decision 010); `access.ts assignedTo()` and the registry's scope read them.
 * A module assigns in the transaction of the command that assigns (an order's dispatch, an incident's
 * dispatch) and releases in the one that ends the task (check-out, close, reassignment): the grant then
 * lasts exactly as long as the task, whatever the clock says in between.
 */
export interface Assignment {
  subjectType: string;
  subjectId: string;
  userId: string;
  /** The elder the subject concerns: readable by the assignee while the assignment is current. */
  elderId?: string | null;
  /** Default: now. */
  validFrom?: Date;
  /** Open-ended when absent (until released). */
  validTo?: Date | null;
}

export async function assign(db: Executor, a: Assignment): Promise<{ id: string }> {
  const [row] = await db
    .insert(assignments)
    .values({ ...a, validFrom: a.validFrom ?? sql`now()` })
    .returning({ id: assignments.id });
  return row!;
}

/** Ends the current assignments of a subject (of one user, or of everyone). Returns how many ended. */
export async function release(
  db: Executor,
  subject: { subjectType: string; subjectId: string; userId?: string },
): Promise<number> {
  const rows = await db
    .update(assignments)
    .set({ releasedAt: sql`now()` })
    .where(
      and(
        eq(assignments.subjectType, subject.subjectType),
        eq(assignments.subjectId, subject.subjectId),
        subject.userId ? eq(assignments.userId, subject.userId) : undefined,
        isNull(assignments.releasedAt),
      ),
    )
    .returning({ id: assignments.id });
  return rows.length;
}
