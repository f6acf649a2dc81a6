import type { StaffCertificate } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { todayIso } from '../../platform/dates.ts';
import { staffPeopleRepo, type Holder } from './staff.people.repo.ts';
import { staffRepo, type CertificateRow } from './staff.repo.ts';
import type { CertificateCreate } from './staff.schema.ts';
import { certificateView } from './staff.views.ts';

export type StaffDeps = TransactDeps & { db: Db; now?: () => Date };

/**
 * The account whose staff records are read or changed, when it is in the caller's scope: through its own
 * binding (an assessor of an agency) or through its organisation's (a provider's caregiver, whose account
 * carries no region). Writing needs the account's place covered by the caller's scope.
 */
export async function staffHolder(deps: StaffDeps, auth: AuthContext, userId: string, write: boolean) {
  const h = await staffPeopleRepo(deps.db).holderInScope(auth.scope, userId);
  if (!h) throw notFound('user.not_found');
  if (write) assertCovers(auth, { regionCode: h.regionCode, organisationId: h.organisationId });
  return h;
}

/** The audit entry's place: the holder's region and organisation. */
export const holderPlace = (h: Holder) => ({
  entityType: 'user',
  entityId: h.id,
  regionCode: h.regionCode,
  organisationId: h.organisationId,
});

/**
 * Staff qualifications (decision 006; issue 14). A certificate belongs to its holder; whoever may see and
 * manage the holder (the user's region or organisation in scope) may see and manage it.
 */
export class StaffService {
  constructor(private readonly deps: StaffDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  view(c: CertificateRow, today = todayIso(this.now())): StaffCertificate {
    return certificateView(c, today);
  }

  async list(auth: AuthContext, userId: string) {
    await staffHolder(this.deps, auth, userId, false);
    const rows = await staffRepo(this.deps.db).certificatesOf([userId]);
    return { items: rows.map((c) => this.view(c)) };
  }

  async add(auth: AuthContext, actor: Actor, userId: string, input: CertificateCreate) {
    const u = await staffHolder(this.deps, auth, userId, true);
    if (input.expiresOn && input.expiresOn < input.issuedOn)
      throw invalidField('/body/expiresOn', 'staff.certificate_dates');
    const level = input.level ?? null;
    if (input.kind === 'caregiver' && level === null)
      throw invalidField('/body/level', 'staff.level_required');
    if (input.kind !== 'caregiver' && level !== null)
      throw invalidField('/body/level', 'staff.level_not_applicable');
    const c = await transact(this.deps, actor, async (tx, uow) => {
      const row = await staffRepo(tx).insert({
        userId,
        organisationId: u.organisationId,
        kind: input.kind,
        level,
        number: input.number,
        issuer: input.issuer ?? null,
        issuedOn: input.issuedOn,
        expiresOn: input.expiresOn ?? null,
        createdBy: actor.userId,
      });
      uow.audit({
        action: 'staff.certificate_add',
        ...holderPlace(u),
        summary: `为 ${u.displayName} 登记证书（${input.kind}）`,
        detail: { certificateId: row.id, kind: input.kind, level, expiresOn: row.expiresOn },
      });
      return row;
    });
    return this.view(c);
  }

  async remove(auth: AuthContext, actor: Actor, userId: string, id: string): Promise<void> {
    const u = await staffHolder(this.deps, auth, userId, true);
    await transact(this.deps, actor, async (tx, uow) => {
      const c = await staffRepo(tx).revoke(userId, id, this.now());
      if (!c) throw notFound('staff.certificate_not_found');
      uow.audit({
        action: 'staff.certificate_remove',
        ...holderPlace(u),
        summary: `撤销 ${u.displayName} 的证书（${c.kind}）`,
        detail: { certificateId: id },
      });
    });
  }
}
