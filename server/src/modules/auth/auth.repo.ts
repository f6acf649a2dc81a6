import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { apiTokens, loginLimits, sessions } from './auth.table.ts';

/** Sessions, API tokens and login limits: one object of the three parts below. */
export function authRepo(db: Executor) {
  return { ...sessionRepo(db), ...tokenRepo(db), ...loginLimitRepo(db) };
}

function sessionRepo(db: Executor) {
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
  };
}

function tokenRepo(db: Executor) {
  return {
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
  };
}

function loginLimitRepo(db: Executor) {
  return {
    /**
     * Counts an attempt against a login limit before its password is checked (so parallel guesses
     * cannot all pass a check that none has failed yet): a locked key is left alone; a window older
     * than `windowMinutes` starts again at 1. Atomic upsert; the clock is the database's.
     */
    async reserveLoginAttempt(key: string, windowMinutes: number) {
      const expired = sql`${loginLimits.windowStart} <= now() - ${windowMinutes} * interval '1 minute'`;
      const locked = sql`${loginLimits.lockedUntil} > now()`;
      const [row] = await db
        .insert(loginLimits)
        .values({ key, failures: 1 })
        .onConflictDoUpdate({
          target: loginLimits.key,
          set: {
            failures: sql`CASE WHEN ${locked} THEN ${loginLimits.failures} WHEN ${expired} THEN 1 ELSE ${loginLimits.failures} + 1 END`,
            windowStart: sql`CASE WHEN ${locked} THEN ${loginLimits.windowStart} WHEN ${expired} THEN now() ELSE ${loginLimits.windowStart} END`,
          },
        })
        .returning({
          failures: loginLimits.failures,
          lockedSeconds: sql<number>`coalesce(ceil(extract(epoch from ${loginLimits.lockedUntil} - now())), 0)::int`,
        });
      return row!;
    },
    /** Gives back an attempt counted by `reserveLoginAttempt` (it was refused elsewhere, or succeeded). */
    async releaseLoginAttempt(key: string): Promise<void> {
      await db
        .update(loginLimits)
        .set({ failures: sql`greatest(${loginLimits.failures} - 1, 0)` })
        .where(
          and(
            eq(loginLimits.key, key),
            sql`(${loginLimits.lockedUntil} IS NULL OR ${loginLimits.lockedUntil} <= now())`,
          ),
        );
    },
    /**
     * Locks a key whose window holds `max` failures: for `minutes`, doubled for each lock before it
     * (at most `maxMinutes`; a key unlocked for `maxMinutes` starts again). Returns the lock's length
     * in seconds, or null when the key is not exhausted (or already locked by a parallel failure).
     */
    async lockLoginKeyIfExhausted(key: string, max: number, minutes: number, maxMinutes: number) {
      const fresh = sql`${loginLimits.lockedUntil} IS NULL OR ${loginLimits.lockedUntil} < now() - ${maxMinutes} * interval '1 minute'`;
      const earlier = sql`CASE WHEN ${fresh} THEN 0 ELSE least(${loginLimits.locks}, 30) END`;
      const [row] = await db
        .update(loginLimits)
        .set({
          lockedUntil: sql`now() + least(${maxMinutes}, ${minutes} * power(2, ${earlier})) * interval '1 minute'`,
          locks: sql`${earlier} + 1`,
          failures: 0,
          windowStart: sql`now()`,
        })
        .where(
          and(
            eq(loginLimits.key, key),
            sql`${loginLimits.failures} >= ${max}`,
            sql`(${loginLimits.lockedUntil} IS NULL OR ${loginLimits.lockedUntil} <= now())`,
          ),
        )
        .returning({
          seconds: sql<number>`ceil(extract(epoch from ${loginLimits.lockedUntil} - now()))::int`,
        });
      return row ? row.seconds : null;
    },
    async clearLoginKey(key: string): Promise<void> {
      await db.delete(loginLimits).where(eq(loginLimits.key, key));
    },
  };
}
