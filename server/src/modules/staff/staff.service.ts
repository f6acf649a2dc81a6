import type { CertificateKind, StaffCertificate } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { todayIso } from '../../platform/dates.ts';
import { staffRepo, type CertificateRow } from './staff.repo.ts';
import { certificateValidOn } from './staff.rules.ts';
import type { CertificateCreate } from './staff.schema.ts';
import { findUserInScope, type UserRow } from '../user/index.ts';

/**
 * Staff qualifications (decision 006; reused by the providers/staff module).
 * A certificate belongs to its holder; whoever may see and manage the holder
 * (the user's region or organisation in scope) may see and manage it.
 */
export class StaffService {
  constructor(private readonly deps: TransactDeps & { db: Db; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  view(c: CertificateRow, today = todayIso(this.now())): StaffCertificate {
    return {
      id: c.id,
      userId: c.userId,
      organisationId: c.organisationId,
      kind: c.kind as CertificateKind,
      number: c.number,
      issuer: c.issuer,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      validToday: certificateValidOn(c, today),
      createdAt: c.createdAt.toISOString(),
    };
  }

  private async holder(auth: AuthContext, userId: string): Promise<UserRow> {
    const u = await findUserInScope(this.deps.db, auth.scope, userId);
    if (!u) throw notFound('user.not_found');
    return u;
  }

  async list(auth: AuthContext, userId: string) {
    await this.holder(auth, userId);
    const rows = await staffRepo(this.deps.db).certificatesOf([userId]);
    return { items: rows.map((c) => this.view(c)) };
  }

  async add(auth: AuthContext, actor: Actor, userId: string, input: CertificateCreate) {
    const u = await this.holder(auth, userId);
    assertCovers(auth, { regionCode: u.regionCode, organisationId: u.organisationId });
    if (input.expiresOn && input.expiresOn < input.issuedOn)
      throw invalidField('/body/expiresOn', 'staff.certificate_dates');
    const c = await transact(this.deps, actor, async (tx, uow) => {
      const row = await staffRepo(tx).insert({
        userId,
        organisationId: u.organisationId,
        kind: input.kind,
        number: input.number,
        issuer: input.issuer ?? null,
        issuedOn: input.issuedOn,
        expiresOn: input.expiresOn ?? null,
        createdBy: actor.userId,
      });
      uow.audit({
        action: 'staff.certificate_add',
        entityType: 'user',
        entityId: userId,
        regionCode: u.regionCode,
        organisationId: u.organisationId,
        summary: `为 ${u.displayName} 登记证书（${input.kind}）`,
        detail: { certificateId: row.id, kind: input.kind, expiresOn: row.expiresOn },
      });
      return row;
    });
    return this.view(c);
  }

  async remove(auth: AuthContext, actor: Actor, userId: string, id: string): Promise<void> {
    const u = await this.holder(auth, userId);
    assertCovers(auth, { regionCode: u.regionCode, organisationId: u.organisationId });
    await transact(this.deps, actor, async (tx, uow) => {
      const c = await staffRepo(tx).revoke(userId, id, this.now());
      if (!c) throw notFound('staff.certificate_not_found');
      uow.audit({
        action: 'staff.certificate_remove',
        entityType: 'user',
        entityId: userId,
        regionCode: u.regionCode,
        organisationId: u.organisationId,
        summary: `撤销 ${u.displayName} 的证书（${c.kind}）`,
        detail: { certificateId: id },
      });
    });
  }
}
