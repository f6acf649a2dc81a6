import {
  isPersonalAccount,
  PERSONAL_ROLES,
  type Locale,
  type Permission,
  type RoleCode,
} from '@yiyang/contracts';
import type { Config } from '../../config.ts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, DomainError, invalidField, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/masking.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { userRepo, type UserRow } from './user.repo.ts';
import type { UserCreate, UserUpdate, UserView } from './user.schema.ts';
import type { UserPreferences } from './user.table.ts';
import {
  hashPassword,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  revokeUserSessions,
} from '../auth/index.ts';
import type { AuthCache } from '../../platform/authCache.ts';
import { findOrganisation, findOrganisationInScope } from '../organisation/index.ts';
import { findRegion } from '../region/index.ts';

const PHONE_DOMAIN = 'user.phone';

export class UserService {
  constructor(
    private readonly deps: TransactDeps & {
      db: Db;
      cipher: FieldCipher;
      config: Config;
      authCache?: AuthCache;
    },
  ) {}

  /** After a commit that changes who a user is or may be: this instance forgets their cached sessions. */
  private forgetSessions(userId: string): void {
    this.deps.authCache?.forgetUser(userId);
  }

  private view(
    u: UserRow,
    roles: RoleCode[],
    regionName: string | null,
    organisationName: string | null,
  ): UserView {
    const phone = u.phoneEnc ? this.deps.cipher.decrypt(u.phoneEnc) : null;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phoneMasked: phone ? maskPhone(phone) : null,
      roles,
      regionCode: u.regionCode,
      regionName,
      organisationId: u.organisationId,
      organisationName,
      status: u.status as UserView['status'],
      isServiceAccount: u.isServiceAccount,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    };
  }

  async list(
    auth: AuthContext,
    q: { regionCode?: string; organisationId?: string; q?: string; limit: number; cursor?: string },
  ) {
    const repo = userRepo(this.deps.db);
    const rows = await repo.list(auth.scope, { ...q, after: decodeCursor(q.cursor) });
    const p = page(rows, q.limit, (r) => ({ createdAt: r.user.createdAt, id: r.user.id }));
    const roles = await repo.rolesOfMany(p.items.map((r) => r.user.id));
    return {
      items: p.items.map((r) =>
        this.view(r.user, roles.get(r.user.id) ?? [], r.regionName, r.organisationName),
      ),
      nextCursor: p.nextCursor,
    };
  }

  async get(auth: AuthContext, id: string): Promise<UserView> {
    const u = await userRepo(this.deps.db).findInScope(auth.scope, id);
    if (!u) throw notFound('user.not_found');
    return this.viewOf(u);
  }

  private async viewOf(u: UserRow): Promise<UserView> {
    const db = this.deps.db;
    const [roles, region, org] = await Promise.all([
      userRepo(db).rolesOf(u.id),
      u.regionCode ? findRegion(db, u.regionCode) : undefined,
      u.organisationId ? findOrganisation(db, u.organisationId) : undefined,
    ]);
    return this.view(u, roles, region?.name ?? null, org?.name ?? null);
  }

  /** Checks the binding exists, lies inside the caller's scope, and the roles grant nothing the caller lacks. */
  private async checkBindingAndRoles(
    auth: AuthContext,
    b: { regionCode: string | null; organisationId: string | null; roles?: RoleCode[] },
  ): Promise<void> {
    const db = this.deps.db;
    if (!b.regionCode && !b.organisationId) {
      throw new DomainError('user.binding_required', {
        status: 422,
        errors: [{ pointer: '/body/regionCode', code: 'user.binding_required' }],
      });
    }
    if (b.regionCode) {
      if (!(await findRegion(db, b.regionCode)))
        throw invalidField('/body/regionCode', 'region.unknown', { code: b.regionCode });
      assertCovers(auth, { regionCode: b.regionCode }, '/body/regionCode');
    }
    if (b.organisationId) {
      const org = await findOrganisationInScope(db, auth.scope, b.organisationId);
      if (!org) throw invalidField('/body/organisationId', 'organisation.not_found');
    }
    if (b.roles) {
      // A personal account sees through its relationships, a staff account through its binding: never both.
      if (b.roles.some((r) => PERSONAL_ROLES.includes(r)) && !isPersonalAccount(b.roles))
        throw invalidField('/body/roles', 'user.roles_mixed');
      const granted = await userRepo(db).permissionsOfRoles(b.roles);
      const missing = [...granted].filter((p: Permission) => !auth.permissions.has(p));
      if (missing.length)
        throw invalidField('/body/roles', 'user.role_not_grantable', { missing: missing.join(', ') });
    }
  }

  async create(auth: AuthContext, actor: Actor, input: UserCreate): Promise<UserView> {
    const regionCode = input.regionCode ?? null;
    const organisationId = input.organisationId ?? null;
    await this.checkBindingAndRoles(auth, { regionCode, organisationId, roles: input.roles });
    const { cipher } = this.deps;
    const passwordHash = await hashPassword(input.password);
    const created = await transact(this.deps, actor, async (tx, uow) => {
      const repo = userRepo(tx);
      if (await repo.findByUsername(input.username))
        throw conflict('user.duplicate_username', {}, '/body/username');
      const u = await repo.insert(
        {
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          phoneEnc: input.phone ? cipher.encrypt(input.phone) : null,
          phoneHash: input.phone ? cipher.blindIndex(input.phone, PHONE_DOMAIN) : null,
          regionCode,
          organisationId,
          isServiceAccount: input.isServiceAccount ?? false,
        },
        input.roles,
      );
      uow.audit({
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        regionCode,
        organisationId,
        summary: `创建用户 ${u.username}`,
        detail: { roles: input.roles, regionCode, organisationId },
      });
      uow.emit('user.created', { id: u.id }, { regionCode, organisationId });
      return u;
    });
    return this.viewOf(created);
  }

  async update(auth: AuthContext, actor: Actor, id: string, input: UserUpdate): Promise<UserView> {
    const db = this.deps.db;
    const current = await userRepo(db).findInScope(auth.scope, id);
    if (!current) throw notFound('user.not_found');
    if (input.status === 'disabled' && id === auth.userId)
      throw invalidField('/body/status', 'user.cannot_disable_self');
    const regionCode = input.regionCode === undefined ? current.regionCode : input.regionCode;
    const organisationId = input.organisationId === undefined ? current.organisationId : input.organisationId;
    await this.checkBindingAndRoles(auth, {
      regionCode,
      organisationId,
      ...(input.roles ? { roles: input.roles } : {}),
    });
    const { cipher } = this.deps;
    const updated = await transact(this.deps, actor, async (tx, uow) => {
      const repo = userRepo(tx);
      const before = { ...current, roles: await repo.rolesOf(id) };
      const u = await repo.update(id, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.phone !== undefined
          ? {
              phoneEnc: input.phone ? cipher.encrypt(input.phone) : null,
              phoneHash: input.phone ? cipher.blindIndex(input.phone, PHONE_DOMAIN) : null,
            }
          : {}),
        regionCode,
        organisationId,
        ...(input.status ? { status: input.status } : {}),
      });
      if (input.roles) await repo.setRoles(id, input.roles);
      // Disabling, re-scoping or changing roles ends open sessions at once.
      if (
        input.status === 'disabled' ||
        input.roles ||
        regionCode !== current.regionCode ||
        organisationId !== current.organisationId
      )
        await revokeUserSessions(tx, id);
      uow.audit({
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        regionCode,
        organisationId,
        summary: `修改用户 ${u.username}`,
        detail: {
          before: {
            displayName: before.displayName,
            roles: before.roles,
            regionCode: before.regionCode,
            organisationId: before.organisationId,
            status: before.status,
          },
          after: { ...input, phone: input.phone === undefined ? undefined : '(changed)' },
        },
      });
      uow.emit('user.updated', { id }, { regionCode, organisationId });
      return u;
    });
    this.forgetSessions(id);
    return this.viewOf(updated);
  }

  async setPassword(auth: AuthContext, actor: Actor, id: string, password: string): Promise<void> {
    const u = await userRepo(this.deps.db).findInScope(auth.scope, id);
    if (!u) throw notFound('user.not_found');
    const passwordHash = await hashPassword(password);
    await transact(this.deps, actor, async (tx, uow) => {
      await userRepo(tx).update(id, { passwordHash });
      await revokeUserSessions(tx, id);
      uow.audit({
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        regionCode: u.regionCode,
        organisationId: u.organisationId,
        summary: `重置用户 ${u.username} 的密码`,
      });
    });
    this.forgetSessions(id);
  }

  async revokeSessions(auth: AuthContext, actor: Actor, id: string): Promise<{ revoked: number }> {
    const u = await userRepo(this.deps.db).findInScope(auth.scope, id);
    if (!u) throw notFound('user.not_found');
    const out = await transact(this.deps, actor, async (tx, uow) => {
      const revoked = await revokeUserSessions(tx, id);
      uow.audit({
        action: 'user.revoke_sessions',
        entityType: 'user',
        entityId: id,
        regionCode: u.regionCode,
        organisationId: u.organisationId,
        summary: `注销用户 ${u.username} 的全部会话`,
        detail: { revoked },
      });
      return { revoked };
    });
    this.forgetSessions(id);
    return out;
  }

  async roles(locale: Locale) {
    const rows = await userRepo(this.deps.db).listRoles();
    return rows.map((r) => ({
      code: r.code,
      name: locale === 'en-US' ? r.nameEn : r.nameZh,
      permissions: r.permissions,
    }));
  }

  /** The signed-in user's own profile (GET /me). */
  async profile(auth: AuthContext) {
    const db = this.deps.db;
    const u = await userRepo(db).findById(auth.userId);
    if (!u) throw notFound('user.not_found');
    const [region, org] = await Promise.all([
      auth.regionCode ? findRegion(db, auth.regionCode) : undefined,
      auth.organisationId ? findOrganisation(db, auth.organisationId) : undefined,
    ]);
    return {
      id: auth.userId,
      username: auth.username,
      displayName: auth.displayName,
      roles: auth.roles,
      permissions: [...auth.permissions].sort(),
      regionCode: auth.regionCode,
      regionName: region?.name ?? null,
      organisationId: auth.organisationId,
      organisationName: org?.name ?? null,
      preferences: u.preferences,
    };
  }

  async setPreferences(auth: AuthContext, prefs: Partial<UserPreferences>): Promise<UserPreferences> {
    const u = await userRepo(this.deps.db).findById(auth.userId);
    if (!u) throw notFound('user.not_found');
    const next = { ...u.preferences, ...prefs };
    await userRepo(this.deps.db).setPreferences(auth.userId, next);
    return next;
  }

  async createApiToken(
    auth: AuthContext,
    actor: Actor,
    userId: string,
    name: string,
    expiresAt: Date | null,
  ) {
    const u = await userRepo(this.deps.db).findInScope(auth.scope, userId);
    if (!u) throw notFound('user.not_found');
    return transact(this.deps, actor, async (tx, uow) => {
      const { randomBytes, createHash } = await import('node:crypto');
      const token = `yy_${randomBytes(32).toString('base64url')}`;
      const row = await insertApiToken(tx, {
        userId,
        name,
        tokenHash: createHash('sha256').update(token).digest('hex'),
        prefix: token.slice(0, 10),
        createdBy: auth.userId,
        expiresAt,
      });
      uow.audit({
        action: 'api_token.create',
        entityType: 'user',
        entityId: userId,
        regionCode: u.regionCode,
        organisationId: u.organisationId,
        summary: `为 ${u.username} 创建访问令牌 ${name}`,
      });
      return { token, row };
    });
  }

  async listApiTokens(auth: AuthContext, userId: string) {
    const u = await userRepo(this.deps.db).findInScope(auth.scope, userId);
    if (!u) throw notFound('user.not_found');
    return listApiTokens(this.deps.db, userId);
  }

  async revokeApiToken(auth: AuthContext, actor: Actor, userId: string, tokenId: string): Promise<void> {
    const u = await userRepo(this.deps.db).findInScope(auth.scope, userId);
    if (!u) throw notFound('user.not_found');
    const tokens = await listApiTokens(this.deps.db, userId);
    if (!tokens.some((t) => t.id === tokenId)) throw notFound();
    await transact(this.deps, actor, async (tx, uow) => {
      await revokeApiToken(tx, tokenId);
      uow.audit({
        action: 'api_token.revoke',
        entityType: 'user',
        entityId: userId,
        regionCode: u.regionCode,
        organisationId: u.organisationId,
        summary: `撤销 ${u.username} 的访问令牌`,
      });
    });
    this.forgetSessions(userId);
  }
}
