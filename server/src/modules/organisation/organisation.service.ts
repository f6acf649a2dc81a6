import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/masking.ts';
import { decodeCursor, page } from '../../platform/pagination.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { organisationRepo, type OrganisationRow } from './organisation.repo.ts';
import type { OrganisationCreate, OrganisationUpdate, OrganisationView } from './organisation.schema.ts';
import { findRegion } from '../region/index.ts';

export class OrganisationService {
  constructor(private readonly deps: TransactDeps & { db: Db; cipher: FieldCipher }) {}

  private view(o: OrganisationRow, regionName: string | null): OrganisationView {
    const phone = o.contactPhoneEnc ? this.deps.cipher.decrypt(o.contactPhoneEnc) : null;
    return {
      id: o.id,
      name: o.name,
      type: o.type as OrganisationView['type'],
      creditCode: o.creditCode,
      regionCode: o.regionCode,
      regionName,
      operatingMode: (o.operatingMode as OrganisationView['operatingMode']) ?? null,
      contactName: o.contactName,
      contactPhoneMasked: phone ? maskPhone(phone) : null,
      status: o.status as OrganisationView['status'],
      createdAt: o.createdAt.toISOString(),
    };
  }

  private async viewOf(o: OrganisationRow) {
    const r = await findRegion(this.deps.db, o.regionCode);
    return this.view(o, r?.name ?? null);
  }

  async list(
    auth: AuthContext,
    q: { regionCode?: string; q?: string; type?: string; limit: number; cursor?: string },
  ) {
    const rows = await organisationRepo(this.deps.db).list(auth.scope, {
      ...q,
      after: decodeCursor(q.cursor),
    });
    const p = page(rows, q.limit, (r) => ({ createdAt: r.org.createdAt, id: r.org.id }));
    return { items: p.items.map((r) => this.view(r.org, r.regionName)), nextCursor: p.nextCursor };
  }

  async get(auth: AuthContext, id: string) {
    const o = await organisationRepo(this.deps.db).findInScope(auth.scope, id);
    if (!o) throw notFound('organisation.not_found');
    return this.viewOf(o);
  }

  private async checkRegion(auth: AuthContext, regionCode: string) {
    if (!(await findRegion(this.deps.db, regionCode)))
      throw invalidField('/body/regionCode', 'region.unknown', { code: regionCode });
    assertCovers(auth, { regionCode }, '/body/regionCode');
  }

  async create(auth: AuthContext, actor: Actor, input: OrganisationCreate) {
    await this.checkRegion(auth, input.regionCode);
    const { cipher } = this.deps;
    const o = await transact(this.deps, actor, async (tx, uow) => {
      const repo = organisationRepo(tx);
      if (input.creditCode && (await repo.findByCreditCode(input.creditCode)))
        throw conflict('organisation.duplicate_credit_code', {}, '/body/creditCode');
      const o = await repo.insert({
        name: input.name,
        type: input.type,
        creditCode: input.creditCode ?? null,
        regionCode: input.regionCode,
        operatingMode: input.operatingMode ?? null,
        contactName: input.contactName ?? null,
        contactPhoneEnc: input.contactPhone ? cipher.encrypt(input.contactPhone) : null,
      });
      uow.audit({
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: o.id,
        regionCode: o.regionCode,
        organisationId: o.id,
        summary: `创建机构 ${o.name}`,
        detail: { type: o.type, regionCode: o.regionCode },
      });
      uow.emit('organisation.created', { id: o.id }, { regionCode: o.regionCode, organisationId: o.id });
      return o;
    });
    return this.viewOf(o);
  }

  async update(auth: AuthContext, actor: Actor, id: string, input: OrganisationUpdate) {
    const current = await organisationRepo(this.deps.db).findInScope(auth.scope, id);
    if (!current) throw notFound('organisation.not_found');
    // Moving an organisation needs the target region in scope as well as the current one.
    if (input.regionCode && input.regionCode !== current.regionCode)
      await this.checkRegion(auth, input.regionCode);
    const { cipher } = this.deps;
    const o = await transact(this.deps, actor, async (tx, uow) => {
      const repo = organisationRepo(tx);
      if (
        input.creditCode &&
        input.creditCode !== current.creditCode &&
        (await repo.findByCreditCode(input.creditCode))
      )
        throw conflict('organisation.duplicate_credit_code', {}, '/body/creditCode');
      const { contactPhone, ...rest } = input;
      const o = await repo.update(id, {
        ...rest,
        ...(contactPhone !== undefined
          ? { contactPhoneEnc: contactPhone ? cipher.encrypt(contactPhone) : null }
          : {}),
      });
      uow.audit({
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: id,
        regionCode: o.regionCode,
        organisationId: id,
        summary: `修改机构 ${o.name}`,
        detail: {
          before: {
            name: current.name,
            type: current.type,
            regionCode: current.regionCode,
            status: current.status,
          },
          after: { ...rest, contactPhone: contactPhone === undefined ? undefined : '(changed)' },
        },
      });
      uow.emit('organisation.updated', { id }, { regionCode: o.regionCode, organisationId: id });
      return o;
    });
    return this.viewOf(o);
  }
}
