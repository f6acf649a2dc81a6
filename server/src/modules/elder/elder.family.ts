import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { maskName, maskPhone } from '../../platform/masking.ts';
import { transact } from '../../platform/uow.ts';
import { ELDER_CIPHER_CONTEXT, encryptOrNull } from './elder.codec.ts';
import { appendVersion } from './elder.commands.ts';
import type { ElderDeps, ElderQueries } from './elder.queries.ts';
import { elderRepo } from './elder.repo.ts';
import { normalizePhone } from './elder.rules.ts';
import type { FamilyCreate, FamilyUpdate, FamilyView } from './elder.schema.ts';
import type { elderFamily } from './elder.table.ts';
import { familyViewOf } from './elder.views.ts';

/**
 * An elder's family members (家属): add, change, remove. Each change is a new
 * version of the record (elder.commands.ts `appendVersion`); a member whose
 * account binding or consent changed has its cached sessions resolved afresh.
 */

/** What the history keeps of a member: masked, consent as a yes/no. */
function familyHistory(f: {
  name: string;
  relationship: string;
  mayActFor: boolean;
  isGuardian: boolean;
  consentedAt: Date | null;
}) {
  return {
    name: maskName(f.name),
    relationship: f.relationship,
    mayActFor: f.mayActFor,
    isGuardian: f.isGuardian,
    consent: f.consentedAt !== null,
  };
}

export class ElderFamily {
  constructor(
    private readonly deps: ElderDeps,
    private readonly queries: ElderQueries,
  ) {}

  async addFamily(
    auth: AuthContext,
    actor: Actor,
    elderId: string,
    input: FamilyCreate,
  ): Promise<FamilyView> {
    const { elder: cur } = await this.queries.current(auth, elderId);
    const m = await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      const m = await repo.insertFamily({ elderId, ...this.familyColumns(input) });
      await appendVersion(repo, uow, actor, cur, 'family', null, {
        before: null,
        after: { family: { action: 'added', id: m.id, ...familyHistory(m) } },
      });
      return m;
    });
    return familyViewOf(this.deps.cipher, m);
  }

  private familyColumns(input: FamilyUpdate) {
    const out: Partial<typeof elderFamily.$inferInsert> & {
      name: string;
      relationship: string;
    } = {} as never;
    if (input.name !== undefined) out.name = input.name;
    if (input.relationship !== undefined) out.relationship = input.relationship;
    if (input.phone !== undefined)
      out.phoneEnc = encryptOrNull(
        this.deps.cipher,
        input.phone ? normalizePhone(input.phone) : null,
        ELDER_CIPHER_CONTEXT.familyPhone,
      );
    if (input.mayActFor !== undefined) out.mayActFor = input.mayActFor;
    if (input.isGuardian !== undefined) out.isGuardian = input.isGuardian;
    if (input.consent !== undefined) {
      out.consentedAt = input.consent ? new Date(input.consent.consentedAt) : null;
      out.consentScope = input.consent?.scope ?? null;
      out.consentVersion = input.consent?.version ?? null;
      out.consentDocumentRef = input.consent?.documentRef ?? null;
    }
    return out;
  }

  private async member(elderId: string, memberId: string) {
    const m = (await elderRepo(this.deps.db).familyOf(elderId)).find((f) => f.id === memberId);
    if (!m) throw notFound('elder.family_not_found');
    return m;
  }

  async updateFamily(
    auth: AuthContext,
    actor: Actor,
    elderId: string,
    memberId: string,
    input: FamilyUpdate,
  ): Promise<FamilyView> {
    const { elder: cur } = await this.queries.current(auth, elderId);
    const old = await this.member(elderId, memberId);
    const m = await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      const m = await repo.updateFamily(memberId, this.familyColumns(input));
      await appendVersion(repo, uow, actor, cur, 'family', null, {
        before: { family: { action: 'changed', id: m.id, ...familyHistory(old) } },
        after: {
          family: {
            action: 'changed',
            id: m.id,
            ...familyHistory(m),
            ...(input.phone !== undefined ? { phone: input.phone ? maskPhone(input.phone) : null } : {}),
          },
        },
      });
      return m;
    });
    if (m.userId) this.deps.authCache?.forgetUser(m.userId);
    return familyViewOf(this.deps.cipher, m);
  }

  async removeFamily(auth: AuthContext, actor: Actor, elderId: string, memberId: string): Promise<void> {
    const { elder: cur } = await this.queries.current(auth, elderId);
    const old = await this.member(elderId, memberId);
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = elderRepo(tx);
      await repo.deleteFamily(memberId);
      await appendVersion(repo, uow, actor, cur, 'family', null, {
        before: { family: { action: 'removed', id: old.id, ...familyHistory(old) } },
        after: { family: { action: 'removed', id: old.id } },
      });
    });
    if (old.userId) this.deps.authCache?.forgetUser(old.userId);
  }
}
