import type { AuthContext } from './access.ts';

interface Entry {
  ctx: AuthContext;
  /** When this entry must be looked up again (ms). */
  staleAt: number;
  /** The session's or token's own expiry (ms), still enforced on a cached hit. */
  expiresAt: number;
}

/**
 * A short-lived per-instance cache of resolved sessions and API tokens (by token hash), so a request
 * does not pay four lookups for the same caller every time. Revocation on this instance (logout, a
 * user's sessions revoked, a token revoked, a user changed) clears entries at once; on other instances
 * it takes effect within `ttlMs`. A lookup that started before an invalidation never fills the cache
 * (the epoch check), so a revocation cannot be overwritten by a stale answer.
 */
export class AuthCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** Call before the database lookup; pass the result to `set`. */
  begin(): number {
    return this.epoch;
  }

  get(key: string, now = Date.now()): AuthContext | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.staleAt <= now || e.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.ctx;
  }

  set(key: string, ctx: AuthContext, expiresAt: number, epoch: number, now = Date.now()): void {
    if (this.ttlMs <= 0 || epoch !== this.epoch) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { ctx, staleAt: now + this.ttlMs, expiresAt });
  }

  forget(key: string): void {
    this.epoch++;
    this.entries.delete(key);
  }

  /** Every cached session and token of a user (revocation, disabling, new roles or scope). */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const [k, e] of this.entries) if (e.ctx.userId === userId) this.entries.delete(k);
  }
}
