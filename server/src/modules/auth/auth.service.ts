import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Config } from '../../config.ts';
import { accountScope, bindingOf, type AuthContext, type ElderRelation } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { AuthCache } from '../../platform/authCache.ts';
import { authRepo } from './auth.repo.ts';
import { LoginThrottle, lockedError } from './auth.throttle.ts';
import {
  findUser,
  findUserByUsername,
  permissionsOfRoles,
  recordSignIn,
  rolesOfUser,
  type UserRow,
} from '../user/index.ts';

export const SESSION_COOKIE = 'yy_session';
const TOKEN_PREFIX = 'yy_';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

// The library's default algorithm is argon2id (19 MiB, t=2: the OWASP baseline).
export const hashPassword = (password: string) => argonHash(password);

// Verified against when the username is unknown, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

export interface SessionIssued {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
}

/** An account's relationships to elders (decision 010), provided by the elder module. */
export type RelationsOf = (userId: string) => Promise<ElderRelation[]>;

export class AuthService {
  private readonly cache: AuthCache;
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly deps: TransactDeps & {
      db: Db;
      config: Config;
      authCache?: AuthCache;
      relations?: RelationsOf;
    },
  ) {
    this.cache = deps.authCache ?? new AuthCache(0);
    this.throttle = new LoginThrottle(deps.db, deps.config);
  }

  /**
   * Checks a username and password like a login (sign-in limits, failure audit) without creating a
   * session: the login itself and a partner's co-signature on a shared tablet (decision 006).
   */
  async verifyCredentials(
    username: string,
    password: string,
    meta: { ip: string; requestId: string },
  ): Promise<UserRow> {
    const { db } = this.deps;
    const attempt = await this.throttle.begin(username, meta.ip);
    const user = await findUserByUsername(db, username);
    dummyHash ??= hashPassword(randomToken());
    const ok = await argonVerify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok || user.isServiceAccount) {
      const lock = await this.throttle.failed(attempt);
      const actor: Actor = {
        userId: user?.id ?? null,
        name: username,
        ip: meta.ip,
        requestId: meta.requestId,
      };
      await transact(this.deps, actor, async (_tx, uow) => {
        uow.audit({
          // audit actions: auth.login_failed, auth.locked, auth.address_locked (the throttle's lock codes)
          action: lock?.code ?? 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          regionCode: user?.regionCode ?? null,
          summary: !lock
            ? `账号 ${username} 登录失败`
            : lock.code === 'auth.locked'
              ? `账号 ${username} 因多次登录失败被锁定`
              : `地址 ${meta.ip} 因多次登录失败被暂停登录`,
        });
      });
      if (lock) throw lockedError(lock);
      throw new DomainError('auth.invalid_credentials', { status: 401 });
    }
    await this.throttle.succeeded(attempt);
    if (user.status !== 'active') throw new DomainError('auth.disabled', { status: 403 });
    return user;
  }

  async login(
    username: string,
    password: string,
    meta: { ip: string; userAgent?: string | undefined; requestId: string },
  ): Promise<SessionIssued> {
    const { config } = this.deps;
    const user = await this.verifyCredentials(username, password, meta);
    const actor: Actor = { userId: user.id, name: username, ip: meta.ip, requestId: meta.requestId };
    const token = randomToken();
    const csrfToken = randomToken();
    const now = Date.now();
    const expiresAt = new Date(now + config.SESSION_TTL_HOURS * 3_600_000);
    await transact(this.deps, actor, async (tx, uow) => {
      await authRepo(tx).insertSession({
        tokenHash: sha256(token),
        userId: user.id,
        csrfToken,
        expiresAt,
        absoluteExpiresAt: new Date(now + config.SESSION_MAX_HOURS * 3_600_000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await recordSignIn(tx, user.id, new Date());
      uow.audit({
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.regionCode,
        organisationId: user.organisationId,
        summary: `${user.displayName} 登录`,
      });
    });
    return { token, csrfToken, expiresAt, user };
  }

  async logout(auth: AuthContext, actor: Actor): Promise<void> {
    if (!auth.sessionTokenHash) return;
    await transact(this.deps, actor, async (tx, uow) => {
      await authRepo(tx).revokeSession(auth.sessionTokenHash!);
      uow.audit({
        action: 'auth.logout',
        entityType: 'user',
        entityId: auth.userId,
        summary: `${auth.displayName} 退出登录`,
      });
    });
    this.cache.forget(`s:${auth.sessionTokenHash}`);
  }

  /** Resolves a cookie session or a bearer token to an AuthContext; null when absent, invalid or expired. */
  async resolve(cookieToken: string | undefined, bearer: string | undefined): Promise<AuthContext | null> {
    if (bearer) return this.resolveBearer(bearer);
    if (cookieToken) return this.resolveSession(cookieToken);
    return null;
  }

  private async resolveSession(token: string): Promise<AuthContext | null> {
    const { db, config } = this.deps;
    const tokenHash = sha256(token);
    const key = `s:${tokenHash}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const epoch = this.cache.begin();
    const s = await authRepo(db).findSession(tokenHash);
    const now = Date.now();
    if (!s || s.revokedAt || s.expiresAt.getTime() <= now || s.absoluteExpiresAt.getTime() <= now)
      return null;
    const ctx = await this.contextFor(s.userId, 'session');
    if (!ctx) return null;
    // Sliding expiry, written at most once a minute.
    let expiresAt = s.expiresAt;
    if (now - s.lastSeenAt.getTime() > 60_000) {
      expiresAt = new Date(now + config.SESSION_TTL_HOURS * 3_600_000);
      await authRepo(db).touchSession(tokenHash, expiresAt);
    }
    const out = { ...ctx, sessionTokenHash: tokenHash, csrfToken: s.csrfToken };
    this.cache.set(key, out, Math.min(expiresAt.getTime(), s.absoluteExpiresAt.getTime()), epoch);
    return out;
  }

  private async resolveBearer(token: string): Promise<AuthContext | null> {
    if (!token.startsWith(TOKEN_PREFIX)) throw new DomainError('auth.token_invalid', { status: 401 });
    const { db } = this.deps;
    const tokenHash = sha256(token);
    const key = `t:${tokenHash}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const epoch = this.cache.begin();
    const t = await authRepo(db).findToken(tokenHash);
    if (!t || t.revokedAt || (t.expiresAt && t.expiresAt.getTime() <= Date.now())) {
      throw new DomainError('auth.token_invalid', { status: 401 });
    }
    const ctx = await this.contextFor(t.userId, 'token');
    if (!ctx) throw new DomainError('auth.token_invalid', { status: 401 });
    if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > 60_000) await authRepo(db).touchToken(t.id);
    this.cache.set(key, ctx, t.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY, epoch);
    return ctx;
  }

  async contextFor(userId: string, via: 'session' | 'token'): Promise<AuthContext | null> {
    const db = this.deps.db;
    const user = await findUser(db, userId);
    if (!user || user.status !== 'active') return null;
    const roles = await rolesOfUser(db, user.id);
    const permissions = await permissionsOfRoles(db, roles);
    const relations = (await this.deps.relations?.(user.id)) ?? [];
    const account = {
      userId: user.id,
      roles,
      regionCode: user.regionCode,
      organisationId: user.organisationId,
    };
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      permissions,
      ...bindingOf(account),
      relations,
      scope: accountScope(account, relations),
      via,
    };
  }

  async revokeUserSessions(userId: string): Promise<number> {
    const n = await authRepo(this.deps.db).revokeUserSessions(userId);
    this.cache.forgetUser(userId);
    return n;
  }
}
