import { isPersonalAccount } from '@yiyang/contracts';
import { type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { findElderInScope } from '../elder/index.ts';
import { type OrderRow } from '../order/index.ts';
import { visitRepo } from './visit.repo.ts';
import { cardToken, codeFor, codeMatches, codeValidFor, parseCard } from './visit.rules.ts';
import type { PunchBody } from './visit.schema.ts';
import { nowOf, type VisitDeps } from './visit.shared.ts';

/** The elder's one-time code, the home's QR card and the confirmation PIN (decision 024). */
export class VisitKeys {
  constructor(private readonly deps: VisitDeps) {}

  codeSecret = (elderId: string) => this.deps.cipher.blindIndex(elderId, 'visit.code');
  cardMac = (elderId: string, version: number) =>
    this.deps.cipher.blindIndex(`${elderId}:${version}`, 'visit.card').slice(0, 32);
  pinHash = (elderId: string, pin: string) => this.deps.cipher.blindIndex(`${elderId}:${pin}`, 'visit.pin');

  /** The elder's own record (their own account only). */
  private ownElder(auth: AuthContext): string {
    const self = auth.relations.find((r) => r.kind === 'self');
    if (!isPersonalAccount(auth.roles) || !self) throw new DomainError('visit.not_elder', { status: 403 });
    return self.elderId;
  }

  /** GET /me/visit-code: the code the elder shows the caregiver at the door (rotates every 5 minutes). */
  visitCode(auth: AuthContext) {
    const elderId = this.ownElder(auth);
    const now = nowOf(this.deps);
    return { code: codeFor(this.codeSecret(elderId), now), validForSeconds: codeValidFor(now) };
  }

  /** PUT /me/visit-pin: the PIN the elder types on the caregiver's phone to confirm a visit. */
  async setPin(auth: AuthContext, actor: Actor, pin: string) {
    const elderId = this.ownElder(auth);
    await transact(this.deps, actor, async (tx, uow) => {
      await visitRepo(tx).setPin(elderId, this.pinHash(elderId, pin));
      uow.audit({
        action: 'visit.pin_set',
        entityType: 'elder',
        entityId: elderId,
        summary: 'visit PIN set',
      });
    });
    return { set: true };
  }

  /** POST /elders/:id/visit-card: (re)issues the QR card fixed in the home; an older card stops working. */
  async issueCard(auth: AuthContext, actor: Actor, elderId: string) {
    const found = await findElderInScope(this.deps.db, auth.scope, elderId);
    if (!found) throw notFound('elder.not_found');
    const elder = found.elder;
    const version = await transact(this.deps, actor, async (tx, uow) => {
      const v = await visitRepo(tx).bumpCard(elderId);
      uow.audit({
        action: 'visit.card_issue',
        entityType: 'elder',
        entityId: elderId,
        regionCode: elder.regionCode,
        summary: `visit card v${v}`,
      });
      return v;
    });
    return { elderId, version, token: cardToken(elderId, this.cardMac(elderId, version)) };
  }

  async checkProof(o: OrderRow, body: PunchBody, at: Date): Promise<void> {
    if (body.code !== undefined && !codeMatches(this.codeSecret(o.elderId), body.code, at))
      throw new DomainError('visit.wrong_code', {
        errors: [{ pointer: '/body/code', code: 'visit.wrong_code' }],
      });
    if (body.card !== undefined) {
      const card = parseCard(body.card);
      const keys =
        card && card.elderId === o.elderId ? await visitRepo(this.deps.db).keysOf(o.elderId) : null;
      if (!card || !keys || card.mac !== this.cardMac(o.elderId, keys.cardVersion))
        throw new DomainError('visit.wrong_card', {
          errors: [{ pointer: '/body/card', code: 'visit.wrong_card' }],
        });
    }
  }
}
