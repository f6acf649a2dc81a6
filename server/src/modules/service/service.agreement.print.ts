import type { FundingSource, ServiceCategory, ServiceUnit } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { todayIso } from '../../platform/dates.ts';
import { maskName } from '../../platform/masking.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { elderIdNumberMasked, findElder } from '../elder/index.ts';
import { findOrganisation } from '../organisation/index.ts';
import { findRegion } from '../region/index.ts';
import { renderAgreementPdf } from './service.agreement.pdf.ts';
import type { ServiceAgreements } from './service.agreements.ts';
import { pricingFactsOf } from './service.facts.ts';
import { priceFor } from './service.pricing.ts';
import { catalogueRepo } from './service.repo.ts';
import { districtOf } from './service.rules.ts';

/**
 * The agreement as a PDF to print and sign: the elder's full name (as on the assessment report) with the ID
 * number masked, the items priced for the elder on the first day; every print audited.
 */
export async function agreementPdf(
  deps: TransactDeps & { db: Db; cipher: FieldCipher; now?: () => Date },
  agreements: ServiceAgreements,
  auth: AuthContext,
  actor: Actor,
  id: string,
): Promise<Buffer> {
  const a = await agreements.find(auth, id);
  const db = deps.db;
  const elder = (await findElder(db, a.elderId))!;
  const district = districtOf(a.regionCode);
  const [org, region, county] = await Promise.all([
    findOrganisation(db, a.organisationId),
    findRegion(db, a.regionCode),
    findRegion(db, district),
  ]);
  const onDate = a.validFrom;
  const facts = await pricingFactsOf(db, a.elderId, onDate);
  const items = [];
  for (const code of a.itemCodes) {
    const item =
      (await catalogueRepo(db).findByCodeOn(district, code, onDate)) ??
      (await catalogueRepo(db).versionsOf(district, code)).at(-1);
    if (!item) continue;
    const price = priceFor(item, facts, onDate);
    items.push({
      code,
      name: item.name,
      category: item.category as ServiceCategory,
      unit: item.unit as ServiceUnit,
      durationMinutes: item.durationMinutes,
      priceCents: price.priceCents,
      elderShareCents: price.elderShareCents,
      fundingSource: price.fundingSource as FundingSource,
      photosAllowed: item.photosAllowed,
    });
  }
  const now = deps.now?.() ?? new Date();
  const pdf = await renderAgreementPdf({
    number: a.number,
    status: a.status as 'draft' | 'signed' | 'ended',
    elder: {
      name: elder.name,
      idNumberMasked: elderIdNumberMasked(deps.cipher, elder),
      regionName: region?.name ?? a.regionCode,
      addressMasked: elder.addressMasked,
    },
    provider: { name: org?.name ?? '' },
    validFrom: a.validFrom,
    validTo: a.validTo,
    items,
    notes: a.notes,
    signer:
      a.signerKind && a.signedAt
        ? {
            kind: a.signerKind as 'elder' | 'guardian',
            name: a.signerName,
            relationship: a.signerRelationship,
            signedAt: a.signedAt,
          }
        : null,
    districtName: county?.name ?? district,
    generatedAt: now,
  });
  await transact(deps, actor, async (_tx, uow) => {
    uow.audit({
      action: 'service.agreement_print',
      entityType: 'service_agreement',
      entityId: a.id,
      regionCode: a.regionCode,
      organisationId: a.organisationId,
      summary: `打印服务协议 ${a.number}（老人 ${maskName(elder.name)}，${todayIso(now)}）`,
    });
  });
  return pdf;
}
