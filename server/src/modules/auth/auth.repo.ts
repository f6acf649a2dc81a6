import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { apiTokens, loginThrottle, sessions } from './auth.table.ts';

export function authRepo(db: Executor) {
  return {
    async insertSession(values: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(values);
    },
    async findSession(tokenHash: string) {
      const [s] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
      return s;
    },
    async touchSession(tokenHash: string, expiresAt: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: new Date(), expiresAt })
        .where(eq(sessions.tokenHash, tokenHash));
    },
    async revokeSession(tokenHash: string): Promise<void> {
      await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
    },
    async revokeUserSessions(userId: string): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ h: sessions.tokenHash });
      return rows.length;
    },
    async deleteExpiredSessions(): Promise<void> {
      await db.delete(sessions).where(sql`${sessions.absoluteExpiresAt} < now() - interval '1 day'`);
    },
    async findToken(tokenHash: string) {
      const [t] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
      return t;
    },
    async touchToken(id: string): Promise<void> {
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
    },
    async insertToken(values: typeof apiTokens.$inferInsert) {
      const [t] = await db.insert(apiTokens).values(values).returning();
      return t!;
    },
    async listTokens(userId: string) {
      return db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
    },
    async revokeToken(id: string): Promise<void> {
      await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    },
    async throttleOf(username: string) {
      const [t] = await db.select().from(loginThrottle).where(eq(loginThrottle.username, username)).limit(1);
      return t;
    },
    /** Counts a failure in a window; locks when the window holds `max` failures. Atomic upsert. */
    async recordFailure(username: string, max: number, windowMinutes: number) {
      const [t] = await db
        .insert(loginThrottle)
        .values({ username, failures: 1, windowStart: new Date() })
        .onConflictDoUpdate({
          target: loginThrottle.username,
          set: {
            failures: sql`CASE WHEN ${loginThrottle.windowStart} < now() - make_interval(mins => ${windowMinutes}) THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
            windowStart: sql`CASE WHEN ${loginThrottle.windowStart} < now() - make_interval(mins => ${windowMinutes}) THEN now() ELSE ${loginThrottle.windowStart} END`,
          },
        })
        .returning();
      if (t && t.failures >= max) {
        await db
          .update(loginThrottle)
          .set({
            lockedUntil: sql`now() + make_interval(mins => ${windowMinutes})`,
            failures: 0,
            windowStart: new Date(),
          })
          .where(eq(loginThrottle.username, username));
        return true;
      }
      return false;
    },
    async clearFailures(username: string): Promise<void> {
      await db.delete(loginThrottle).where(eq(loginThrottle.username, username));
    },
  };
}
