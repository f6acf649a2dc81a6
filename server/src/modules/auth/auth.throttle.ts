import ipaddr from 'ipaddr.js';
import type { Config } from '../../config.ts';
import type { Executor } from '../../platform/db.ts';
import { DomainError } from '../../platform/errors.ts';
import { authRepo } from './auth.repo.ts';

/**
 * Sign-in limits (PRODUCT.md §7; the numbers are in docs/architecture.md "Sign-in limits"), counted
 * in `login_limits` so that every instance sees the same counts:
 *
 * - a client address (IPv6 per /64): LOGIN_ADDRESS_MAX_FAILURES failed sign-ins, all accounts
 *   together, within LOGIN_ADDRESS_WINDOW_MINUTES lock the address — it stops one address trying
 *   one password on many accounts;
 * - an account: LOGIN_MAX_FAILURES failed sign-ins, from any address, within LOGIN_LOCK_MINUTES
 *   lock the account, even against the right password — it stops guessing one password from one
 *   address or from many.
 *
 * A lock lasts as long as the window, and twice as long as the one before it when it follows
 * another (at most LOGIN_LOCK_MAX_MINUTES). Successful sign-ins never count, so a whole street
 * office behind one NAT address signs in on a Monday morning; success clears its account's count.
 *
 * An attempt is counted before its password is checked and given back when it succeeds, so
 * parallel guesses cannot all pass a check that none of them has failed yet. A refused attempt
 * counts nowhere: it checked no password.
 */
interface Limit {
  key: string;
  max: number;
  minutes: number;
  /** The problem code when this limit refuses a sign-in. */
  code: 'auth.address_locked' | 'auth.locked';
}

/** The limits an attempt was counted against; hand it back to `failed` or `succeeded`. */
export interface LoginAttempt {
  readonly limits: readonly Limit[];
}

export interface LoginLock {
  code: Limit['code'];
  seconds: number;
}

/**
 * One key per client: IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its /64, the network one
 * subscriber gets, so that walking through the addresses of one's own network gains nothing.
 */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const a = ipaddr.process(ip);
  if (a.kind() === 'ipv4') return a.toString();
  const parts = (a as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

/** 429 with the wait in minutes (never 0) and in seconds (`Retry-After`, meta.retryAfter). */
export function lockedError(lock: LoginLock): DomainError {
  return new DomainError(lock.code, {
    status: 429,
    params: { minutes: Math.max(1, Math.ceil(lock.seconds / 60)) },
    meta: { retryAfter: lock.seconds },
  });
}

export class LoginThrottle {
  constructor(
    private readonly db: Executor,
    private readonly config: Config,
  ) {}

  private limits(username: string, ip: string): Limit[] {
    const c = this.config;
    return [
      {
        key: `address:${addressKey(ip)}`,
        max: c.LOGIN_ADDRESS_MAX_FAILURES,
        minutes: c.LOGIN_ADDRESS_WINDOW_MINUTES,
        code: 'auth.address_locked',
      },
      {
        key: `account:${username}`,
        max: c.LOGIN_MAX_FAILURES,
        minutes: c.LOGIN_LOCK_MINUTES,
        code: 'auth.locked',
      },
    ];
  }

  /** Counts an attempt before its password is checked; a 429 problem when a limit refuses it. */
  async begin(username: string, ip: string): Promise<LoginAttempt> {
    const repo = authRepo(this.db);
    const limits = this.limits(username, ip);
    const counted: Limit[] = [];
    for (const limit of limits) {
      const r = await repo.reserveLoginAttempt(limit.key, limit.minutes);
      // Over the budget but not locked yet: the attempts that used it up are still being checked.
      const seconds = r.lockedSeconds > 0 ? r.lockedSeconds : r.failures > limit.max ? 60 : 0;
      if (seconds === 0) {
        counted.push(limit);
        continue;
      }
      if (r.lockedSeconds <= 0) counted.push(limit);
      for (const c of counted) await repo.releaseLoginAttempt(c.key);
      throw lockedError({ code: limit.code, seconds });
    }
    return { limits };
  }

  /** The password was wrong: the attempt stays counted. Returns the longest lock it completed. */
  async failed(attempt: LoginAttempt): Promise<LoginLock | null> {
    const repo = authRepo(this.db);
    let lock: LoginLock | null = null;
    for (const l of attempt.limits) {
      const seconds = await repo.lockLoginKeyIfExhausted(
        l.key,
        l.max,
        l.minutes,
        this.config.LOGIN_LOCK_MAX_MINUTES,
      );
      if (seconds !== null && seconds > (lock?.seconds ?? 0)) lock = { code: l.code, seconds };
    }
    return lock;
  }

  /** Signed in: the account starts afresh; the address keeps its failures, not this attempt. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    const repo = authRepo(this.db);
    for (const l of attempt.limits)
      await (l.code === 'auth.locked' ? repo.clearLoginKey(l.key) : repo.releaseLoginAttempt(l.key));
  }
}
